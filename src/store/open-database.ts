import path from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { ensurePrivateDirectory, ensurePrivateFile } from "./ensure-private.js";

/** Bump when the schema changes; add a step to MIGRATIONS that upgrades from the previous version. */
export const SCHEMA_VERSION = 12;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL,
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('bulletin', 'article')),
      issue INTEGER,
      year INTEGER,
      date TEXT,
      publisher TEXT,
      series TEXT,
      editors TEXT NOT NULL,
      recipients TEXT NOT NULL,
      header TEXT NOT NULL,
      footer TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      original BLOB NOT NULL,
      text TEXT NOT NULL,
      ingested_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX documents_issue ON documents (year, issue) WHERE kind = 'bulletin' AND issue IS NOT NULL AND year IS NOT NULL;
    CREATE INDEX documents_path ON documents (path);
    CREATE INDEX documents_date ON documents (date);
    CREATE TABLE items (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('report', 'brief', 'article')),
      department TEXT,
      departments TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      attribution TEXT NOT NULL,
      UNIQUE (document_id, position)
    );
    CREATE INDEX items_department ON items (department);
  `,
  // Retrieval units: an item, or a passage of a long item. Ids are never reused, so the
  // vector and lexical indexes (caches outside SQLite) can be reconciled by id.
  2: `
    CREATE TABLE chunks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      text TEXT NOT NULL,
      UNIQUE (item_id, position)
    );
  `,
  // What a conversation was about, so a follow-up ("那2023年呢？") keeps its unit and period.
  3: `
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      understanding TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
  // Feishu: message ids already handled (dedup that survives a restart) and answer feedback.
  4: `
    CREATE TABLE seen_messages (
      key TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE feedback (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      answer_id TEXT NOT NULL,
      rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      citations TEXT NOT NULL,
      user_id TEXT,
      chat_id TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (answer_id, user_id)
    );
    CREATE TABLE answers (
      id TEXT PRIMARY KEY,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      citations TEXT NOT NULL,
      chat_id TEXT,
      created_at TEXT NOT NULL
    );
  `,
  // Issues of other series and editions: 增刊第7期 is not 第7期, and 《信息简报》第7期 is not
  // 《上街信息》第7期, so an issue is identified by series, edition, year and number.
  5: `
    ALTER TABLE documents ADD COLUMN edition TEXT NOT NULL DEFAULT 'regular'
      CHECK (edition IN ('regular', 'supplement', 'special', 'report'));
    ALTER TABLE documents ADD COLUMN total_issue INTEGER;
    DROP INDEX documents_issue;
    CREATE UNIQUE INDEX documents_issue ON documents (coalesce(series, ''), edition, year, issue)
      WHERE kind = 'bulletin' AND issue IS NOT NULL AND year IS NOT NULL;
  `,
  // One word for one concept: the reporting unit (报送单位) is `unit` everywhere in code and schema.
  6: `
    ALTER TABLE items RENAME COLUMN department TO unit;
    ALTER TABLE items RENAME COLUMN departments TO units;
    DROP INDEX items_department;
    CREATE INDEX items_unit ON items (unit);
  `,
  // Reads by index instead of whole-table scans at 200,000 items: a unit's items (item_units,
  // kept by triggers from items.units), an issue by number, and a page of documents newest first.
  7: `
    CREATE TABLE item_units (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      unit TEXT NOT NULL
    );
    CREATE INDEX item_units_unit ON item_units (unit, item_id);
    CREATE INDEX item_units_item ON item_units (item_id);
    INSERT INTO item_units (item_id, unit) SELECT i.id, j.value FROM items i, json_each(i.units) j;
    CREATE TRIGGER items_units_insert AFTER INSERT ON items BEGIN
      INSERT INTO item_units (item_id, unit) SELECT NEW.id, value FROM json_each(NEW.units);
    END;
    CREATE TRIGGER items_units_update AFTER UPDATE OF units ON items BEGIN
      DELETE FROM item_units WHERE item_id = NEW.id;
      INSERT INTO item_units (item_id, unit) SELECT NEW.id, value FROM json_each(NEW.units);
    END;
    CREATE INDEX documents_issue_number ON documents (issue, year);
    CREATE INDEX documents_order ON documents (date IS NULL, date, year, issue, id);
  `,
  // The series on record without reading every document (their rows carry the original files).
  8: `
    CREATE INDEX documents_series ON documents (series);
  `,
  // Chunks deleted (an issue replaced or removed), in order: a search index removes them from memory
  // without reading every chunk id to find what went. clear() sets meta 'clearing_chunks' to log nothing.
  9: `
    CREATE TABLE chunk_deletions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      chunk_id INTEGER NOT NULL
    );
    CREATE TRIGGER chunks_deleted AFTER DELETE ON chunks
      WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'clearing_chunks')
    BEGIN
      INSERT INTO chunk_deletions (chunk_id) VALUES (OLD.id);
    END;
  `,
  // A unit's items in listing order from the index alone (date, document, position beside the unit), so
  // "the newest 200 of a unit's 19,000 items" and their counts read 200 index entries, not every item.
  10: `
    DROP TRIGGER items_units_insert;
    DROP TRIGGER items_units_update;
    DROP TABLE item_units;
    CREATE TABLE item_units (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      unit TEXT NOT NULL,
      document_id INTEGER NOT NULL,
      position INTEGER NOT NULL,
      date TEXT
    );
    INSERT INTO item_units (item_id, unit, document_id, position, date)
      SELECT i.id, j.value, i.document_id, i.position, d.date FROM items i JOIN documents d ON d.id = i.document_id, json_each(i.units) j;
    CREATE INDEX item_units_unit ON item_units (unit, item_id);
    CREATE INDEX item_units_item ON item_units (item_id);
    CREATE INDEX item_units_listing ON item_units (unit, date IS NULL, date, document_id, position, item_id);
    CREATE TRIGGER items_units_insert AFTER INSERT ON items BEGIN
      INSERT INTO item_units (item_id, unit, document_id, position, date)
        SELECT NEW.id, value, NEW.document_id, NEW.position, (SELECT date FROM documents WHERE id = NEW.document_id) FROM json_each(NEW.units);
    END;
    CREATE TRIGGER items_units_update AFTER UPDATE OF units ON items BEGIN
      DELETE FROM item_units WHERE item_id = NEW.id;
      INSERT INTO item_units (item_id, unit, document_id, position, date)
        SELECT NEW.id, value, NEW.document_id, NEW.position, (SELECT date FROM documents WHERE id = NEW.document_id) FROM json_each(NEW.units);
    END;
    CREATE TRIGGER documents_date_update AFTER UPDATE OF date ON documents BEGIN
      UPDATE item_units SET date = NEW.date WHERE document_id = NEW.id;
    END;
  `,
  // The newest counted items of the whole archive, and how many there are, from indexes: the
  // documents' rows carry the original files, so any scan of them reads hundreds of MB.
  11: `
    CREATE INDEX documents_listing ON documents (date IS NULL, date, id);
    CREATE INDEX documents_kind ON documents (kind, date, id);
    CREATE INDEX items_counting ON items (document_id, kind);
  `,
  // Which version of the parser read a document: an unchanged file read by an older one is read again.
  12: `
    ALTER TABLE documents ADD COLUMN parser INTEGER NOT NULL DEFAULT 1;
  `,
};

/** How long a write waits for another process's write transaction (an ingest beside the server) before failing. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating or upgrading) the SQLite store `bulletins.db` in `dataDir`. The directory is
 * 0700 and the database 0600 (SQLite gives its -wal and -shm files the database's mode). Several
 * processes may open the store at once: writers queue for up to BUSY_TIMEOUT_MS.
 */
export function openDatabase(options: { dataDir: string }): Database.Database {
  const file = path.join(options.dataDir, "bulletins.db");
  let database: Database.Database;
  try {
    ensurePrivateDirectory(options.dataDir);
    ensurePrivateFile(file, { create: true });
    for (const companion of [`${file}-wal`, `${file}-shm`]) ensurePrivateFile(companion);
    database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (cause) {
    throw new StoreError({ message: `cannot open ${file}`, hint: "check that the data directory is writable (--data-dir or DATA_DIR)", cause });
  }
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    enableWriteAheadLog(database);
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
    migrate(database, file);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/**
 * Switching a new database to WAL takes an exclusive lock and, unlike other statements, does not
 * wait for the busy timeout: two processes creating the store at the same instant would see
 * SQLITE_BUSY. So it is retried, briefly, for up to BUSY_TIMEOUT_MS.
 */
function enableWriteAheadLog(database: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (database.pragma("journal_mode", { simple: true }) !== "wal") database.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10 + Math.random() * 20);
    }
  }
}

function schemaVersion(database: Database.Database): number {
  const hasMeta = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  return hasMeta
    ? Number((database.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined)?.value ?? 0)
    : 0;
}

function migrate(database: Database.Database, file: string): void {
  const upgrade = () => {
    // Read again inside the write transaction: another process opening a new store may have just migrated it.
    const current = schemaVersion(database);
    if (current > SCHEMA_VERSION) {
      throw new StoreError({
        message: `${file} has schema version ${current}, newer than this program understands (${SCHEMA_VERSION})`,
        hint: "upgrade the program, or point --data-dir at another directory",
      });
    }
    for (let version = current + 1; version <= SCHEMA_VERSION; version += 1) {
      database.exec(MIGRATIONS[version]!);
      database.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(version));
    }
  };
  // The common case, an up-to-date store, needs no write lock.
  if (schemaVersion(database) === SCHEMA_VERSION) return;
  database.transaction(upgrade).immediate();
}
