import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../src/errors.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { readDocument } from "../src/ingest/read-document.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { writeBombDocx, writeBombPdf } from "./helpers/bomb-files.js";
import { SAMPLES } from "./helpers/sample-application.js";

const GIGABYTE = 1024 * 1024 * 1024;

let folder: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "ingest-limits-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Each test gets its own subfolder, so that a directory ingest sees only its files. */
function subfolder(name: string): string {
  const path = join(folder, name);
  rmSync(path, { recursive: true, force: true });
  return mkdtempSync(`${path}-`);
}

/** A bulletin of `count` one-sentence items, each closed by its unit. */
function bulletinWithItems(count: number): string {
  const items = Array.from({ length: count }, (_, index) => `区样本局开展第${index + 1}次样本编写活动，完成样本${index + 1}份。（区样本局）\n`);
  return ["上街信息", "第 9 期", "示例区委办公室", "2031年4月1日", "", ...items].join("\n");
}

/** The failure ingest reports for one file; parsing runs in the worker, so a missed bomb fails only there. */
async function ingestFailure(options: { path: string }): Promise<string | undefined> {
  const store = createBulletinStore({ dataDir: mkdtempSync(join(folder, "store-")) });
  try {
    const report = await ingestFiles({ store, paths: [options.path] });
    return report.failed[0]?.error;
  } finally {
    store.close();
  }
}

async function readError(options: { path: string }): Promise<IngestError> {
  const error: unknown = await readDocument({ path: options.path }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

/** A .docx-like zip with the given parts (already-built content), deflated unless `stored`. */
async function zipWith(parts: Record<string, string | Uint8Array>, options: { stored?: boolean } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  if (options.stored) return zip.generateAsync({ type: "uint8array", compression: "STORE" });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

describe("ingest limits: size before reading", () => {
  it("refuses a 3 GB file by its size from stat, without reading it", async () => {
    const path = join(subfolder("huge"), "巨大文件.txt");
    writeFileSync(path, "");
    truncateSync(path, 3 * GIGABYTE); // sparse: no disk used
    const error = await readError({ path });
    expect(error.source).toBe("巨大文件.txt");
    // Read first, the file would show as 20 MB (what was read) or fail as unreadable.
    expect(error.reason).toBe("文件有 3072 MB，超过 20 MB 的上限");
    expect(error.hint).toContain("INGEST_MAX_FILE_MB");
  });

  it("refuses decoded text longer than 2,000,000 characters", async () => {
    const path = join(subfolder("long"), "长文本.txt");
    writeFileSync(path, "区样本局。\n".repeat(400_001));
    const error = await readError({ path });
    expect(error.reason).toBe("文件的文字有 2,400,006 个字符，超过 2,000,000 个的上限");
  });
});

describe("ingest limits: .docx archives are checked before they are parsed", () => {
  it("refuses a zip bomb by the size its directory declares", async () => {
    const path = join(subfolder("bomb"), "炸弹.docx");
    // Over the 50 MB limit; cli-ingest.test.ts refuses a 300 MB one in a whole CLI run.
    await writeBombDocx({ path, inflatedMegabytes: 60 });
    expect(await ingestFailure({ path })).toBe(
      "文档解压后有 60.0 MB，超过 50 MB 的上限，可能是异常文件；请用 Word 或 WPS 打开确认内容后“另存为” .docx 再导入；如确是正常简报，请联系管理员",
    );
  });

  it("refuses a zip bomb whose directory understates its size, by inflating without keeping", async () => {
    const path = join(subfolder("liar"), "伪装.docx");
    await writeBombDocx({ path, inflatedMegabytes: 60, lieAboutSize: true });
    expect(await ingestFailure({ path })).toMatch(/^文档部件“word\/document\.xml”解压后超过其目录记录的 40 KB，可能是异常文件；/);
  });

  it("refuses an absurd compression ratio even under the total limit", async () => {
    const path = join(subfolder("ratio"), "高压缩比.docx");
    writeFileSync(path, await zipWith({ "word/document.xml": new Uint8Array(8 * 1024 * 1024) }));
    const error = await readError({ path });
    expect(error.reason).toMatch(/^文档部件“word\/document\.xml”的压缩比为 \d+:1，超过 200:1 的上限，可能是异常文件$/);
  });

  it("refuses more than 2,000 parts", async () => {
    const parts = Object.fromEntries(Array.from({ length: 2_001 }, (_, index) => [`part${index}.xml`, "<a/>"]));
    const path = join(subfolder("entries"), "碎片.docx");
    // Stored, not deflated: the count is checked, and deflating 2,001 parts takes most of the time.
    writeFileSync(path, await zipWith(parts, { stored: true }));
    const error = await readError({ path });
    expect(error.reason).toBe("文档压缩包内有 2001 个部件，超过 2000 个的上限，可能是异常文件");
  });

  it("refuses a zip whose directory is cut off as malformed", async () => {
    const bytes = await zipWith({ "word/document.xml": "<w:document/>" });
    const path = join(subfolder("cut"), "残缺.docx");
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    const error = await readError({ path });
    expect(error.reason).toBe("不是有效的 Word .docx 文档（压缩包结构已损坏）");
  });

  it("still reads a good .docx, also with bytes prepended to the archive", async () => {
    const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>区样本局完成样本编写。（区样本局）</w:t></w:r></w:p></w:body></w:document>`;
    const bytes = await zipWith({
      "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
      "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
      "word/document.xml": body,
    });
    const dir = subfolder("good-docx");
    writeFileSync(join(dir, "正常.docx"), bytes);
    writeFileSync(join(dir, "前缀.docx"), Buffer.concat([Buffer.from("self-extractor stub "), bytes]));
    expect((await readDocument({ path: join(dir, "正常.docx") })).text).toBe("区样本局完成样本编写。（区样本局）\n\n");
    expect((await readDocument({ path: join(dir, "前缀.docx") })).text).toBe("区样本局完成样本编写。（区样本局）\n\n");
  });
});

describe("ingest limits: per file, in a worker thread", () => {
  it("refuses a document of more than 500 items by name and stores the next file", async () => {
    const dir = subfolder("items");
    writeFileSync(join(dir, "1-五百条.txt"), bulletinWithItems(500));
    writeFileSync(join(dir, "2-五百零一条.txt"), bulletinWithItems(501));
    copyFileSync(join(SAMPLES, "2025-18.md"), join(dir, "3-good.md"));
    const store = createBulletinStore({ dataDir: subfolder("items-store") });
    const report = await ingestFiles({ store, paths: [dir] });
    expect(report.documents.map((document) => [document.source, document.parsed.items.length])).toEqual([
      ["1-五百条.txt", 500],
      ["3-good.md", 6],
    ]);
    expect(report.failed).toEqual([
      {
        source: "2-五百零一条.txt",
        path: join(dir, "2-五百零一条.txt"),
        error: "解析出 501 条信息，超过每份文件 500 条的上限；一期简报通常只有十来条；请确认这是一期简报，或拆分为多个文件后再导入",
      },
    ]);
    expect(store.counts().documents).toBe(2);
    store.close();
  });

  it("turns a worker killed by its memory limit into that file's error; the next file gets a fresh worker", async () => {
    const dir = subfolder("memory");
    const sample = readFileSync(join(SAMPLES, "2025-18.md"), "utf8");
    // About 3.4 M characters (allowed here): parses with a normal heap, not with 16 MB, which it overruns
    // at once; a smaller file drives the worker's GC to the limit for seconds first.
    writeFileSync(join(dir, "1-big.md"), sample.repeat(3_000));
    copyFileSync(join(SAMPLES, "2024-12.txt"), join(dir, "2-after.txt"));
    const store = createBulletinStore({ dataDir: subfolder("memory-store") });
    await ingestFiles({ store, paths: [join(SAMPLES, "2026-03.txt")] });

    const report = await ingestFiles({ store, paths: [dir], limits: { workerHeapMb: 16, maxItems: 100_000, maxTextCharacters: 10_000_000 } });
    expect(report.failed.map((failure) => [failure.source, failure.error])).toEqual([
      ["1-big.md", "解析时占用内存超过上限（16 MB），可能是异常文件；请用 Word/WPS 打开后另存为，或转为 .txt 后再导入"],
    ]);
    expect(report.documents.map((document) => document.source)).toEqual(["2-after.txt"]);
    expect(store.listDocuments().map((document) => document.source).sort()).toEqual(["2-after.txt", "2026-03.txt"]);
    store.close();
  });

  it("terminates the worker when the process grows by more than the limit outside the heap (PDF streams)", async () => {
    const dir = subfolder("pdf-bomb");
    // About 1 MB on disk; pdf.js inflates the content stream into ArrayBuffers, which the heap limit does not see.
    await writeBombPdf({ path: join(dir, "1-bomb.pdf"), inflatedMegabytes: 400 });
    copyFileSync(join(SAMPLES, "2024-12.txt"), join(dir, "2-after.txt"));
    const store = createBulletinStore({ dataDir: subfolder("pdf-bomb-store") });
    const report = await ingestFiles({ store, paths: [dir], limits: { maxMemoryGrowthMb: 128 } });
    expect(report.failed.map((failure) => [failure.source, failure.error])).toEqual([
      ["1-bomb.pdf", "解析时占用内存超过上限（128 MB），可能是异常文件；请用 Word/WPS 打开后另存为，或转为 .txt 后再导入"],
    ]);
    expect(report.documents.map((document) => document.source)).toEqual(["2-after.txt"]);
    store.close();
  });

  it("terminates a file that overruns its time; the next file is still ingested", async () => {
    const dir = subfolder("timeout");
    const sample = readFileSync(join(SAMPLES, "2025-18.md"), "utf8");
    // About 4.7 M characters: several seconds of parsing.
    writeFileSync(join(dir, "1-slow.md"), sample.repeat(4_000));
    copyFileSync(join(SAMPLES, "2024-12.txt"), join(dir, "2-after.txt"));
    const store = createBulletinStore({ dataDir: subfolder("timeout-store") });
    const report = await ingestFiles({ store, paths: [dir], limits: { timeoutMs: 1_000, maxTextCharacters: 10_000_000, maxItems: 100_000 } });
    expect(report.failed.map((failure) => [failure.source, failure.error])).toEqual([
      ["1-slow.md", "解析超时（超过 1 秒）；文件可能过大或结构异常；请用 Word/WPS 另存为或拆分后再导入"],
    ]);
    expect(report.documents.map((document) => document.source)).toEqual(["2-after.txt"]);
    store.close();
  });
});
