import { readFile } from "node:fs/promises";
import type { getDocumentProxy } from "unpdf";
import { IngestError } from "../errors.js";

/** Separates pages in extracted text; the bulletin parser treats "\f" as a page break. */
export const pageBreak = "\n\f\n";

/** Fewer visible characters than this per page on average means the PDF has no usable text layer. */
const minimumCharactersPerPage = 10;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Extracts the text layer of a PDF, one page after another, separated by {@link pageBreak}.
 *
 * @example const text = await readPdf({ bytes: readFileSync("2024-21.pdf"), source: "2024-21.pdf" })
 */
export async function readPdf(options: { bytes: Uint8Array; source: string }): Promise<string> {
  const { bytes, source } = options;
  const missingCMaps = new Set<string>();
  // Loaded on first use: the parsing worker starts faster for text files.
  const { extractText } = await import("unpdf");
  const document = await openPdf({ bytes, source, missingCMaps });
  try {
    const { totalPages, text: pages } = await extractText(document, { mergePages: false });
    // Text drawn in a non-embedded CJK font is silently dropped without Adobe's CMap files.
    if (missingCMaps.size > 0) {
      throw new IngestError({
        source,
        reason: `PDF 使用了未嵌入的中文字体（${[...missingCMaps].join("、")}），无法提取文字`,
        hint: "请在导出 PDF 时勾选“嵌入字体”，或转为 .docx/.txt 后再导入",
      });
    }
    const visibleCharacters = pages.join("").replace(/\s/g, "").length;
    if (totalPages > 0 && visibleCharacters < minimumCharactersPerPage * totalPages) {
      throw new IngestError({
        source,
        reason: "PDF 没有文字层（可能是扫描件）",
        hint: "请导出带文字的 PDF，或转为 .docx/.txt 后再导入",
      });
    }
    return pages.join(pageBreak);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw corruptPdfError({ source, cause: error });
  } finally {
    await document.destroy();
  }
}

async function openPdf(options: { bytes: Uint8Array; source: string; missingCMaps: Set<string> }): Promise<PdfDocument> {
  const { bytes, source, missingCMaps } = options;
  const { getDocumentProxy } = await import("unpdf");
  try {
    // Copy: pdf.js transfers (detaches) the buffer it is given, and the caller keeps using its bytes.
    return await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      BinaryDataFactory: createBinaryDataFactory({ missingCMaps }),
    });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new IngestError({
        source,
        reason: "PDF 已加密，需要密码才能打开",
        hint: "请去除打开密码后重新导出 PDF，或转为 .docx/.txt 后再导入",
        cause: error,
      });
    }
    throw corruptPdfError({ source, cause: error });
  }
}

function corruptPdfError(options: { source: string; cause: unknown }): IngestError {
  return new IngestError({
    source: options.source,
    reason: "PDF 文件已损坏或无法解析",
    hint: "请用 PDF 阅读器确认文件能正常打开，重新导出或转为 .docx/.txt 后再导入",
    cause: options.cause,
  });
}

/**
 * pdf.js loads CMap and font data through this class. It reads from the URLs pdf.js was given
 * (unpdf supplies pdfjs-dist's folders when that package is installed) and records every CMap
 * it could not supply, so that lost text becomes an error instead of an empty page.
 */
function createBinaryDataFactory(options: { missingCMaps: Set<string> }) {
  const { missingCMaps } = options;
  return class RecordingBinaryDataFactory {
    readonly #locations: Record<string, string | null>;

    constructor(urls: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
      this.#locations = {
        cMapUrl: urls.cMapUrl ?? null,
        standardFontDataUrl: urls.standardFontDataUrl ?? null,
        wasmUrl: urls.wasmUrl ?? null,
      };
    }

    async fetch(request: { kind: string; filename: string }): Promise<Uint8Array> {
      const base = this.#locations[request.kind];
      try {
        if (!base) throw new Error(`no ${request.kind} location configured`);
        const location = `${base}${request.filename}`;
        return new Uint8Array(await readFile(location.startsWith("file:") ? new URL(location) : location));
      } catch (error) {
        if (request.kind === "cMapUrl") missingCMaps.add(request.filename.replace(/\.bcmap$/, ""));
        throw error;
      }
    }
  };
}
