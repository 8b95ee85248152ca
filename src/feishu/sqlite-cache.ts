import type Database from "better-sqlite3";
import type { Cache } from "@larksuiteoapi/node-sdk";

/** The namespace the SDK's Channel uses for handled message ids. */
const SEEN_NAMESPACE = "channel:seen";

/**
 * The SDK's cache, with handled message ids kept in SQLite so that dedup survives a restart
 * (Feishu redelivers events it thinks were not acknowledged). Everything else (tenant tokens)
 * stays in memory.
 */
export function createSqliteCache(database: Database.Database): Cache {
  const memory = new Map<string, { value: unknown; expiresAt: number }>();
  const select = database.prepare<[string], { expires_at: number }>("SELECT expires_at FROM seen_messages WHERE key = ?");
  const upsert = database.prepare("INSERT INTO seen_messages (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at");
  const prune = database.prepare("DELETE FROM seen_messages WHERE expires_at < ?");
  let writes = 0;
  const memoryKey = (key: string | symbol, namespace: string | undefined) => `${namespace ?? ""}\u0000${String(key)}`;
  return {
    get: async (key, options) => {
      if (options?.namespace === SEEN_NAMESPACE) {
        const row = select.get(String(key));
        return row && row.expires_at > Date.now() ? "1" : undefined;
      }
      const entry = memory.get(memoryKey(key as string | symbol, options?.namespace));
      return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
    },
    set: async (key, value, expire, options) => {
      const expiresAt = expire === undefined || !Number.isFinite(expire) ? Number.MAX_SAFE_INTEGER : expire;
      if (options?.namespace === SEEN_NAMESPACE) {
        upsert.run(String(key), expiresAt);
        if (++writes % 500 === 0) prune.run(Date.now());
        return true;
      }
      memory.set(memoryKey(key as string | symbol, options?.namespace), { value, expiresAt });
      return true;
    },
  };
}
