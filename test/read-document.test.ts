import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { PDFDocument, rgb } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, describeWithShared } from "./helpers/shared.js";
import { IngestError } from "../src/errors.js";
import { decodeText } from "../src/ingest/decode-text.js";
import { readDocument } from "../src/ingest/read-document.js";

const fixtures = join(import.meta.dirname, "fixtures", "formats");

/** The exact content of fixtures/formats/sample-bulletin.txt (an invented issue). */
const bulletinText = [
  "## 上街信息",
  "",
  "## 第 99 期",
  "",
  "示例区委办公室",
  "",
  "2031年4月1日",
  "",
  "区样本局开展“格式样本”编写活动 为检验公报导入流程，区样本局编写虚构样本 3 份，覆盖纯文本、Word 与 PDF 三种格式，每份样本均标注“示例”字样。（区样本局）",
  "",
  "△ 近日，区测试中心完成第二轮编码校验，共核对字符 1200 个。（区测试中心）",
  "",
  "本期送：示例领导",
  "",
  "责任编辑：张 三 李 四",
  "",
].join("\n");

/** What the text layer of fixtures/formats/sample-bulletin.pdf reads as (lines as drawn). */
const bulletinPdfText = [
  "上街信息",
  "第 99 期",
  "示例区委办公室",
  "2031年4月1日",
  "区样本局开展“格式样本”编写活动 为检验公报导入流程，区样本局编写虚构样本 3 份，",
  "覆盖纯文本、Word 与 PDF 三种格式。（区样本局）",
  "△ 近日，区测试中心完成第二轮编码校验，共核对字符 1200 个。（区测试中心）",
  "责任编辑：张 三 李 四",
].join("\n");

let folder: string;

/** Writes bytes under a file name in the temporary folder and returns the path. */
function writeSample(name: string, bytes: Uint8Array | string): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

async function makeDocx(options: { paragraphs: string[]; withDocument?: boolean }): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  if (options.withDocument !== false) {
    const body = options.paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`).join("");
    zip.file(
      "word/document.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    );
  }
  return zip.generateAsync({ type: "uint8array" });
}

async function makeScannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawRectangle({ x: 60, y: 400, width: 400, height: 300, color: rgb(0.6, 0.6, 0.6) });
  pdf.addPage([595, 842]).drawRectangle({ x: 60, y: 400, width: 400, height: 300, color: rgb(0.3, 0.3, 0.3) });
  return pdf.save();
}

/** Asserts that reading the file fails with an IngestError that names the file and gives a hint. */
async function expectIngestError(options: { path: string; source: string; reason: RegExp }): Promise<IngestError> {
  const error: unknown = await readDocument({ path: options.path }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IngestError);
  const ingestError = error as IngestError;
  expect(ingestError.source).toBe(options.source);
  expect(ingestError.reason).toMatch(options.reason);
  expect(ingestError.message).toContain(options.source);
  expect(ingestError.hint?.length ?? 0).toBeGreaterThan(5);
  return ingestError;
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "read-document-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("readDocument: text files", () => {
  it("reads the committed UTF-8 sample exactly, with its base name as source", async () => {
    const path = join(fixtures, "sample-bulletin.txt");
    const result = await readDocument({ path });
    expect(result.source).toBe("sample-bulletin.txt");
    expect(result.text).toBe(bulletinText);
    expect(result.mediaType).toBe("text/plain");
    expect(result.bytes.equals(readFileSync(path))).toBe(true);
  });

  it("reads GBK bytes with Windows line endings", async () => {
    const bytes = iconv.encode(bulletinText.replace(/\n/g, "\r\n"), "gbk");
    const result = await readDocument({ path: writeSample("sample-gbk.txt", bytes) });
    expect(result.text).toBe(bulletinText);
  });

  it("reads GB18030 characters outside GBK", async () => {
    const text = "区样本局登记生僻字“㐀”与“𠀀”。（区样本局）\n";
    const result = await readDocument({ path: writeSample("sample-gb18030.txt", iconv.encode(text, "gb18030")) });
    expect(result.text).toBe(text);
  });

  it("reads UTF-8 with a BOM, dropping the BOM", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bulletinText.replace(/\n/g, "\r\n"))]);
    const result = await readDocument({ path: writeSample("sample-utf8-bom.txt", bytes) });
    expect(result.text).toBe(bulletinText);
  });

  it("reads UTF-16 LE and BE with a BOM (Notepad's “Unicode”)", async () => {
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bulletinText.replace(/\n/g, "\r\n"), "utf16le")]);
    const bigEndian = Buffer.from(littleEndian).swap16();
    expect((await readDocument({ path: writeSample("sample-utf16le.txt", littleEndian) })).text).toBe(bulletinText);
    expect((await readDocument({ path: writeSample("sample-utf16be.txt", bigEndian) })).text).toBe(bulletinText);
  });

  it("reads Markdown as text/markdown, whatever the extension's case", async () => {
    const expected = "## 上街信息\n\n## 第 100 期\n\n示例区委办公室\n\n2031年4月8日\n\n区样本局整理 Markdown 样本 本样本以 Markdown 格式保存，用于检验 .md 文件的导入。（区样本局）\n";
    const result = await readDocument({ path: join(fixtures, "sample-bulletin.md") });
    expect(result).toMatchObject({ source: "sample-bulletin.md", text: expected, mediaType: "text/markdown" });
    copyFileSync(join(fixtures, "sample-bulletin.md"), join(folder, "SAMPLE.MARKDOWN"));
    expect((await readDocument({ path: join(folder, "SAMPLE.MARKDOWN") })).text).toBe(expected);
  });

  it("turns lone carriage returns into newlines and keeps form feeds", () => {
    const bytes = Buffer.from("第一页\r末行\f\r第二页");
    expect(decodeText({ bytes, source: "sample.txt" })).toBe("第一页\n末行\f\n第二页");
  });
});

describe("readDocument: PDF", () => {
  it("reads the Chinese text layer of a PDF with an embedded font", async () => {
    const result = await readDocument({ path: join(fixtures, "sample-bulletin.pdf") });
    expect(result).toMatchObject({ source: "sample-bulletin.pdf", text: bulletinPdfText, mediaType: "application/pdf" });
  });

  it("marks the page break with a form feed where a sentence continues onto the next page", async () => {
    const result = await readDocument({ path: join(fixtures, "sample-two-page.pdf") });
    expect(result.text).toBe(
      "区样本局推进样本库建设 区样本局按照“先易后难”思路，逐步完善\n\f\n格式样本库，确保各类文件均可导入。（区样本局）",
    );
  });

  it("accepts an upper-case .PDF extension", async () => {
    copyFileSync(join(fixtures, "sample-bulletin.pdf"), join(folder, "SAMPLE.PDF"));
    expect((await readDocument({ path: join(folder, "SAMPLE.PDF") })).text).toBe(bulletinPdfText);
  });

  it("reads a PDF saved under a .txt name as a PDF", async () => {
    copyFileSync(join(fixtures, "sample-bulletin.pdf"), join(folder, "sample-really-pdf.txt"));
    const result = await readDocument({ path: join(folder, "sample-really-pdf.txt") });
    expect(result).toMatchObject({ text: bulletinPdfText, mediaType: "application/pdf" });
  });

  it("rejects a PDF without a text layer as a probable scan", async () => {
    const path = writeSample("sample-scanned.pdf", await makeScannedPdf());
    const error = await expectIngestError({ path, source: "sample-scanned.pdf", reason: /^PDF 没有文字层（可能是扫描件）$/ });
    expect(error.hint).toBe("请导出带文字的 PDF，或转为 .docx/.txt 后再导入");
  });

  it("rejects a truncated PDF as damaged", async () => {
    const bytes = readFileSync(join(fixtures, "sample-bulletin.pdf")).subarray(0, 5000);
    const path = writeSample("sample-truncated.pdf", bytes);
    await expectIngestError({ path, source: "sample-truncated.pdf", reason: /^PDF 文件已损坏或无法解析$/ });
  });

  it("rejects a .pdf that is not a PDF at all as damaged", async () => {
    const path = writeSample("sample-fake.pdf", "区样本局的纯文本，误存为 PDF 扩展名。");
    await expectIngestError({ path, source: "sample-fake.pdf", reason: /^PDF 文件已损坏或无法解析$/ });
  });

  it("rejects a password-protected PDF with its own message", async () => {
    const path = join(fixtures, "sample-encrypted.pdf");
    await expectIngestError({ path, source: "sample-encrypted.pdf", reason: /^PDF 已加密，需要密码才能打开$/ });
  });

  it("reads a PDF whose Chinese font is not embedded (Adobe CMaps from pdfjs-dist)", async () => {
    const result = await readDocument({ path: join(fixtures, "sample-cid-font.pdf") });
    expect(result.text.trim()).toBe("区样本局使用非嵌入字体编写样本。（区样本局）");
  });
});

describe("readDocument: Word", () => {
  const paragraphs = ["区样本局开展“格式样本”编写活动", "为检验公报导入流程，区样本局编写虚构样本 3 份。（区样本局）", "责任编辑：张 三"];
  const expected = "区样本局开展“格式样本”编写活动\n\n为检验公报导入流程，区样本局编写虚构样本 3 份。（区样本局）\n\n责任编辑：张 三\n\n";

  it("reads .docx paragraphs as lines separated by blank lines", async () => {
    const path = writeSample("sample-bulletin.docx", await makeDocx({ paragraphs }));
    const result = await readDocument({ path });
    expect(result).toMatchObject({
      source: "sample-bulletin.docx",
      text: expected,
      mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  it("reads a .docx saved under a .txt name as a .docx", async () => {
    const path = writeSample("sample-really-docx.txt", await makeDocx({ paragraphs }));
    expect((await readDocument({ path })).text).toBe(expected);
  });

  it("rejects a damaged .docx", async () => {
    const bytes = (await makeDocx({ paragraphs })).subarray(0, 200);
    const path = writeSample("sample-damaged.docx", bytes);
    await expectIngestError({ path, source: "sample-damaged.docx", reason: /不是有效的 Word \.docx 文档/ });
  });

  it("rejects a zip without a Word document part", async () => {
    const path = writeSample("sample-no-body.docx", await makeDocx({ paragraphs, withDocument: false }));
    await expectIngestError({ path, source: "sample-no-body.docx", reason: /不是有效的 Word \.docx 文档/ });
  });

  it("tells to save a legacy .doc as .docx, also when it is named .docx", async () => {
    const legacy = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ["sample-legacy.doc", "sample-legacy-renamed.docx"]) {
      const error = await expectIngestError({ path: writeSample(name, legacy), source: name, reason: /旧版 Word（\.doc）/ });
      expect(error.hint).toContain("另存为” .docx");
    }
  });
});

describe("readDocument: files that are not bulletins", () => {
  it("rejects binary content under a .txt name", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = await expectIngestError({
      path: writeSample("sample-image.txt", png),
      source: "sample-image.txt",
      reason: /^文件内容是二进制数据，不是文本$/,
    });
    expect(error.hint).toBe("请确认文件类型，或另存为 UTF-8 文本 / .docx 后重试");
  });

  it("rejects text full of control characters even without NUL bytes", async () => {
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, index) => (index % 2 === 0 ? 0x01 : 0x41)));
    await expectIngestError({ path: writeSample("sample-controls.txt", bytes), source: "sample-controls.txt", reason: /二进制/ });
  });

  it("rejects an empty file and a whitespace-only file", async () => {
    await expectIngestError({ path: writeSample("sample-empty.txt", ""), source: "sample-empty.txt", reason: /^文件为空$/ });
    await expectIngestError({ path: writeSample("sample-blank.md", " \r\n\n\t\n"), source: "sample-blank.md", reason: /^文件为空$/ });
  });

  it("rejects an unknown extension, naming the supported types", async () => {
    const error = await expectIngestError({
      path: writeSample("sample-table.xlsx", "PK"),
      source: "sample-table.xlsx",
      reason: /^不支持的文件类型“\.xlsx”$/,
    });
    expect(error.hint).toBe("支持的类型：.txt、.md、.markdown、.pdf、.docx");
  });

  it("rejects a file without an extension", async () => {
    await expectIngestError({ path: writeSample("README", "区样本局"), source: "README", reason: /没有扩展名/ });
  });

  it("reports a missing file by name", async () => {
    await expectIngestError({ path: join(folder, "sample-missing.txt"), source: "sample-missing.txt", reason: /^文件不存在$/ });
  });
});

const corpus = CORPUS;

describeWithShared("readDocument: real bulletins in ../shared/corpus", () => {
  it("reads every corpus .txt as its UTF-8 text", async () => {
    const names = readdirSync(corpus).filter((name) => name.endsWith(".txt"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const result = await readDocument({ path: join(corpus, name) });
      const expected = readFileSync(join(corpus, name), "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
      expect(result.text).toBe(expected);
    }
  });
});
