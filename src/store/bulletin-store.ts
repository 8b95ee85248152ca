import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { DocumentKind, IssueEdition, ItemKind, ParsedDocument, StoredDocument, StoredItem } from "../domain.js";
import { openDatabase } from "./open-database.js";

export type SaveStatus = "added" | "replaced" | "unchanged";

export interface SaveResult {
  status: SaveStatus;
  documentId: number;
  /** Ids of the documents this one replaced (same issue or same file path). */
  replacedIds: number[];
}

export interface SaveInput {
  source: string;
  path: string;
  bytes: Buffer;
  mediaType: string;
  text: string;
  parsed: ParsedDocument;
  /** The parser version that read `parsed`: the same file read by an older version is replaced. */
  parser: number;
}

export interface ItemQuery {
  units?: readonly string[];
  from?: string;
  to?: string;
  /** Items in any of these date ranges (an open end is unbounded); instead of from and to. */
  ranges?: readonly { from?: string | undefined; to?: string | undefined }[];
  documentId?: number;
  /** Only items that statistics count: bulletin items of these kinds (reports and △ briefs when none are named). */
  counted?: { kinds?: readonly ItemKind[] | undefined };
  /** Only the last this many of the listing (still in listing order): with units, read through the index alone. */
  newest?: number;
}

/** Which document a source request means: the latest with this date, in this period, or with an issue number. */
export interface DocumentCriteria {
  date?: string;
  from?: string;
  to?: string;
  /** Only documents with an issue number (bulletins, not newspaper articles). */
  numbered?: boolean;
}

export interface BulletinStore {
  readonly database: Database.Database;
  /** Stores one parsed document in a single transaction: same content is a no-op, a changed file replaces its issue. */
  saveDocument(input: SaveInput): SaveResult;
  listDocuments(): StoredDocument[];
  /** One page of documents, newest first, and how many there are in all. */
  listDocumentPage(page: { offset: number; limit: number }): { documents: StoredDocument[]; total: number };
  /** The units each document's items name, in item order, for the given documents. */
  documentUnits(documentIds: readonly number[]): Map<number, string[]>;
  getDocument(id: number): StoredDocument | undefined;
  findIssue(options: { issue: number; year?: number }): StoredDocument[];
  getOriginal(id: number): { source: string; mediaType: string; bytes: Buffer } | undefined;
  /** The decoded text the document was parsed from. */
  getText(id: number): string | undefined;
  /** Items in listing order: by date (undated last), document, position. */
  listItems(query?: ItemQuery): StoredItem[];
  /** How many items listItems(query) would list, and from how many documents, counted in the index. */
  countItems(query: Omit<ItemQuery, "newest">): { items: number; documents: number };
  /** The newest document matching (ties: listing order's first), read by index; undefined when none does. */
  latestDocument(criteria: DocumentCriteria): StoredDocument | undefined;
  getItems(ids: readonly number[]): StoredItem[];
  /** Every unit named in an attribution, with its item count. */
  listUnits(): { unit: string; items: number }[];
  /** The unit names of listUnits() without counting their items: a few index seeks, not a scan of every item. */
  unitNames(): string[];
  /** Series names the stored documents' mastheads give. */
  seriesNames(): string[];
  counts(): { documents: number; items: number };
  /**
   * A counter every change to documents, items or chunks bumps, whichever process or connection
   * made it: a long-running server compares it before each question to notice an ingest next door.
   */
  contentVersion(): number;
  /** Bumps contentVersion; for changes made outside saveDocument (clearing the chunks). */
  markChanged(): void;
  close(): void;
}

/** What reading the bulletins needs (answers, pages, statistics): no writes, no database handle. */
export type BulletinCatalog = Pick<
  BulletinStore,
  "listDocuments" | "listDocumentPage" | "documentUnits" | "getDocument" | "findIssue" | "getOriginal" | "getText" | "listItems" | "countItems" | "latestDocument" | "getItems" | "listUnits" | "unitNames" | "seriesNames" | "counts"
>;

/** meta key of BulletinStore.contentVersion. */
const CONTENT_VERSION_KEY = "content_version";

interface DocumentRow {
  id: number; source: string; sha256: string; kind: DocumentKind; issue: number | null; total_issue: number | null;
  edition: IssueEdition; year: number | null; date: string | null;
  publisher: string | null; series: string | null; editors: string; recipients: string; media_type: string; size: number;
  item_count: number; ingested_at: string;
}

interface ItemRow {
  id: number; document_id: number; position: number; kind: StoredItem["kind"]; unit: string | null; units: string;
  title: string; body: string; attribution: string; document_kind: DocumentKind; issue: number | null; year: number | null;
  date: string | null; source: string; series: string | null; edition: IssueEdition;
}

const DOCUMENT_COLUMNS = `d.id, d.source, d.sha256, d.kind, d.issue, d.total_issue, d.edition, d.year, d.date, d.publisher, d.series, d.editors, d.recipients,
  d.media_type, d.size, d.ingested_at, (SELECT COUNT(*) FROM items i WHERE i.document_id = d.id) AS item_count`;
const ITEM_COLUMNS = `i.id, i.document_id, i.position, i.kind, i.unit, i.units, i.title, i.body, i.attribution,
  d.kind AS document_kind, d.issue, d.year, d.date, d.source, d.series, d.edition`;

function toDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id, source: row.source, sha256: row.sha256, kind: row.kind, issue: row.issue, totalIssue: row.total_issue,
    edition: row.edition, year: row.year, date: row.date,
    publisher: row.publisher, series: row.series, editors: JSON.parse(row.editors) as string[],
    recipients: JSON.parse(row.recipients) as string[], mediaType: row.media_type, size: row.size, itemCount: row.item_count,
    ingestedAt: row.ingested_at,
  };
}

function toItem(row: ItemRow): StoredItem {
  return {
    id: row.id, documentId: row.document_id, position: row.position, kind: row.kind, unit: row.unit,
    units: JSON.parse(row.units) as string[], title: row.title, body: row.body, attribution: row.attribution,
    documentKind: row.document_kind, issue: row.issue, year: row.year, date: row.date, source: row.source, series: row.series,
    edition: row.edition,
  };
}

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Opens the bulletin store in `dataDir` (SQLite, one file). */
export function createBulletinStore(options: { dataDir: string }): BulletinStore {
  const database = openDatabase(options);
  const statements = {
    bySha: database.prepare<[string], { id: number; parser: number }>("SELECT id, parser FROM documents WHERE sha256 = ?"),
    byIssue: database.prepare<{ series: string | null; edition: IssueEdition; year: number; issue: number }, { id: number }>(
      `SELECT id FROM documents WHERE kind = 'bulletin' AND coalesce(series, '') = coalesce(@series, '') AND edition = @edition
       AND year = @year AND issue = @issue`),
    byPath: database.prepare<[string], { id: number }>("SELECT id FROM documents WHERE path = ?"),
    remove: database.prepare<[number]>("DELETE FROM documents WHERE id = ?"),
    insertDocument: database.prepare(`INSERT INTO documents (source, path, sha256, kind, issue, total_issue, edition, year, date,
      publisher, series, editors, recipients, header, footer, media_type, size, original, text, ingested_at, parser)
      VALUES (@source, @path, @sha256, @kind, @issue, @totalIssue, @edition, @year, @date, @publisher, @series, @editors,
      @recipients, @header, @footer, @mediaType, @size, @original, @text, @ingestedAt, @parser)`),
    insertItem: database.prepare(`INSERT INTO items (document_id, position, kind, unit, units, title, body, attribution)
      VALUES (@documentId, @position, @kind, @unit, @units, @title, @body, @attribution)`),
    listDocuments: database.prepare<[], DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d ORDER BY d.date IS NULL, d.date, d.year, d.issue, d.id`),
    // The exact reverse of listDocuments' order.
    documentPage: database.prepare<[number, number], DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d ORDER BY d.date IS NULL DESC, d.date DESC, d.year DESC, d.issue DESC, d.id DESC LIMIT ? OFFSET ?`),
    documentUnits: database.prepare<[string], { document_id: number; unit: string }>(
      `SELECT i.document_id, u.unit FROM items i JOIN item_units u ON u.item_id = i.id
       WHERE i.document_id IN (SELECT value FROM json_each(?)) ORDER BY i.document_id, i.position, u.rowid`),
    // Two statements: "@year IS NULL OR d.year = @year" would read every year's issue of that number (hundreds in a city's archive).
    byIssueNumber: database.prepare<{ issue: number }, DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.issue = @issue ORDER BY d.date IS NULL, d.date, d.year, d.issue, d.id`),
    byIssueNumberAndYear: database.prepare<{ issue: number; year: number }, DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.issue = @issue AND d.year = @year ORDER BY d.date IS NULL, d.date, d.year, d.issue, d.id`),
    getDocument: database.prepare<[number], DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?`),
    original: database.prepare<[number], { source: string; media_type: string; original: Buffer }>("SELECT source, media_type, original FROM documents WHERE id = ?"),
    text: database.prepare<[number], { text: string }>("SELECT text FROM documents WHERE id = ?"),
    units: database.prepare<[], { unit: string; items: number }>(
      "SELECT unit, COUNT(*) AS items FROM item_units GROUP BY unit ORDER BY items DESC, unit"),
    // Skip-scans: one index seek per distinct value (18 units, a few series), where DISTINCT reads every row.
    unitNames: database.prepare<[], string>(
      `WITH RECURSIVE names (unit) AS (SELECT MIN(unit) FROM item_units
         UNION ALL SELECT (SELECT MIN(unit) FROM item_units WHERE unit > names.unit) FROM names WHERE names.unit IS NOT NULL)
       SELECT unit FROM names WHERE unit IS NOT NULL`).pluck(),
    seriesNames: database.prepare<[], string>(
      `WITH RECURSIVE names (series) AS (SELECT MIN(series) FROM documents
         UNION ALL SELECT (SELECT MIN(series) FROM documents WHERE series > names.series) FROM names WHERE names.series IS NOT NULL)
       SELECT series FROM names WHERE series IS NOT NULL`).pluck(),
    counts: database.prepare<[], { documents: number; items: number }>(
      "SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM items) AS items"),
    contentVersion: database.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = '${CONTENT_VERSION_KEY}'`),
    bumpContentVersion: database.prepare(
      `INSERT INTO meta (key, value) VALUES ('${CONTENT_VERSION_KEY}', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`),
  };

  const save = database.transaction((input: SaveInput): SaveResult => {
    const digest = sha256(input.bytes);
    const same = statements.bySha.get(digest);
    if (same && same.parser >= input.parser) return { status: "unchanged", documentId: same.id, replacedIds: [] };
    const { parsed } = input;
    // The same file read again by a newer parser replaces its older reading.
    const replaced = new Set<number>(same ? [same.id] : []);
    if (parsed.kind === "bulletin" && parsed.year !== null && parsed.issue !== null) {
      const issue = { series: parsed.series, edition: parsed.edition, year: parsed.year, issue: parsed.issue };
      for (const row of statements.byIssue.all(issue)) replaced.add(row.id);
    }
    for (const row of statements.byPath.all(input.path)) replaced.add(row.id);
    for (const id of replaced) statements.remove.run(id);
    const documentId = Number(
      statements.insertDocument.run({
        source: input.source, path: input.path, sha256: digest, kind: parsed.kind, issue: parsed.issue,
        totalIssue: parsed.totalIssue, edition: parsed.edition, year: parsed.year,
        date: parsed.date, publisher: parsed.publisher, series: parsed.series, editors: JSON.stringify(parsed.editors),
        recipients: JSON.stringify(parsed.recipients), header: parsed.header, footer: parsed.footer, mediaType: input.mediaType,
        size: input.bytes.length, original: input.bytes, text: input.text, ingestedAt: new Date().toISOString(), parser: input.parser,
      }).lastInsertRowid,
    );
    for (const item of parsed.items) {
      statements.insertItem.run({ documentId, ...item, units: JSON.stringify(item.units) });
    }
    statements.bumpContentVersion.run();
    return { status: replaced.size > 0 ? "replaced" : "added", documentId, replacedIds: [...replaced] };
  });

  function listItems(query: ItemQuery = {}): StoredItem[] {
    if (query.newest !== undefined && query.units && query.units.length > 0 && query.documentId === undefined && !query.ranges && !query.counted) {
      return newestUnitItems({ ...query, units: query.units, newest: query.newest });
    }
    const { where, parameters } = itemFilters(query, { ordered: true });
    const filtered = `FROM items i JOIN documents d ON d.id = i.document_id ${where}`;
    if (query.newest !== undefined) {
      const sql = `SELECT ${ITEM_COLUMNS} ${filtered} ORDER BY d.date IS NULL DESC, d.date DESC, d.id DESC, i.position DESC LIMIT ?`;
      return database.prepare<unknown[], ItemRow>(sql).all(...parameters, query.newest).reverse().map(toItem);
    }
    const sql = `SELECT ${ITEM_COLUMNS} ${filtered} ORDER BY d.date IS NULL, d.date, d.id, i.position`;
    return database.prepare<unknown[], ItemRow>(sql).all(...parameters).map(toItem);
  }

  /** The last `newest` items of units in listing order: a backward scan of item_units_listing, then those rows by id. */
  function newestUnitItems(query: ItemQuery & { units: readonly string[]; newest: number }): StoredItem[] {
    const { where, parameters } = unitRange(query);
    const ids = database
      .prepare<unknown[], number>(`SELECT DISTINCT item_id FROM item_units WHERE ${where}
        ORDER BY date IS NULL DESC, date DESC, document_id DESC, position DESC LIMIT ?`)
      .pluck()
      .all(...parameters, query.newest);
    return getItems(ids.reverse());
  }

  function unitRange(query: ItemQuery & { units: readonly string[] }): { where: string; parameters: unknown[] } {
    const where = [`unit IN (${query.units.map(() => "?").join(", ")})`];
    const parameters: unknown[] = [...query.units];
    if (query.from) { where.push("date >= ?"); parameters.push(query.from); }
    if (query.to) { where.push("date <= ?"); parameters.push(query.to); }
    return { where: where.join(" AND "), parameters };
  }

  /** The WHERE clause (empty when nothing filters) over items i joined with documents d, and its parameters in order. */
  function itemFilters(query: ItemQuery, options: { ordered?: boolean } = {}): { where: string; parameters: unknown[] } {
    // Unary + keeps SQLite from the kind indexes when rows are wanted in listing order: it then walks
    // documents_listing and stops at the limit, where by kind it sorted all 200,000 items (0.3 s).
    const unindexed = options.ordered ? "+" : "";
    const where: string[] = [];
    const parameters: unknown[] = [];
    if (query.units && query.units.length > 0) {
      // A joint report belongs to every unit it names.
      where.push(`i.id IN (SELECT item_id FROM item_units WHERE unit IN (${query.units.map(() => "?").join(", ")}))`);
      parameters.push(...query.units);
    }
    if (query.from) { where.push("d.date >= ?"); parameters.push(query.from); }
    if (query.to) { where.push("d.date <= ?"); parameters.push(query.to); }
    if (query.ranges && query.ranges.length > 0 && query.ranges.every((range) => range.from || range.to)) {
      const each = query.ranges.map((range) => {
        const bounds = [...(range.from ? ["d.date >= ?"] : []), ...(range.to ? ["d.date <= ?"] : [])];
        parameters.push(...(range.from ? [range.from] : []), ...(range.to ? [range.to] : []));
        return `(${bounds.join(" AND ")})`;
      });
      where.push(`(${each.join(" OR ")})`);
    }
    if (query.documentId !== undefined) { where.push("i.document_id = ?"); parameters.push(query.documentId); }
    if (query.counted) {
      const kinds = query.counted.kinds && query.counted.kinds.length > 0 ? query.counted.kinds : ["report", "brief"];
      where.push(`${unindexed}d.kind = 'bulletin' AND ${unindexed}i.kind IN (${kinds.map(() => "?").join(", ")})`);
      parameters.push(...kinds);
    }
    return { where: where.length > 0 ? `WHERE ${where.join(" AND ")}` : "", parameters };
  }

  function countItems(query: Omit<ItemQuery, "newest">): { items: number; documents: number } {
    if (query.units && query.units.length > 0 && query.documentId === undefined && !query.ranges && !query.counted) {
      const { where, parameters } = unitRange({ ...query, units: query.units });
      return database.prepare<unknown[], { items: number; documents: number }>(
        `SELECT COUNT(DISTINCT item_id) AS items, COUNT(DISTINCT document_id) AS documents FROM item_units WHERE ${where}`).get(...parameters)!;
    }
    const { where, parameters } = itemFilters(query);
    return database.prepare<unknown[], { items: number; documents: number }>(
      `SELECT COUNT(*) AS items, COUNT(DISTINCT i.document_id) AS documents FROM items i JOIN documents d ON d.id = i.document_id
       ${where}`).get(...parameters)!;
  }

  function latestDocument(criteria: DocumentCriteria): StoredDocument | undefined {
    const where: string[] = [];
    const parameters: unknown[] = [];
    if (criteria.date !== undefined) { where.push("d.date = ?"); parameters.push(criteria.date); }
    if (criteria.from !== undefined) { where.push("d.date >= ?"); parameters.push(criteria.from); }
    if (criteria.to !== undefined) { where.push("d.date <= ?"); parameters.push(criteria.to); }
    if (criteria.numbered) where.push("d.issue IS NOT NULL");
    const filter = where.length > 0 ? `AND ${where.join(" AND ")}` : "";
    // The latest date first (by the date index), then the first document of that date in listing order; undated ones last.
    const latest = database.prepare<unknown[], string>(`SELECT d.date FROM documents d WHERE d.date IS NOT NULL ${filter} ORDER BY d.date DESC LIMIT 1`).pluck().get(...parameters) ?? null;
    const row = database
      .prepare<unknown[], DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE ${latest === null ? "d.date IS NULL" : "d.date = ?"} ${filter}
        ORDER BY d.year, d.issue, d.id LIMIT 1`)
      .get(...(latest === null ? [] : [latest]), ...parameters);
    return row ? toDocument(row) : undefined;
  }

  function getItems(ids: readonly number[]): StoredItem[] {
    if (ids.length === 0) return [];
    const rows = database
      .prepare<[string], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items i JOIN documents d ON d.id = i.document_id WHERE i.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids));
    const byId = new Map(rows.map((row) => [row.id, toItem(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  // Read whole by source requests and Feishu's /latest: 30,000 rows at 200,000 items, so kept until the content changes.
  let documentList: { version: number; documents: StoredDocument[] } | undefined;
  const contentVersion = () => Number(statements.contentVersion.get()?.value ?? 0);

  return {
    database,
    saveDocument: (input) => save.immediate(input),
    listDocuments: () => {
      const version = contentVersion();
      if (documentList?.version !== version) documentList = { version, documents: statements.listDocuments.all().map(toDocument) };
      return [...documentList.documents];
    },
    getDocument: (id) => {
      const row = statements.getDocument.get(id);
      return row ? toDocument(row) : undefined;
    },
    listDocumentPage: ({ offset, limit }) => ({
      documents: statements.documentPage.all(limit, offset).map(toDocument),
      total: statements.counts.get()!.documents,
    }),
    documentUnits: (documentIds) => {
      const units = new Map<number, string[]>(documentIds.map((id) => [id, []]));
      for (const row of statements.documentUnits.all(JSON.stringify(documentIds))) {
        const list = units.get(row.document_id)!;
        if (!list.includes(row.unit)) list.push(row.unit);
      }
      return units;
    },
    findIssue: ({ issue, year }) => (year === undefined ? statements.byIssueNumber.all({ issue }) : statements.byIssueNumberAndYear.all({ issue, year })).map(toDocument),
    getOriginal: (id) => {
      const row = statements.original.get(id);
      return row ? { source: row.source, mediaType: row.media_type, bytes: row.original } : undefined;
    },
    getText: (id) => statements.text.get(id)?.text,
    listItems,
    countItems,
    latestDocument,
    getItems,
    listUnits: () => statements.units.all(),
    unitNames: () => statements.unitNames.all(),
    seriesNames: () => statements.seriesNames.all(),
    counts: () => statements.counts.get()!,
    contentVersion,
    markChanged: () => void statements.bumpContentVersion.run(),
    close: () => database.close(),
  };
}
