import { IngestError } from "../errors.js";

/** Encodings a bulletin text file is found in on office PCs. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** Above this share of control or replacement characters the bytes are not text in any encoding we read. */
const maximumNoiseShare = 0.02;

/**
 * Decodes a bulletin text file: BOM first, then strict UTF-8, then GB18030 (a superset of GBK).
 * Newlines become "\n"; form feeds are kept because they mark page breaks.
 *
 * @example decodeText({ bytes: readFileSync("2024-21.txt"), source: "2024-21.txt" })
 */
export function decodeText(options: { bytes: Uint8Array; source: string }): string {
  const { bytes, source } = options;
  const encoding = detectEncoding(bytes);
  if (!encoding.startsWith("utf-16") && bytes.includes(0)) throw binaryContentError(source);

  const decoded = new TextDecoder(encoding).decode(bytes);
  if (noiseShare(decoded) > maximumNoiseShare) throw binaryContentError(source);
  return decoded.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Picks the encoding of a text file from its BOM, or by trying strict UTF-8 before GB18030. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

function noiseShare(text: string): number {
  if (text.length === 0) return 0;
  // C0 controls other than tab, newline, form feed and carriage return, DEL, and U+FFFD.
  const noise = text.match(/[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/g);
  return (noise?.length ?? 0) / text.length;
}

function binaryContentError(source: string): IngestError {
  return new IngestError({
    source,
    reason: "文件内容是二进制数据，不是文本",
    hint: "请确认文件类型，或另存为 UTF-8 文本 / .docx 后重试",
  });
}
