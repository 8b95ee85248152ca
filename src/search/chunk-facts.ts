import { IndexOutOfDateError } from "../errors.js";
import type { StoredChunk } from "../store/chunk-store.js";
import { runToEnd, type Steps } from "../time-slicer.js";
import { createIdSlots } from "./id-slots.js";

/**
 * What a search filter narrows the chunks by before scoring. A chunk that passes the search's own
 * filter always passes these (they select a superset): items naming none of `units` are kept when
 * they name no unit at all, since an article passes a unit filter by naming the unit in its text.
 */
export interface ChunkCriteria {
  units?: readonly string[];
  from?: string;
  to?: string;
  issue?: number;
  year?: number;
  date?: string;
}

/** The chunks find() selects, as parallel arrays in the same order. */
export interface FoundChunks {
  ids: number[];
  itemIds: number[];
  /** The chunk's item names no unit: it passes a unit filter only if its text names the unit. */
  unitless: boolean[];
}

/** What filtering reads of a chunk: everything but its text and headline. */
export type ChunkFact = Omit<StoredChunk, "text" | "title">;

/** Bump whenever the binary layout changes; older files are then rejected and rebuilt. */
export const CHUNK_FACTS_FORMAT_VERSION = 1;
const MAGIC = "FACTSBIN\n";
const ROWS_PER_PART = 8192;

/**
 * Unit, date and issue of every indexed chunk in typed arrays (a few MiB at 200,000 chunks), so
 * a filter finds its candidates in one pass in memory: through SQLite, a unit's 10,000 chunks
 * were 10,000 random reads.
 */
export interface ChunkFacts {
  size(): number;
  has(id: number): boolean;
  /** Ids ascending. */
  ids(): number[];
  /** The highest id, 0 when empty. */
  maxId(): number;
  /** The store's chunk deletion log position these facts reflect (ChunkStore.deletionsAfter), saved with them. */
  deletions: number;
  add(facts: readonly ChunkFact[]): void;
  remove(ids: readonly number[]): void;
  /** Chunks that may match `criteria` (the superset ChunkCriteria describes), in the order they were added. */
  find(criteria: ChunkCriteria): ChunkFact[];
  /** find() as ids, without an object per chunk: a unit's 19,000 chunks as objects were a third of a question's time. */
  findIds(criteria: ChunkCriteria): FoundChunks;
  serialize(): Buffer;
  /** serialize() as steps (time-slicer.ts) giving the file's parts in order. */
  serializeSteps(): Steps<Uint8Array[]>;
}

interface DocumentFact {
  date: string | null;
  issue: number | null;
  year: number | null;
}

/** Serialised form: per chunk [id, itemId, documentId, position, unitList], plus the tables they point into. */
interface FactsHeader {
  formatVersion: number;
  chunks: number;
  /** Absent in files written before the deletion log: every logged deletion is then applied (unknown ids are ignored). */
  deletions?: number;
  documents: [number, string | null, number | null, number | null][];
  unitLists: string[][];
}

export function createChunkFacts(): ChunkFacts {
  return buildChunkFacts();
}

/** Reads ChunkFacts.serialize() output; throws IndexOutOfDateError (with the reindex hint) for another format. */
export function deserializeChunkFacts(options: { bytes: Buffer; source?: string }): ChunkFacts {
  return runToEnd(deserializeChunkFactsSteps(options));
}

/** deserializeChunkFacts as steps (time-slicer.ts). */
export function* deserializeChunkFactsSteps(options: { bytes: Buffer; source?: string }): Steps<ChunkFacts> {
  const { bytes } = options;
  const source = options.source ?? "chunk facts";
  if (bytes.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) throw new IndexOutOfDateError({ message: `${source}: not a chunk facts file` });
  let header: FactsHeader;
  try {
    const length = bytes.readUInt32LE(MAGIC.length);
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString("utf8")) as FactsHeader;
  } catch (error) {
    throw new IndexOutOfDateError({ message: `${source}: chunk facts header is unreadable`, cause: error });
  }
  if (header.formatVersion !== CHUNK_FACTS_FORMAT_VERSION) {
    throw new IndexOutOfDateError({ message: `${source}: unsupported chunk facts format version ${String(header.formatVersion)} (this version reads ${CHUNK_FACTS_FORMAT_VERSION})` });
  }
  const start = Math.ceil((MAGIC.length + 4 + bytes.readUInt32LE(MAGIC.length)) / 8) * 8;
  const byteLength = header.chunks * 5 * 8;
  if (start + byteLength > bytes.length) throw new IndexOutOfDateError({ message: `${source}: chunk facts file is truncated` });
  const at = bytes.byteOffset + start;
  // A view of the file's buffer when it is aligned (it is when read whole), else a copy.
  const rows = at % 8 === 0 ? new Float64Array(bytes.buffer, at, header.chunks * 5) : new Float64Array((bytes.buffer as ArrayBuffer).slice(at, at + byteLength));
  yield;
  const facts = buildChunkFacts();
  yield* facts.load({ header, rows });
  return facts;
}

function buildChunkFacts(): ChunkFacts & { load(saved: { header: FactsHeader; rows: Float64Array }): Steps<void> } {
  const slotById = createIdSlots();
  let liveCount = 0;
  let ids = new Float64Array(1024);
  let itemIds = new Int32Array(1024);
  let documentIds = new Int32Array(1024);
  let positions = new Int32Array(1024);
  let unitListIds = new Int32Array(1024);
  let live = new Uint8Array(1024);
  let slotCount = 0;
  const documents = new Map<number, DocumentFact>();
  let largestDocumentId = 0;
  const unitLists: string[][] = [];
  const unitListIdByKey = new Map<string, number>();

  function ensure(slots: number): void {
    if (slots <= ids.length) return;
    let capacity = ids.length;
    while (capacity < slots) capacity *= 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(array: T, grown: T): T => {
      grown.set(array);
      return grown;
    };
    ids = grow(ids, new Float64Array(capacity));
    itemIds = grow(itemIds, new Int32Array(capacity));
    documentIds = grow(documentIds, new Int32Array(capacity));
    positions = grow(positions, new Int32Array(capacity));
    unitListIds = grow(unitListIds, new Int32Array(capacity));
    live = grow(live, new Uint8Array(capacity));
  }

  function unitListId(units: readonly string[]): number {
    const key = JSON.stringify(units);
    let id = unitListIdByKey.get(key);
    if (id === undefined) {
      id = unitLists.length;
      unitLists.push([...units]);
      unitListIdByKey.set(key, id);
    }
    return id;
  }

  function put(fact: { id: number; itemId: number; documentId: number; position: number; unitList: number }): void {
    const existing = slotById.get(fact.id);
    if (existing !== -1) live[existing] = 0;
    else liveCount += 1;
    const slot = slotCount++;
    ensure(slotCount);
    ids[slot] = fact.id;
    itemIds[slot] = fact.itemId;
    documentIds[slot] = fact.documentId;
    positions[slot] = fact.position;
    unitListIds[slot] = fact.unitList;
    live[slot] = 1;
    slotById.set(fact.id, slot);
  }

  /** Fills empty facts from a saved file. */
  function* load(saved: { header: FactsHeader; rows: Float64Array }): Steps<void> {
    facts.deletions = saved.header.deletions ?? 0;
    for (const [id, date, issue, year] of saved.header.documents) {
      documents.set(id, { date, issue, year });
      largestDocumentId = Math.max(largestDocumentId, id);
    }
    for (const units of saved.header.unitLists) unitListId(units);
    const { rows } = saved;
    const count = saved.header.chunks;
    ensure(count);
    // Saved facts have distinct ids: copied straight into the columns.
    for (let row = 0; row < count; row += 1) {
      const offset = row * 5;
      ids[row] = rows[offset]!;
      itemIds[row] = rows[offset + 1]!;
      documentIds[row] = rows[offset + 2]!;
      positions[row] = rows[offset + 3]!;
      unitListIds[row] = rows[offset + 4]!;
      slotById.set(ids[row]!, row);
      if (row % 8192 === 8191) yield;
    }
    live.fill(1, 0, count);
    slotCount = count;
    liveCount = count;
  }

  function factAt(slot: number): ChunkFact {
    const document = documents.get(documentIds[slot]!)!;
    return {
      id: ids[slot]!, itemId: itemIds[slot]!, documentId: documentIds[slot]!, position: positions[slot]!,
      units: unitLists[unitListIds[slot]!]!, date: document.date, issue: document.issue, year: document.year,
    };
  }

  /** Slots of the live chunks that may match `criteria`, in slot order. */
  function matchingSlots(criteria: ChunkCriteria): number[] {
    const wanted = criteria.units && criteria.units.length > 0 ? new Set(criteria.units) : undefined;
    // Decided once per unit list and per document, then looked up for every chunk.
    const unitListPasses = Uint8Array.from(unitLists, (units) => (!wanted || units.length === 0 || units.some((unit) => wanted.has(unit)) ? 1 : 0));
    const filtersDocuments = criteria.from !== undefined || criteria.to !== undefined || criteria.date !== undefined || criteria.issue !== undefined || criteria.year !== undefined;
    // 0 = not decided yet, 1 = passes, 2 = does not; by document id (a few tens of thousands).
    const documentVerdicts = new Uint8Array(filtersDocuments ? largestDocumentId + 1 : 0);
    const documentPass = (documentId: number): boolean => {
      if (!filtersDocuments) return true;
      let verdict = documentVerdicts[documentId]!;
      if (verdict === 0) {
        const { date, issue, year } = documents.get(documentId)!;
        const pass =
          (criteria.from === undefined || (date !== null && date >= criteria.from)) &&
          (criteria.to === undefined || (date !== null && date <= criteria.to)) &&
          (criteria.date === undefined || date === criteria.date) &&
          (criteria.issue === undefined || issue === criteria.issue) &&
          (criteria.year === undefined || year === criteria.year);
        verdict = pass ? 1 : 2;
        documentVerdicts[documentId] = verdict;
      }
      return verdict === 1;
    };
    const found: number[] = [];
    for (let slot = 0; slot < slotCount; slot += 1) {
      if (live[slot] === 1 && unitListPasses[unitListIds[slot]!] === 1 && documentPass(documentIds[slot]!)) found.push(slot);
    }
    return found;
  }

  function find(criteria: ChunkCriteria): ChunkFact[] {
    return matchingSlots(criteria).map(factAt);
  }

  function findIds(criteria: ChunkCriteria): FoundChunks {
    const slots = matchingSlots(criteria);
    return {
      ids: slots.map((slot) => ids[slot]!),
      itemIds: slots.map((slot) => itemIds[slot]!),
      unitless: slots.map((slot) => unitLists[unitListIds[slot]!]!.length === 0),
    };
  }

  function* serializeSteps(): Steps<Uint8Array[]> {
    const liveSlots: number[] = [];
    const usedDocuments = new Set<number>();
    for (let slot = 0; slot < slotCount; slot += 1) {
      if (live[slot] === 0) continue;
      liveSlots.push(slot);
      usedDocuments.add(documentIds[slot]!);
    }
    yield;
    const header: FactsHeader = {
      formatVersion: CHUNK_FACTS_FORMAT_VERSION,
      chunks: liveSlots.length,
      deletions: facts.deletions,
      documents: [...usedDocuments].map((id) => {
        const document = documents.get(id)!;
        return [id, document.date, document.issue, document.year];
      }),
      unitLists,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    const prefix = MAGIC.length + 4 + headerBytes.length;
    const parts: Uint8Array[] = [Buffer.from(MAGIC, "latin1"), length, headerBytes, Buffer.alloc(Math.ceil(prefix / 8) * 8 - prefix)];
    // Rows in blocks, each its own part: fresh memory is touched a little at a time.
    for (let first = 0; first < liveSlots.length; first += ROWS_PER_PART) {
      const slots = liveSlots.slice(first, first + ROWS_PER_PART);
      const rows = new Float64Array(slots.length * 5);
      slots.forEach((slot, row) => {
        const offset = row * 5;
        rows[offset] = ids[slot]!;
        rows[offset + 1] = itemIds[slot]!;
        rows[offset + 2] = documentIds[slot]!;
        rows[offset + 3] = positions[slot]!;
        rows[offset + 4] = unitListIds[slot]!;
      });
      parts.push(new Uint8Array(rows.buffer));
      yield;
    }
    return parts;
  }

  const facts: ChunkFacts & { load: typeof load } = {
    deletions: 0,
    size: () => liveCount,
    has: (id) => slotById.has(id),
    ids: () => slotById.ids(),
    maxId: () => {
      let largest = 0;
      for (let slot = 0; slot < slotCount; slot += 1) if (live[slot] === 1 && ids[slot]! > largest) largest = ids[slot]!;
      return largest;
    },
    add(facts) {
      for (const fact of facts) {
        documents.set(fact.documentId, { date: fact.date, issue: fact.issue, year: fact.year });
        largestDocumentId = Math.max(largestDocumentId, fact.documentId);
        put({ id: fact.id, itemId: fact.itemId, documentId: fact.documentId, position: fact.position, unitList: unitListId(fact.units) });
      }
    },
    remove(removed) {
      for (const id of removed) {
        const slot = slotById.get(id);
        if (slot === -1) continue;
        live[slot] = 0;
        slotById.delete(id);
        liveCount -= 1;
      }
    },
    find,
    findIds,
    serialize: () => Buffer.concat(runToEnd(serializeSteps())),
    serializeSteps,
    load,
  };
  return facts;
}
