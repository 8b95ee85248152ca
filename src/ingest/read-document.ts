import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { IngestError } from "../errors.js";
import { decodeText } from "./decode-text.js";
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

/**
 * Reads one bulletin file into text. The extension decides whether the file is accepted; the
 * content decides how it is read, so a PDF or .docx saved under a .txt name is still read correctly.
 *
 * @example const { source, text } = await readDocument({ path: "bulletins/2024-21.pdf" })
 */
export async function readDocument(options: { path: string }): Promise<ReadDocumentResult> {
  const { path } = options;
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

  const bytes = await readBytes({ path, source });
  if (bytes.length === 0) throw emptyFileError(source);
  const format = sniffFormat({ bytes, source }) ?? declaredFormat;
  const text = await readText({ format, bytes, source });
  if (text.trim() === "") throw emptyFileError(source);
  return { source, text, mediaType: mediaTypeByFormat[format], bytes };
}

async function readBytes(options: { path: string; source: string }): Promise<Buffer> {
  try {
    return await readFile(options.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个文件夹，不是文件" : "文件无法读取";
    throw new IngestError({
      source: options.source,
      reason,
      hint: `请检查路径 ${options.path} 是否正确、文件是否可读`,
      cause: error,
    });
  }
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
