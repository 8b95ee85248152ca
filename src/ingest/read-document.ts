import { open, type FileHandle } from "node:fs/promises";
import { basename, extname } from "node:path";
import { IngestError } from "../errors.js";
import { checkZipArchive } from "./check-zip-archive.js";
import { decodeText } from "./decode-text.js";
import { FILE_TOO_LARGE_HINT, formatSize, resolveIngestLimits, type IngestLimits } from "./ingest-limits.js";
import { isLegacyWordDocument, legacyWordDocumentError, readDocx } from "./read-docx.js";
import { readPdf } from "./read-pdf.js";

/** A bulletin file read into text, with its raw bytes kept for hashing. */
export interface ReadDocumentResult {
  /** The file's base name, used in citations and error messages. */
  source: string;
  text: string;
  mediaType: string;
  bytes: Buffer;
}

type DocumentFormat = "text" | "markdown" | "pdf" | "docx";

const formatByExtension: Record<string, DocumentFormat> = {
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".pdf": "pdf",
  ".docx": "docx",
};

const mediaTypeByFormat: Record<DocumentFormat, string> = {
  text: "text/plain",
  markdown: "text/markdown",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The extensions readDocument accepts, as shown to staff. */
export const supportedExtensions = Object.keys(formatByExtension);

const legacyWordExtensions = new Set([".doc", ".wps"]);

const readChunkBytes = 1024 * 1024;

/**
 * Reads one bulletin file into text. The extension decides whether the file is accepted; the
 * content decides how it is read, so a PDF or .docx saved under a .txt name is still read correctly.
 * Files over the size limits are refused before they are read or inflated.
 *
 * @example const { source, text } = await readDocument({ path: "bulletins/2024-21.pdf" })
 */
export async function readDocument(options: { path: string; limits?: Partial<IngestLimits> }): Promise<ReadDocumentResult> {
  const { path } = options;
  const limits = resolveIngestLimits(options.limits);
  const source = basename(path);
  const extension = extname(source).toLowerCase();
  if (legacyWordExtensions.has(extension)) throw legacyWordDocumentError(source);
  const declaredFormat = formatByExtension[extension];
  if (!declaredFormat) {
    throw new IngestError({
      source,
      reason: extension ? `不支持的文件类型“${extension}”` : "文件没有扩展名，无法判断类型",
      hint: `支持的类型：${supportedExtensions.join("、")}`,
    });
  }

  const bytes = await readBytes({ path, source, maxBytes: limits.maxFileBytes });
  if (bytes.length === 0) throw emptyFileError(source);
  const format = sniffFormat({ bytes, source }) ?? declaredFormat;
  if (format === "docx") await checkZipArchive({ bytes, source, limits });
  const text = await readText({ format, bytes, source });
  if (text.trim() === "") throw emptyFileError(source);
  if (text.length > limits.maxTextCharacters) {
    throw new IngestError({
      source,
      reason: `文件的文字有 ${text.length.toLocaleString("en-US")} 个字符，超过 ${limits.maxTextCharacters.toLocaleString("en-US")} 个的上限`,
      hint: "一期简报通常不到 2 万字；请确认选对了文件，或拆分为多个文件后再导入",
    });
  }
  return { source, text, mediaType: mediaTypeByFormat[format], bytes };
}

/** Reads the whole file, after checking its size with stat: an oversized file is never read. */
async function readBytes(options: { path: string; source: string; maxBytes: number }): Promise<Buffer> {
  const { path, source, maxBytes } = options;
  let bytes: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw fileTooLargeError({ source, size, maxBytes });
      bytes = await readAtMost({ handle, maxBytes });
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个文件夹，不是文件" : "文件无法读取";
    throw new IngestError({
      source,
      reason,
      hint: `请检查路径 ${path} 是否正确、文件是否可读`,
      cause: error,
    });
  }
  // The file may have grown since stat, or be a device whose stat size says nothing.
  if (bytes.length > maxBytes) throw fileTooLargeError({ source, size: bytes.length, maxBytes });
  return bytes;
}

/** Reads to the end of the file, but never more than one byte past `maxBytes`. */
async function readAtMost(options: { handle: FileHandle; maxBytes: number }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= options.maxBytes) {
    const chunk = Buffer.alloc(Math.min(readChunkBytes, options.maxBytes + 1 - total));
    const { bytesRead } = await options.handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

function fileTooLargeError(options: { source: string; size: number; maxBytes: number }): IngestError {
  return new IngestError({
    source: options.source,
    reason: `文件有 ${formatSize(options.size)}，超过 ${formatSize(options.maxBytes)} 的上限`,
    hint: FILE_TOO_LARGE_HINT,
  });
}

/** Recognises binary formats by their signature; undefined means "plain text, trust the extension". */
function sniffFormat(options: { bytes: Buffer; source: string }): DocumentFormat | undefined {
  const { bytes, source } = options;
  // pdf.js accepts up to 1 KiB of junk before the header, so look that far.
  if (bytes.subarray(0, 1024).includes("%PDF-")) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "docx";
  if (isLegacyWordDocument(bytes)) throw legacyWordDocumentError(source);
  return undefined;
}

async function readText(options: { format: DocumentFormat; bytes: Buffer; source: string }): Promise<string> {
  const { format, bytes, source } = options;
  if (format === "pdf") return readPdf({ bytes, source });
  if (format === "docx") return readDocx({ bytes, source });
  return decodeText({ bytes, source });
}

function emptyFileError(source: string): IngestError {
  return new IngestError({
    source,
    reason: "文件为空",
    hint: "文件中没有文字内容，请确认保存的是正确的文件后重试",
  });
}
