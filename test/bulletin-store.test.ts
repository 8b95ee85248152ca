import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/generate-corpus.js";
import { ingestFiles, type IngestReport } from "../src/ingest/ingest-files.js";
import { createBulletinStore, type BulletinStore } from "../src/store/bulletin-store.js";
import Database from "better-sqlite3";
import { PARSER_VERSION } from "../src/ingest/parse-document.js";
import { SCHEMA_VERSION } from "../src/store/open-database.js";
import { ROOT } from "./helpers/run-cli.js";

const samples = path.join(ROOT, "data/samples");
const opened: BulletinStore[] = [];
function freshStore(dataDir = mkdtempSync(path.join(tmpdir(), "store-"))) {
  const store = createBulletinStore({ dataDir });
  opened.push(store);
  return { store, dataDir };
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** The samples ingested once into a fresh store, closed: tests that start from them open a copy. */
const ingestedSamples = { dataDir: "", report: undefined as IngestReport | undefined };
beforeAll(async () => {
  ingestedSamples.dataDir = mkdtempSync(path.join(tmpdir(), "store-"));
  const store = createBulletinStore({ dataDir: ingestedSamples.dataDir });
  try {
    ingestedSamples.report = await ingestFiles({ store, paths: [samples] });
  } finally {
    store.close();
  }
});
/** A store of its own holding what a fresh ingest of the samples stored. */
function storeWithSamples() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "store-"));
  cpSync(ingestedSamples.dataDir, dataDir, { recursive: true });
  return freshStore(dataDir);
}

describe("bulletin store", () => {
  it("stores documents and items with their metadata and the original file", async () => {
    const { store } = storeWithSamples();
    const report = ingestedSamples.report!;
    expect(report.failed).toEqual([]);
    expect(report.documents.map((document) => document.status)).toEqual(Array(6).fill("added"));
    expect(store.counts()).toEqual({ documents: 6, items: 35 });

    const issue = store.findIssue({ issue: 57, year: 2025 })[0]!;
    expect([issue.source, issue.date, issue.publisher, issue.editors]).toEqual(["2025-57-gbk.txt", "2025-10-30", "中共上街区委办公室", ["周明远", "韩晓璐"]]);
    expect(store.getOriginal(issue.id)!.bytes.equals(readFileSync(path.join(samples, "2025-57-gbk.txt")))).toBe(true);

    const socialWork = store.listItems({ units: ["区委社工部"] });
    expect(socialWork.map((item) => item.date)).toEqual(["2024-03-07", "2025-04-17", "2025-10-30"]);
    expect(store.listItems({ units: ["区医保局"], from: "2025-01-01", to: "2025-12-31" }).map((item) => [item.date, item.units])).toEqual([
      ["2025-04-17", ["区卫健委", "区医保局"]],
      ["2025-10-30", ["区医保局"]],
    ]);
    expect(store.listUnits().find((entry) => entry.unit === "区医保局")).toEqual({ unit: "区医保局", items: 3 });
  });

  it("re-ingesting the same files changes nothing", async () => {
    const { store } = storeWithSamples();
    const before = store.listItems().map((item) => item.id);
    const again = await ingestFiles({ store, paths: [samples] });
    expect(again.documents.map((document) => document.status)).toEqual(Array(6).fill("unchanged"));
    expect(store.listItems().map((item) => item.id)).toEqual(before);
  });

  it("reads an unchanged file again when it was stored by an older parser, and only then", async () => {
    const { store, dataDir } = storeWithSamples();
    store.close();
    // As a store written before the parser last changed: the items carry the older reading.
    const database = new Database(path.join(dataDir, "bulletins.db"));
    database.prepare("UPDATE documents SET parser = ? WHERE source = '2026-03.txt'").run(PARSER_VERSION - 1);
    database.prepare("UPDATE items SET title = 'older reading' WHERE document_id = (SELECT id FROM documents WHERE source = '2026-03.txt')").run();
    database.close();
    const { store: reopened } = freshStore(dataDir);
    const again = await ingestFiles({ store: reopened, paths: [samples] });
    expect(again.documents.map((document) => [document.source, document.status]).filter(([, status]) => status !== "unchanged")).toEqual([["2026-03.txt", "replaced"]]);
    expect(reopened.listItems().map((item) => item.title)).not.toContain("older reading");
    expect(reopened.counts()).toEqual({ documents: 6, items: ingestedSamples.report!.documents.reduce((sum, document) => sum + document.parsed.items.length, 0) });
    const third = await ingestFiles({ store: reopened, paths: [samples] });
    expect(third.documents.every((document) => document.status === "unchanged")).toBe(true);
  });

  it("replaces an issue when its file changes, and when another file carries the same issue", async () => {
    const { store } = freshStore();
    const folder = mkdtempSync(path.join(tmpdir(), "changed-"));
    const file = path.join(folder, "2026-03.txt");
    copyFileSync(path.join(samples, "2026-03.txt"), file);
    await ingestFiles({ store, paths: [file] });
    writeFileSync(file, readFileSync(file, "utf8").replace("21 个走访小组", "23 个走访小组"));
    const changed = await ingestFiles({ store, paths: [file] });
    expect(changed.documents[0]!.status).toBe("replaced");
    expect(store.counts()).toEqual({ documents: 1, items: 7 });
    expect(store.listItems({ units: ["工业路街道"] })[0]!.body).toContain("23个走访小组");

    const renamed = path.join(folder, "第3期-修订.txt");
    writeFileSync(renamed, readFileSync(file, "utf8").replace("23 个走访小组", "24 个走访小组"));
    const second = await ingestFiles({ store, paths: [renamed] });
    expect(second.documents[0]!.status).toBe("replaced");
    expect(store.listDocuments().map((document) => document.source)).toEqual(["第3期-修订.txt"]);
  });

  it("reports a bad file by name, stores the others, and loses nothing already stored", async () => {
    const { store } = storeWithSamples();
    const folder = mkdtempSync(path.join(tmpdir(), "bad-"));
    writeFileSync(path.join(folder, "坏文件.pdf"), Buffer.from("%PDF-1.4\n1 0 obj <<"));
    writeFileSync(path.join(folder, "空文件.txt"), "");
    copyFileSync(path.join(ROOT, "test/fixtures/formats/sample-bulletin.md"), path.join(folder, "good.md"));
    const report = await ingestFiles({ store, paths: [folder] });
    expect(report.failed.map((failure) => failure.source).sort()).toEqual(["坏文件.pdf", "空文件.txt"]);
    expect(report.failed.every((failure) => /；/.test(failure.error))).toBe(true);
    expect(report.documents.map((document) => [document.source, document.status])).toEqual([["good.md", "added"]]);
    expect(store.counts().documents).toBe(7);
  });

  it("keeps a supplement, a 专报 and another series' issue of the same number apart from the regular issue", async () => {
    const { store } = freshStore();
    const folder = mkdtempSync(path.join(tmpdir(), "editions-"));
    const item = "\n区教育局推进课后服务 一是拓展课程。开设课程120门。（区教育局）\n";
    writeFileSync(path.join(folder, "regular.txt"), `上街信息\n第7期\n中共上街区委办公室\n2024年3月1日${item}`);
    writeFileSync(path.join(folder, "supplement.txt"), `上街信息\n增刊第7期（总第412期）\n中共上街区委办公室\n2024年3月8日${item}`);
    writeFileSync(path.join(folder, "report.txt"), `上街信息（专报）\n第7期\n中共上街区委办公室\n2024年3月9日${item}`);
    writeFileSync(path.join(folder, "other-series.txt"), `信 息 简 报\n第7期\n中共江川市委办公室 2024年3月15日\n市委召开常委会议\n3月14日，市委召开常委会议。\n`);
    const report = await ingestFiles({ store, paths: [folder] });
    expect(report.documents.map((document) => document.status)).toEqual(["added", "added", "added", "added"]);
    expect(store.listDocuments().map((document) => [document.series, document.edition, document.issue, document.totalIssue, document.year])).toEqual([
      ["上街信息", "regular", 7, null, 2024],
      ["上街信息", "supplement", 7, 412, 2024],
      ["上街信息", "report", 7, null, 2024],
      ["信息简报", "regular", 7, null, 2024],
    ]);
    expect(store.listItems().map((item) => [item.series, item.edition, item.unit])).toEqual([
      ["上街信息", "regular", "区教育局"],
      ["上街信息", "supplement", "区教育局"],
      ["上街信息", "report", "区教育局"],
      ["信息简报", "regular", "中共江川市委办公室"],
    ]);

    writeFileSync(path.join(folder, "supplement-revised.txt"), `上街信息\n增刊第7期\n中共上街区委办公室\n2024年3月8日${item}（修订）`);
    const revised = await ingestFiles({ store, paths: [path.join(folder, "supplement-revised.txt")] });
    expect(revised.documents.map((document) => [document.status, document.replacedIds.length])).toEqual([["replaced", 1]]);
    expect(store.listDocuments().map((document) => document.source)).toEqual(["regular.txt", "supplement-revised.txt", "report.txt", "other-series.txt"]);
  });

  it("upgrades a version-4 store in place: every document and its units kept, as a regular issue without 总第 number", async () => {
    const { store, dataDir } = storeWithSamples();
    // Turn the fresh store back into what version 4 wrote.
    store.database.exec(`
      ALTER TABLE documents DROP COLUMN parser;
      DROP INDEX documents_listing;
      DROP INDEX documents_kind;
      DROP INDEX items_counting;
      DROP TRIGGER documents_date_update;
      DROP INDEX item_units_listing;
      DROP TRIGGER chunks_deleted;
      DROP TABLE chunk_deletions;
      DROP INDEX documents_series;
      DROP TRIGGER items_units_insert;
      DROP TRIGGER items_units_update;
      DROP TABLE item_units;
      DROP INDEX documents_order;
      DROP INDEX documents_issue_number;
      DROP INDEX items_unit;
      ALTER TABLE items RENAME COLUMN unit TO department;
      ALTER TABLE items RENAME COLUMN units TO departments;
      CREATE INDEX items_department ON items (department);
      DROP INDEX documents_issue;
      ALTER TABLE documents DROP COLUMN edition;
      ALTER TABLE documents DROP COLUMN total_issue;
      CREATE UNIQUE INDEX documents_issue ON documents (year, issue) WHERE kind = 'bulletin' AND issue IS NOT NULL AND year IS NOT NULL;
      UPDATE meta SET value = '4' WHERE key = 'schema_version';
    `);
    store.close();
    const upgraded = createBulletinStore({ dataDir });
    opened.push(upgraded);
    expect(upgraded.database.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    expect(upgraded.counts()).toEqual({ documents: 6, items: 35 });
    expect(upgraded.listUnits().length).toBe(17);
    expect(upgraded.listItems({ units: ["区委社工部"] }).map((item) => item.date)).toEqual(["2024-03-07", "2025-04-17", "2025-10-30"]);
    expect(new Set(upgraded.listDocuments().map((document) => `${document.series} ${document.edition} ${document.totalIssue}`))).toEqual(new Set(["上街信息 regular null"]));
  });

  it("pages documents newest first with the total, and names each one's units", async () => {
    const { store } = storeWithSamples();
    const newestFirst = store.listDocuments().reverse();
    const first = store.listDocumentPage({ offset: 0, limit: 4 });
    const second = store.listDocumentPage({ offset: 4, limit: 4 });
    expect(first.total).toBe(6);
    expect([...first.documents, ...second.documents].map((document) => document.id)).toEqual(newestFirst.map((document) => document.id));
    const units = store.documentUnits(newestFirst.map((document) => document.id));
    for (const document of newestFirst) {
      expect(units.get(document.id)).toEqual([...new Set(store.listItems({ documentId: document.id }).flatMap((item) => item.units))]);
    }
  });

  it("finds an issue, a unit's items and the unit counts through indexes, not table scans", async () => {
    const { store } = storeWithSamples();
    const plan = (sql: string, ...parameters: unknown[]) =>
      (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join("; ");
    expect(plan("SELECT id FROM documents d WHERE d.issue = ?", 57)).not.toMatch(/SCAN d\b/);
    // With the year, both columns of the index are sought: not every year's issue 57.
    expect(plan("SELECT id FROM documents d WHERE d.issue = ? AND d.year = ?", 57, 2025)).toMatch(/documents_issue_number \(issue=\? AND year=\?\)/);
    expect(plan("SELECT i.id FROM items i WHERE i.id IN (SELECT item_id FROM item_units WHERE unit IN (?))", "区农委")).not.toMatch(/SCAN (i|item_units)\b/);
    expect(plan("SELECT id FROM documents d ORDER BY d.date IS NULL DESC, d.date DESC, d.year DESC, d.issue DESC, d.id DESC LIMIT 50")).not.toMatch(/TEMP B-TREE/);
    expect(store.findIssue({ issue: 57 }).map((document) => document.source)).toEqual(["2025-57-gbk.txt"]);
  });

  it("names the units and series on record by index seeks, the same names as listing them", async () => {
    const { store } = freshStore();
    await ingestFiles({ store, paths: [samples] });
    expect(store.unitNames()).toEqual(store.listUnits().map((entry) => entry.unit).sort());
    expect(store.seriesNames()).toEqual([...new Set(store.listDocuments().flatMap((document) => (document.series ? [document.series] : [])))].sort());
    expect(store.seriesNames().length).toBeGreaterThan(0);
    const plan = (sql: string) => (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join("; ");
    expect(plan("SELECT MIN(series) FROM documents WHERE series > 'a'")).toMatch(/USING COVERING INDEX documents_series/);
  });

  it("lists the newest items of units, counts them and finds the latest document as the whole listings would", async () => {
    const { store, dataDir } = freshStore();
    generateCorpus({ count: 120, seed: 4, outDir: path.join(dataDir, "corpus") });
    await ingestFiles({ store, paths: [path.join(dataDir, "corpus"), samples] });
    const [first, second] = store.listUnits().map((entry) => entry.unit);
    const distinctDocuments = (items: { documentId: number }[]) => new Set(items.map((item) => item.documentId)).size;
    for (const query of [{ units: [first!] }, { units: [first!, second!] }, { units: [first!], from: "2024-01-01", to: "2025-06-30" }, { units: ["区农委"] }, { units: ["没有这个单位"] }]) {
      const all = store.listItems(query);
      expect(all.length).toBeLessThan(store.counts().items);
      for (const newest of [1, 7, 10_000]) expect(store.listItems({ ...query, newest })).toEqual(all.slice(-newest));
      expect(store.countItems(query)).toEqual({ items: all.length, documents: distinctDocuments(all) });
    }
    expect(store.listItems({ documentId: 3, newest: 2 })).toEqual(store.listItems({ documentId: 3 }).slice(-2));
    // The latest document by date; of several that day, the first in listing order.
    const documents = store.listDocuments();
    const latest = (keep: (document: (typeof documents)[number]) => boolean) => documents.filter(keep).sort((left, right) => (right.date ?? "").localeCompare(left.date ?? ""))[0];
    const someDate = documents[40]!.date!;
    expect(store.latestDocument({ date: someDate })).toEqual(latest((document) => document.date === someDate));
    expect(store.latestDocument({ date: "1999-01-01" })).toBeUndefined();
    expect(store.latestDocument({ numbered: true })).toEqual(latest((document) => document.issue !== null));
    expect(store.latestDocument({ from: "2024-03-01", to: "2024-05-31" })).toEqual(latest((document) => document.date !== null && document.date >= "2024-03-01" && document.date <= "2024-05-31"));
  });

  it("reads a unit's newest items and their counts through the listing index, not every item", async () => {
    const { store, dataDir } = freshStore();
    generateCorpus({ count: 60, seed: 4, outDir: path.join(dataDir, "corpus") });
    await ingestFiles({ store, paths: [path.join(dataDir, "corpus")] });
    const unit = store.listUnits()[0]!.unit;
    const statements: string[] = [];
    const prepare = store.database.prepare.bind(store.database);
    store.database.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof store.database.prepare;
    store.listItems({ units: [unit], newest: 20 });
    store.listItems({ counted: {}, newest: 20 });
    store.countItems({ units: [unit], from: "2024-01-01" });
    store.latestDocument({ numbered: true });
    store.database.prepare = prepare;
    expect(statements.length).toBeGreaterThan(2);
    for (const sql of statements) {
      const plan = (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => "2024-01-01")) as { detail: string }[]).map((row) => row.detail).join("; ");
      expect(plan, sql).not.toMatch(/SCAN (i|d|item_units|documents)\b(?! USING (COVERING )?INDEX)/);
      // Sorting is left to the index, but for the few documents of one day.
      if (sql.includes("item_units") || sql.includes("FROM items i JOIN")) expect(plan, sql).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it("refuses a store written by a newer schema, saying how to proceed", () => {
    const { store, dataDir } = freshStore();
    store.database.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    expect(() => createBulletinStore({ dataDir })).toThrow(/schema version 99.*upgrade the program/);
  });
});
