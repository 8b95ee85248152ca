/**
 * Bounds on one input file, so that a hostile or broken file (a zip bomb, a 50 MB text dump)
 * fails by itself instead of taking the process down. Sizes in bytes, time in milliseconds.
 */
export interface IngestLimits {
  /** Largest file read at all; checked with stat before reading. */
  maxFileBytes: number;
  /** Largest total a .docx (zip) may inflate to, by its directory and by actual inflation. */
  maxUnpackedBytes: number;
  /** Most entries a .docx (zip) may hold; Word writes a few dozen. */
  maxZipEntries: number;
  /** Highest inflated:compressed ratio of one zip entry of at least {@link ratioCheckFromBytes}. */
  maxCompressionRatio: number;
  /** Longest decoded text of one file, in UTF-16 code units. */
  maxTextCharacters: number;
  /** Most items one document may parse into; an issue has about ten. */
  maxItems: number;
  /** V8 heap of the parsing worker (resourceLimits.maxOldGenerationSizeMb). */
  workerHeapMb: number;
  /** How far the process's resident memory may grow while one file is parsed: covers ArrayBuffers, which the heap limit does not. */
  maxMemoryGrowthMb: number;
  /** Wall-clock time for reading and parsing one file; the worker is terminated after it. */
  timeoutMs: number;
}

export const MEGABYTE = 1024 * 1024;

/** Small entries are not checked for ratio: a few KB of repeated XML legitimately compresses well. */
export const ratioCheckFromBytes = MEGABYTE;

export const defaultIngestLimits: Readonly<IngestLimits> = {
  maxFileBytes: 20 * MEGABYTE,
  maxUnpackedBytes: 50 * MEGABYTE,
  maxZipEntries: 2_000,
  maxCompressionRatio: 200,
  maxTextCharacters: 2_000_000,
  maxItems: 500,
  workerHeapMb: 512,
  maxMemoryGrowthMb: 512,
  timeoutMs: 60_000,
};

/** The defaults with every given (defined) value replacing its default. */
export function resolveIngestLimits(overrides: Partial<IngestLimits> | undefined): IngestLimits {
  const limits = { ...defaultIngestLimits };
  for (const [name, value] of Object.entries(overrides ?? {}) as [keyof IngestLimits, number | undefined][]) {
    if (value !== undefined) limits[name] = value;
  }
  return limits;
}

/** What to do about a file over the size limit, however it came (command line, upload, Feishu). */
export const FILE_TOO_LARGE_HINT = "一期简报通常不到 1 MB；请确认选对了文件，或拆分后再导入；如确需导入更大的文件，请管理员调大 INGEST_MAX_FILE_MB";

/** "20 MB", "300.0 MB", "39 KB": sizes as shown to staff. */
export function formatSize(bytes: number): string {
  if (bytes < MEGABYTE) return `${Math.ceil(bytes / 1024)} KB`;
  const megabytes = bytes / MEGABYTE;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
