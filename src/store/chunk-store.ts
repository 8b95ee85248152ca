import type Database from "better-sqlite3";

/** A retrieval unit as stored: an item, or one passage of a long item, with what filtering and citing need. */
export interface StoredChunk {
  id: number;
  itemId: number;
  documentId: number;
  position: number;
  text: string;
  title: string;
  units: string[];
  date: string | null;
  issue: number | null;
  year: number | null;
}

/** The chunks table: the truth the search index files are reconciled with. */
export interface ChunkStore {
  /** Ids of every chunk, ascending. */
  chunkIds(): number[];
  /** Ids of the chunks after `id`, ascending, at most `limit`: what was added since (ids only grow). */
  chunkIdsAfter(id: number, limit?: number): number[];
  /** The highest chunk id, 0 when there is none. */
  maxChunkId(): number;
  chunkCount(): number;
  /** How many chunks have ids above `id` (cheap when few do, unlike counting those up to it). */
  countChunksAfter(id: number): number;
  /** The chunks with these ids that exist, in ascending id order. */
  getChunks(ids: readonly number[]): StoredChunk[];
  /**
   * Splits up to `limit` items (default all) that have no chunk yet with `split` and records
   * `chunkSize`, in one write transaction; returns how many items it chunked. It waits for other
   * processes' writes unless `wait` is false: then it returns "busy" at once when another process
   * holds the write lock (a server retries later instead of blocking its event loop).
   */
  chunkNewItems(options: { split: (item: { title: string; body: string }) => string[]; chunkSize: number; limit?: number; wait?: boolean }): number | "busy";
  /**
   * Chunks deleted since deletion number `after` (their items were replaced or removed), and the
   * number of the last deletion: a search index applies these instead of comparing every id.
   */
  deletionsAfter(after: number): { ids: number[]; last: number };
  /** The passage length the chunks were cut with; undefined before the first chunking. */
  chunkSize(): number | undefined;
  /** Deletes every chunk, so the next chunking starts afresh (after a change of embedder). */
  clear(): void;
}

interface ChunkRow {
  id: number; item_id: number; document_id: number; position: number; text: string; title: string; units: string;
  date: string | null; issue: number | null; year: number | null;
}

const CHUNK_SIZE_KEY = "chunk_max_chars";
/** meta key set while clear() runs: its trigger then logs no deletions (migration 9). */
export const CLEARING_KEY = "clearing_chunks";

/** Chunks live beside the items they cut, in the bulletin store's database. */
export function createChunkStore(options: { database: Database.Database; markChanged: () => void }): ChunkStore {
  const { database } = options;
  const columns = "c.id, c.item_id, i.document_id, c.position, c.text, i.title, i.units, d.date, d.issue, d.year";
  const selectIds = database.prepare<[], number>("SELECT id FROM chunks ORDER BY id").pluck();
  const selectIdsAfter = database.prepare<[number, number], number>("SELECT id FROM chunks WHERE id > ? ORDER BY id LIMIT ?").pluck();
  const selectMaxId = database.prepare<[], number>("SELECT coalesce(MAX(id), 0) FROM chunks").pluck();
  const countChunks = database.prepare<[], number>("SELECT COUNT(*) FROM chunks").pluck();
  const countChunksAfter = database.prepare<[number], number>("SELECT COUNT(*) FROM chunks WHERE id > ?").pluck();
  const selectByIds = database.prepare<[string], ChunkRow>(`
    SELECT ${columns} FROM chunks c JOIN items i ON i.id = c.item_id JOIN documents d ON d.id = i.document_id
    WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`);
  // Every item gets at least one chunk, in id order, so the unchunked items are those after the last chunked one.
  const unchunkedItems = database.prepare<[number], { id: number; body: string; title: string }>(
    "SELECT i.id, i.body, i.title FROM items i WHERE i.id > coalesce((SELECT MAX(item_id) FROM chunks), 0) ORDER BY i.id LIMIT ?");
  const insertChunk = database.prepare("INSERT INTO chunks (item_id, position, text) VALUES (?, ?, ?)");
  const selectChunkSize = database.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = '${CHUNK_SIZE_KEY}'`);
  const recordChunkSize = database.prepare(`INSERT INTO meta (key, value) VALUES ('${CHUNK_SIZE_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const hasUnchunkedItems = database.prepare<[], number>(
    "SELECT EXISTS (SELECT 1 FROM items i WHERE i.id > coalesce((SELECT MAX(item_id) FROM chunks), 0))").pluck();
  const selectDeletions = database.prepare<[number], { seq: number; chunk_id: number }>("SELECT seq, chunk_id FROM chunk_deletions WHERE seq > ? ORDER BY seq");
  const lastDeletion = database.prepare<[], number>("SELECT coalesce(MAX(seq), 0) FROM chunk_deletions").pluck();
  const chunkNewItems = database.transaction((split: (item: { title: string; body: string }) => string[], chunkSize: number, limit: number) => {
    const items = unchunkedItems.all(limit);
    for (const item of items) split(item).forEach((text, index) => insertChunk.run(item.id, index + 1, text));
    recordChunkSize.run(String(chunkSize));
    return items.length;
  });
  const clear = database.transaction(() => {
    // Every chunk goes: not one deletion each in the log (the flag silences its trigger), but the log emptied.
    database.exec(`INSERT INTO meta (key, value) VALUES ('${CLEARING_KEY}', '1');
      DELETE FROM chunks; DELETE FROM chunk_deletions; DELETE FROM meta WHERE key IN ('${CHUNK_SIZE_KEY}', '${CLEARING_KEY}');`);
    // A running server notices and rebuilds from the new chunk ids.
    options.markChanged();
  });
  const toChunk = (row: ChunkRow): StoredChunk => ({
    id: row.id, itemId: row.item_id, documentId: row.document_id, position: row.position, text: row.text, title: row.title,
    units: JSON.parse(row.units) as string[], date: row.date, issue: row.issue, year: row.year,
  });

  return {
    chunkIds: () => selectIds.all(),
    chunkIdsAfter: (id, limit) => selectIdsAfter.all(id, limit ?? -1),
    maxChunkId: () => selectMaxId.get()!,
    chunkCount: () => countChunks.get()!,
    countChunksAfter: (id) => countChunksAfter.get(id)!,
    getChunks: (ids) => (ids.length === 0 ? [] : selectByIds.all(JSON.stringify(ids)).map(toChunk)),
    // IMMEDIATE: a deferred transaction that reads and then writes fails at once with "database is locked"
    // when another process committed in between; this one queues for the write lock instead.
    chunkNewItems: ({ split, chunkSize, limit, wait = true }) => {
      // Nothing to do is found by a read: no write lock taken, so processes checking at once never queue for one.
      if (hasUnchunkedItems.get() === 0 && Number(selectChunkSize.get()?.value) === chunkSize) return 0;
      const run = () => chunkNewItems.immediate(split, chunkSize, limit ?? -1);
      if (wait) return run();
      // SQLite's busy handler sleeps on the calling thread: a server asks once and comes back later instead.
      const waitMs = database.pragma("busy_timeout", { simple: true }) as number;
      database.pragma("busy_timeout = 0");
      try {
        return run();
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") return "busy";
        throw error;
      } finally {
        database.pragma(`busy_timeout = ${waitMs}`);
      }
    },
    deletionsAfter: (after) => {
      const rows = selectDeletions.all(after);
      return { ids: rows.map((row) => row.chunk_id), last: rows.at(-1)?.seq ?? Math.max(after, lastDeletion.get()!) };
    },
    chunkSize: () => {
      const value = selectChunkSize.get()?.value;
      return value === undefined ? undefined : Number(value);
    },
    clear: () => clear.immediate(),
  };
}
