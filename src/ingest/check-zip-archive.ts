import { createInflateRaw } from "node:zlib";
import { IngestError } from "../errors.js";
import { formatSize, ratioCheckFromBytes, type IngestLimits } from "./ingest-limits.js";
import { readZipDirectory, zipEntryData, type ZipEntry } from "./read-zip-directory.js";

const STORED = 0;
const DEFLATED = 8;

/**
 * Refuses a .docx (any zip) that could exhaust memory when parsed: too many entries, a declared
 * total over the limit, an absurd compression ratio, or entries that inflate to more than their
 * directory says. Inflation is streamed and discarded, so the check itself stays small.
 *
 * @example await checkZipArchive({ bytes, source: "2024-21.docx", limits: defaultIngestLimits })
 */
export async function checkZipArchive(options: { bytes: Uint8Array; source: string; limits: IngestLimits }): Promise<void> {
  const { bytes, source, limits } = options;
  const entries = readZipDirectory(bytes);
  if (!entries) throw malformedZipError({ source });
  if (entries.length > limits.maxZipEntries) {
    throw suspiciousZipError({ source, reason: `文档压缩包内有 ${entries.length} 个部件，超过 ${limits.maxZipEntries} 个的上限，可能是异常文件` });
  }
  const declaredTotal = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (declaredTotal > limits.maxUnpackedBytes) {
    throw suspiciousZipError({ source, reason: `文档解压后有 ${formatSize(declaredTotal)}，超过 ${formatSize(limits.maxUnpackedBytes)} 的上限，可能是异常文件` });
  }
  for (const entry of entries) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= ratioCheckFromBytes && ratio > limits.maxCompressionRatio) {
      throw suspiciousZipError({ source, reason: `文档部件“${entry.name}”的压缩比为 ${Math.round(ratio)}:1，超过 ${limits.maxCompressionRatio}:1 的上限，可能是异常文件` });
    }
  }
  // The directory is written by whoever made the file: verify each declared size by inflating.
  for (const entry of entries) await verifyEntrySize({ bytes, entry, source });
}

async function verifyEntrySize(options: { bytes: Uint8Array; entry: ZipEntry; source: string }): Promise<void> {
  const { bytes, entry, source } = options;
  const data = zipEntryData(bytes, entry);
  if (!data || (entry.method !== STORED && entry.method !== DEFLATED)) throw malformedZipError({ source });
  const actual = entry.method === STORED ? data.length : await inflatedSize({ data, stopAfter: entry.uncompressedSize }).catch((error: unknown) => {
    throw malformedZipError({ source, cause: error });
  });
  if (actual > entry.uncompressedSize) {
    throw suspiciousZipError({ source, reason: `文档部件“${entry.name}”解压后超过其目录记录的 ${formatSize(entry.uncompressedSize)}，可能是异常文件` });
  }
  if (actual < entry.uncompressedSize) throw malformedZipError({ source });
}

/** Inflates raw deflate data chunk by chunk, keeping only the count; stops once past `stopAfter`. */
async function inflatedSize(options: { data: Uint8Array; stopAfter: number }): Promise<number> {
  const inflater = createInflateRaw();
  inflater.end(options.data);
  let size = 0;
  for await (const chunk of inflater) {
    size += (chunk as Buffer).length;
    if (size > options.stopAfter) break;
  }
  return size;
}

function malformedZipError(options: { source: string; cause?: unknown }): IngestError {
  return new IngestError({
    source: options.source,
    reason: "不是有效的 Word .docx 文档（压缩包结构已损坏）",
    hint: "请用 Word 或 WPS 确认文件能正常打开，重新“另存为” .docx 后再导入",
    cause: options.cause,
  });
}

function suspiciousZipError(options: { source: string; reason: string }): IngestError {
  return new IngestError({
    source: options.source,
    reason: options.reason,
    hint: "请用 Word 或 WPS 打开确认内容后“另存为” .docx 再导入；如确是正常简报，请联系管理员",
  });
}
