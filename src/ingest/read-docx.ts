import { IngestError } from "../errors.js";

/** Compound File Binary signature shared by legacy Word .doc and WPS .wps files. */
const compoundFileSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True when the bytes are a legacy binary Office document (.doc, .wps) rather than a .docx. */
export function isLegacyWordDocument(bytes: Uint8Array): boolean {
  return compoundFileSignature.every((byte, index) => bytes[index] === byte);
}

/** The error for a legacy .doc/.wps file, which mammoth cannot read. */
export function legacyWordDocumentError(source: string): IngestError {
  return new IngestError({
    source,
    reason: "这是旧版 Word（.doc）或 WPS 格式，无法直接读取",
    hint: "请用 Word 或 WPS 打开后“另存为” .docx 再导入",
  });
}

/**
 * Extracts the plain text of a .docx; mammoth ends every paragraph with a blank line.
 *
 * @example const text = await readDocx({ bytes: readFileSync("2024-21.docx"), source: "2024-21.docx" })
 */
export async function readDocx(options: { bytes: Uint8Array; source: string }): Promise<string> {
  const { bytes, source } = options;
  if (isLegacyWordDocument(bytes)) throw legacyWordDocumentError(source);
  // Loaded on first use: the parsing worker starts faster for text files.
  const { default: mammoth } = await import("mammoth");
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value.replace(/\r\n?/g, "\n");
  } catch (error) {
    throw new IngestError({
      source,
      reason: "不是有效的 Word .docx 文档（文件已损坏或缺少正文）",
      hint: "请用 Word 或 WPS 确认文件能正常打开，重新“另存为” .docx 后再导入",
      cause: error,
    });
  }
}
