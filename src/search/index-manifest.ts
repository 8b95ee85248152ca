import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { z } from "zod";
import { IndexOutOfDateError } from "../errors.js";

/** Bump whenever the manifest or the index file layout changes incompatibly. */
export const INDEX_FORMAT_VERSION = 1;

/** Which embedder produced the vectors; an index is only usable with the same one. */
export interface EmbedderIdentity {
  provider: string;
  model: string;
  dimensions: number;
}

const manifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  embedder: z.object({
    provider: z.string().min(1),
    model: z.string().min(1),
    dimensions: z.number().int().positive(),
  }),
  space: z.literal("cosine"),
  count: z.number().int().nonnegative(),
  /** Position = label; value = our vector id, or null for a freed label awaiting reuse. Checked by hand: zod took ~0.1 s for 200,000. */
  labelIds: z.custom<(number | null)[]>((labels) => Array.isArray(labels) && labels.every((label) => label === null || Number.isSafeInteger(label)), "labelIds must be integers or null"),
  createdAt: z.string(),
  savedAt: z.string(),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  /**
   * The graph file this manifest belongs to, written under a name of its own before the manifest
   * is renamed into place: the manifest is the one commit point, so no hash needs checking at start.
   * Absent in manifests written before it: those name vectors.hnsw and are checked by `indexSha256`.
   */
  indexFile: z.string().regex(/^vectors-[0-9a-z-]+\.hnsw$/).optional(),
  /** Size of `indexFile`: a truncated or replaced file is refused before the native reader sees it. */
  indexBytes: z.number().int().nonnegative().optional(),
  /** Int8 copies of the vectors, by label, saved with `indexFile`; made from the graph when absent. */
  quantizedFile: z.string().regex(/^vectors-[0-9a-z-]+\.q8$/).optional(),
  /**
   * The graph split in shards, each its own file: label l lives in shard l % shards.length as its
   * label ⌊l / shards.length⌋. Two shards are built at once on two cores; one graph could not be.
   * Absent: one graph, `indexFile`.
   */
  shards: z.array(z.object({ file: z.string().regex(/^vectors-[0-9a-z-]+\.hnsw$/), bytes: z.number().int().nonnegative() })).min(1).optional(),
  /** Ties an older manifest to one exact vectors.hnsw, so a crash between its two renames is detected. */
  indexSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
}).refine((manifest) => manifest.shards !== undefined || (manifest.indexFile !== undefined ? manifest.indexBytes !== undefined : manifest.indexSha256 !== undefined), {
  message: "shards, indexFile with indexBytes, or indexSha256, is required",
});

export type IndexManifest = z.infer<typeof manifestSchema>;

/** "hashing/hashing-v1 (512 维)" */
export function describeEmbedder(embedder: EmbedderIdentity): string {
  return `${embedder.provider}/${embedder.model} (${embedder.dimensions} 维)`;
}

/** Reads and validates a manifest; undefined when the file does not exist. */
export function readIndexManifest(options: { path: string }): IndexManifest | undefined {
  const { path } = options;
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new IndexOutOfDateError({ message: `${path}: 向量索引清单无法解析`, cause: error });
  }
  const version = typeof raw === "object" && raw !== null ? (raw as { formatVersion?: unknown }).formatVersion : undefined;
  if (version !== INDEX_FORMAT_VERSION) {
    throw new IndexOutOfDateError({ message: `${path}: 向量索引格式版本 ${String(version)} 不受支持（当前程序使用版本 ${INDEX_FORMAT_VERSION}）` });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new IndexOutOfDateError({ message: `${path}: 向量索引清单字段不完整（${z.prettifyError(parsed.error).replaceAll("\n", " ")}）`, cause: parsed.error });
  }
  return parsed.data;
}

/** Throws unless the manifest was written for the embedder configured now. */
export function assertManifestEmbedder(options: { manifest: IndexManifest; embedder: EmbedderIdentity }): void {
  const stored = options.manifest.embedder;
  const wanted = options.embedder;
  if (stored.provider === wanted.provider && stored.model === wanted.model && stored.dimensions === wanted.dimensions) return;
  throw new IndexOutOfDateError({ message: `向量索引由 ${describeEmbedder(stored)} 生成，与当前配置的 ${describeEmbedder(wanted)} 不一致` });
}

export function hashFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Writes and syncs the manifest; callers write to a temporary name and rename it into place. */
export async function writeIndexManifest(options: { path: string; manifest: IndexManifest }): Promise<void> {
  const file = await open(options.path, "w", 0o600);
  try {
    // One line: 200,000 label ids pretty-printed were 200,000 lines and the slowest part of writing it.
    await file.writeFile(`${JSON.stringify(options.manifest)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Forces a written file to disk so a rename never publishes an empty file after a power loss. */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, "r+");
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
