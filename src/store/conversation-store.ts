import type Database from "better-sqlite3";

/** Conversations older than this no longer lend their unit and period to a new question. */
const CONVERSATION_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Which conversation a turn belongs to. Ids are only unique within their channel, and a web
 * page chooses its own: keys are stored as "channel:id", so a web session can never name a
 * Feishu thread and pick up its unit and period.
 */
export interface ConversationKey {
  channel: "web" | "feishu" | "cli";
  id: string;
}

/** The last turn of each conversation, as the caller's own record type `T` (stored as JSON). */
export interface ConversationStore<T> {
  previous(key: ConversationKey): T | undefined;
  remember(key: ConversationKey, turn: T): void;
}

function storedId(key: ConversationKey): string {
  return `${key.channel}:${key.id}`;
}

/** Keeps the last turn (e.g. the understood question) of each conversation (chat thread, web page session) in SQLite. */
export function createConversationStore<T>(database: Database.Database): ConversationStore<T> {
  const select = database.prepare<[string], { understanding: string; updated_at: string }>("SELECT understanding, updated_at FROM conversations WHERE id = ?");
  const upsert = database.prepare(
    "INSERT INTO conversations (id, understanding, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET understanding = excluded.understanding, updated_at = excluded.updated_at",
  );
  const prune = database.prepare("DELETE FROM conversations WHERE updated_at < ?");
  return {
    previous: (key) => {
      const row = select.get(storedId(key));
      if (!row || Date.parse(row.updated_at) < Date.now() - CONVERSATION_TTL_MS) return undefined;
      // Written by remember() of this same store, so it has the caller's shape.
      return JSON.parse(row.understanding) as T;
    },
    remember: (key, turn) => {
      const now = new Date();
      upsert.run(storedId(key), JSON.stringify(turn), now.toISOString());
      prune.run(new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000).toISOString());
    },
  };
}
