import type { Cache } from "@larksuiteoapi/node-sdk";
import type { SeenMessageStore } from "../store/seen-message-store.js";

/** The namespace the SDK's Channel uses for handled message ids. */
const SEEN_NAMESPACE = "channel:seen";

/**
 * The SDK's cache, with handled message ids kept in SQLite so that dedup survives a restart
 * (Feishu redelivers events it thinks were not acknowledged). Everything else (tenant tokens)
 * stays in memory.
 */
export function createSqliteCache(options: { seen: SeenMessageStore }): Cache {
  const { seen } = options;
  const memory = new Map<string, { value: unknown; expiresAt: number }>();
  const memoryKey = (key: string | symbol, namespace: string | undefined) => `${namespace ?? ""}\u0000${String(key)}`;
  return {
    get: async (key, options) => {
      if (options?.namespace === SEEN_NAMESPACE) return seen.expiresAt(String(key)) === undefined ? undefined : "1";
      const entry = memory.get(memoryKey(key as string | symbol, options?.namespace));
      return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
    },
    set: async (key, value, expire, options) => {
      const expiresAt = expire === undefined || !Number.isFinite(expire) ? Number.MAX_SAFE_INTEGER : expire;
      if (options?.namespace === SEEN_NAMESPACE) {
        seen.remember(String(key), expiresAt);
        return true;
      }
      memory.set(memoryKey(key as string | symbol, options?.namespace), { value, expiresAt });
      return true;
    },
  };
}
