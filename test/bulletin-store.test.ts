import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { createBulletinStore, type BulletinStore } from "../src/store/bulletin-store.js";
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

describe("bulletin store", () => {
  it("stores documents and items with their metadata and the original file", async () => {
    const { store } = freshStore();
    const report = await ingestFiles({ store, paths: [samples] });
    expect(report.failed).toEqual([]);
    expect(report.documents.map((document) => document.status)).toEqual(Array(6).fill("added"));
    expect(store.counts()).toEqual({ documents: 6, items: 35 });

    const issue = store.findIssue({ issue: 57, year: 2025 })[0]!;
    expect([issue.source, issue.date, issue.publisher, issue.editors]).toEqual(["2025-57-gbk.txt", "2025-10-30", "中共上街区委办公室", ["周明远", "韩晓璐"]]);
    expect(store.getOriginal(issue.id)!.bytes.equals(readFileSync(path.join(samples, "2025-57-gbk.txt")))).toBe(true);

    const socialWork = store.listItems({ departments: ["区委社工部"] });
    expect(socialWork.map((item) => item.date)).toEqual(["2024-03-07", "2025-04-17", "2025-10-30"]);
    expect(store.listItems({ departments: ["区医保局"], from: "2025-01-01", to: "2025-12-31" }).map((item) => [item.date, item.departments])).toEqual([
      ["2025-04-17", ["区卫健委", "区医保局"]],
      ["2025-10-30", ["区医保局"]],
    ]);
    expect(store.listDepartments().find((entry) => entry.department === "区医保局")).toEqual({ department: "区医保局", items: 3 });
  });

  it("re-ingesting the same files changes nothing", async () => {
    const { store } = freshStore();
    await ingestFiles({ store, paths: [samples] });
    const before = store.listItems().map((item) => item.id);
    const again = await ingestFiles({ store, paths: [samples] });
    expect(again.documents.map((document) => document.status)).toEqual(Array(6).fill("unchanged"));
    expect(store.listItems().map((item) => item.id)).toEqual(before);
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
    expect(store.listItems({ departments: ["工业路街道"] })[0]!.body).toContain("23个走访小组");

    const renamed = path.join(folder, "第3期-修订.txt");
    writeFileSync(renamed, readFileSync(file, "utf8").replace("23 个走访小组", "24 个走访小组"));
    const second = await ingestFiles({ store, paths: [renamed] });
    expect(second.documents[0]!.status).toBe("replaced");
    expect(store.listDocuments().map((document) => document.source)).toEqual(["第3期-修订.txt"]);
  });

  it("reports a bad file by name, stores the others, and loses nothing already stored", async () => {
    const { store } = freshStore();
    await ingestFiles({ store, paths: [samples] });
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

  it("refuses a store written by a newer schema, saying how to proceed", () => {
    const { store, dataDir } = freshStore();
    store.database.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    expect(() => createBulletinStore({ dataDir })).toThrow(/schema version 99.*upgrade the program/);
  });
});
