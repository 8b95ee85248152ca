import type Database from "better-sqlite3";

/** Message ids a chat channel has handled, kept across restarts so that a redelivered event is answered once. */
export interface SeenMessageStore {
  /** The expiry (ms since epoch) recorded for `key`, or undefined when never seen or expired. */
  expiresAt(key: string): number | undefined;
  remember(key: string, expiresAt: number): void;
}

/** Backed by the seen_messages table; expired rows are pruned every 500 writes. */
export function createSeenMessageStore(database: Database.Database): SeenMessageStore {
  const select = database.prepare<[string], { expires_at: number }>("SELECT expires_at FROM seen_messages WHERE key = ?");
  const upsert = database.prepare("INSERT INTO seen_messages (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at");
  const prune = database.prepare("DELETE FROM seen_messages WHERE expires_at < ?");
  let writes = 0;
  return {
    expiresAt: (key) => {
      const row = select.get(key);
      return row && row.expires_at > Date.now() ? row.expires_at : undefined;
    },
    remember: (key, expiresAt) => {
      upsert.run(key, expiresAt);
      if (++writes % 500 === 0) prune.run(Date.now());
    },
  };
}
