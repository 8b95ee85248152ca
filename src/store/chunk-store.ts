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
  /** Ids of the chunks after `id`, ascending: what was added since (ids only grow). */
  chunkIdsAfter(id: number): number[];
  chunkCount(): number;
  /** The chunks with these ids that exist, in ascending id order. */
  getChunks(ids: readonly number[]): StoredChunk[];
  /**
   * Splits every item that has no chunk yet with `split` and records `chunkSize`, in one write
   * transaction that waits for other processes' writes instead of failing.
   */
  chunkNewItems(options: { split: (item: { title: string; body: string }) => string[]; chunkSize: number }): void;
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

/** Chunks live beside the items they cut, in the bulletin store's database. */
export function createChunkStore(options: { database: Database.Database; markChanged: () => void }): ChunkStore {
  const { database } = options;
  const columns = "c.id, c.item_id, i.document_id, c.position, c.text, i.title, i.units, d.date, d.issue, d.year";
  const selectIds = database.prepare<[], number>("SELECT id FROM chunks ORDER BY id").pluck();
  const selectIdsAfter = database.prepare<[number], number>("SELECT id FROM chunks WHERE id > ? ORDER BY id").pluck();
  const countChunks = database.prepare<[], number>("SELECT COUNT(*) FROM chunks").pluck();
  const selectByIds = database.prepare<[string], ChunkRow>(`
    SELECT ${columns} FROM chunks c JOIN items i ON i.id = c.item_id JOIN documents d ON d.id = i.document_id
    WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`);
  // Every item gets at least one chunk, in id order, so the unchunked items are those after the last chunked one.
  const unchunkedItems = database.prepare<[], { id: number; body: string; title: string }>(
    "SELECT i.id, i.body, i.title FROM items i WHERE i.id > coalesce((SELECT MAX(item_id) FROM chunks), 0) ORDER BY i.id");
  const insertChunk = database.prepare("INSERT INTO chunks (item_id, position, text) VALUES (?, ?, ?)");
  const selectChunkSize = database.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = '${CHUNK_SIZE_KEY}'`);
  const recordChunkSize = database.prepare(`INSERT INTO meta (key, value) VALUES ('${CHUNK_SIZE_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const chunkNewItems = database.transaction((split: (item: { title: string; body: string }) => string[], chunkSize: number) => {
    for (const item of unchunkedItems.all()) split(item).forEach((text, index) => insertChunk.run(item.id, index + 1, text));
    recordChunkSize.run(String(chunkSize));
  });
  const clear = database.transaction(() => {
    database.exec(`DELETE FROM chunks; DELETE FROM meta WHERE key = '${CHUNK_SIZE_KEY}';`);
    // A running server notices and rebuilds from the new chunk ids.
    options.markChanged();
  });
  const toChunk = (row: ChunkRow): StoredChunk => ({
    id: row.id, itemId: row.item_id, documentId: row.document_id, position: row.position, text: row.text, title: row.title,
    units: JSON.parse(row.units) as string[], date: row.date, issue: row.issue, year: row.year,
  });

  return {
    chunkIds: () => selectIds.all(),
    chunkIdsAfter: (id) => selectIdsAfter.all(id),
    chunkCount: () => countChunks.get()!,
    getChunks: (ids) => (ids.length === 0 ? [] : selectByIds.all(JSON.stringify(ids)).map(toChunk)),
    // IMMEDIATE: a deferred transaction that reads and then writes fails at once with "database is locked"
    // when another process committed in between; this one queues for the write lock instead.
    chunkNewItems: ({ split, chunkSize }) => chunkNewItems.immediate(split, chunkSize),
    chunkSize: () => {
      const value = selectChunkSize.get()?.value;
      return value === undefined ? undefined : Number(value);
    },
    clear: () => clear.immediate(),
  };
}
