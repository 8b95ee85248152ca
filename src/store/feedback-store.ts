import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { CitationJson } from "../domain.js";

export interface FeedbackEntry {
  id: number;
  rating: "up" | "down";
  question: string;
  answer: string;
  citations: CitationJson[];
  userId: string | null;
  chatId: string | null;
  createdAt: string;
}

export interface FeedbackStore {
  /** Keeps an answer a card was sent for, so that a later 👍/👎 click can be stored with it. */
  recordAnswer(options: { question: string; answer: string; citations: readonly CitationJson[]; chatId?: string }): string;
  /** Stores (or changes) one person's rating of an answer; false when the answer is unknown. */
  rate(options: { answerId: string; rating: "up" | "down"; userId?: string; chatId?: string }): boolean;
  list(options?: { rating?: "up" | "down"; limit?: number }): FeedbackEntry[];
}

export function createFeedbackStore(database: Database.Database): FeedbackStore {
  const insertAnswer = database.prepare("INSERT INTO answers (id, question, answer, citations, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const findAnswer = database.prepare<[string], { question: string; answer: string; citations: string }>("SELECT question, answer, citations FROM answers WHERE id = ?");
  const upsertFeedback = database.prepare(`INSERT INTO feedback (answer_id, rating, question, answer, citations, user_id, chat_id, created_at)
    VALUES (@answerId, @rating, @question, @answer, @citations, @userId, @chatId, @createdAt)
    ON CONFLICT (answer_id, user_id) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`);
  return {
    recordAnswer: ({ question, answer, citations, chatId }) => {
      const id = randomUUID();
      insertAnswer.run(id, question, answer, JSON.stringify(citations), chatId ?? null, new Date().toISOString());
      return id;
    },
    rate: ({ answerId, rating, userId, chatId }) => {
      const answer = findAnswer.get(answerId);
      if (!answer) return false;
      upsertFeedback.run({ answerId, rating, ...answer, userId: userId ?? "", chatId: chatId ?? null, createdAt: new Date().toISOString() });
      return true;
    },
    list: ({ rating, limit = 100 } = {}) =>
      database
        .prepare<unknown[], { id: number; rating: "up" | "down"; question: string; answer: string; citations: string; user_id: string | null; chat_id: string | null; created_at: string }>(
          `SELECT * FROM feedback ${rating ? "WHERE rating = ?" : ""} ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(...(rating ? [rating, limit] : [limit]))
        .map((row) => ({
          id: row.id, rating: row.rating, question: row.question, answer: row.answer, citations: JSON.parse(row.citations) as CitationJson[],
          userId: row.user_id || null, chatId: row.chat_id, createdAt: row.created_at,
        })),
  };
}
