import { createWriteStream, writeFileSync } from "node:fs";
import { once } from "node:events";
import { constants, crc32, createDeflate, createDeflateRaw, deflateRawSync } from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";

/**
 * Files that inflate far beyond their size, built without holding the inflated bytes: only the
 * compressed output (about a thousandth) is kept in memory.
 */

/** One part of a zip package, already deflated. */
interface ZipPart {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_OPEN = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`;
const DOCUMENT_CLOSE = "</w:body></w:document>";
const PARAGRAPH = "<w:p><w:r><w:t>区样本局开展样本编写活动。（区样本局）</w:t></w:r></w:p>";

function smallPart(name: string, text: string): ZipPart {
  const bytes = Buffer.from(text);
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/** Deflates repeated Word paragraphs chunk by chunk up to `targetBytes`. */
async function repeatedDocumentPart(options: { targetBytes: number }): Promise<ZipPart> {
  const chunk = Buffer.from(PARAGRAPH.repeat(Math.ceil((1 << 20) / Buffer.byteLength(PARAGRAPH))));
  const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const output: Buffer[] = [];
  deflater.on("data", (data: Buffer) => output.push(data));
  const finished = once(deflater, "end");
  let crc = 0;
  let size = 0;
  const write = async (bytes: Buffer) => {
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflater.write(bytes)) await once(deflater, "drain");
  };
  await write(Buffer.from(DOCUMENT_OPEN));
  while (size < options.targetBytes) await write(chunk);
  await write(Buffer.from(DOCUMENT_CLOSE));
  deflater.end();
  await finished;
  return { name: "word/document.xml", deflated: Buffer.concat(output), crc, size };
}

/** Writes a zip of deflated parts; `declaredSize` overrides the sizes recorded for a part (a lying directory). */
async function writeZip(options: { path: string; parts: ZipPart[]; declaredSize?: Record<string, number> }): Promise<void> {
  const out = createWriteStream(options.path);
  const central: Buffer[] = [];
  let offset = 0;
  const put = (bytes: Buffer) => {
    out.write(bytes);
    offset += bytes.length;
  };
  for (const part of options.parts) {
    const name = Buffer.from(part.name);
    const size = options.declaredSize?.[part.name] ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(part.crc >>> 0, 16);
    header.writeUInt32LE(part.deflated.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    put(local);
    put(name);
    put(part.deflated);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.parts.length, 8);
  end.writeUInt16LE(options.parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  put(directory);
  out.end(end);
  await once(out, "finish");
}

/**
 * Writes a .docx whose word/document.xml inflates to about `inflatedMegabytes` MB of repeated
 * paragraphs (a zip bomb), without holding the inflated text in memory.
 *
 * @example await writeBombDocx({ path: "bomb.docx", inflatedMegabytes: 300 })
 */
export async function writeBombDocx(options: { path: string; inflatedMegabytes: number; lieAboutSize?: boolean }): Promise<void> {
  const document = await repeatedDocumentPart({ targetBytes: options.inflatedMegabytes * 1024 * 1024 });
  await writeZip({
    path: options.path,
    parts: [smallPart("[Content_Types].xml", CONTENT_TYPES), smallPart("_rels/.rels", RELATIONSHIPS), document],
    ...(options.lieAboutSize ? { declaredSize: { "word/document.xml": 40_000 } } : {}),
  });
}

/**
 * Writes a one-page PDF whose content stream inflates to about `inflatedMegabytes` MB of spaces:
 * no text, so pdf.js decodes it all into buffers outside the V8 heap.
 *
 * @example await writeBombPdf({ path: "bomb.pdf", inflatedMegabytes: 300 })
 */
export async function writeBombPdf(options: { path: string; inflatedMegabytes: number }): Promise<void> {
  const deflater = createDeflate({ level: constants.Z_BEST_COMPRESSION });
  const output: Buffer[] = [];
  deflater.on("data", (data: Buffer) => output.push(data));
  const finished = once(deflater, "end");
  const chunk = Buffer.alloc(1 << 20, " ");
  for (let written = 0; written < options.inflatedMegabytes; written += 1) {
    if (!deflater.write(chunk)) await once(deflater, "drain");
  }
  deflater.end();
  await finished;
  const compressed = Buffer.concat(output);
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const contents = pdf.context.register(pdf.context.stream(compressed, { Filter: "FlateDecode", Length: compressed.length }));
  page.node.set(PDFName.of("Contents"), contents);
  writeFileSync(options.path, await pdf.save({ useObjectStreams: false }));
}
