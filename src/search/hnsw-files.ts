import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { IndexOutOfDateError, StoreError } from "../errors.js";
import {
  INDEX_FORMAT_VERSION,
  assertManifestEmbedder,
  hashFile,
  readIndexManifest,
  syncFile,
  writeIndexManifest,
  type EmbedderIdentity,
  type IndexManifest,
} from "./index-manifest.js";
import { createQuantizedVectors, deserializeQuantizedVectors, type QuantizedVectors } from "./quantized-vectors.js";

/** The graph file of manifests written before `indexFile`; still read. */
export const INDEX_FILE_NAME = "vectors.hnsw";
export const MANIFEST_FILE_NAME = "vectors.json";
/** Graph and quantised-vector files: vectors.hnsw (older saves) or vectors-<save id>[-<shard>].hnsw and .q8, the ones the manifest names. */
export const INDEX_FILE_PATTERN = /^vectors(-[0-9a-z-]+)?\.(hnsw|q8)$/;

export type Graph = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** One shard of the graph and the file it was read from or last saved to (undefined until saved). */
export interface Shard {
  graph: Graph;
  file: string | undefined;
  /** Changed since `file` was written: the next save writes it again. */
  dirty: boolean;
}

/** What the files hold: label l is in shard l % shards.length as that shard's label ⌊l / shards.length⌋. */
export interface HnswContents {
  shards: Shard[];
  labelIds: (number | null)[];
  quantized: QuantizedVectors;
  createdAt: string;
  m: number;
  efConstruction: number;
}

/** The manifest and the checked paths of its graph files; undefined when there is no manifest. */
function readChecked(options: { directory: string; embedder: EmbedderIdentity }): { manifest: IndexManifest; files: { file: string; path: string }[] } | undefined {
  // The manifest is written last, so without it any index file is an unfinished save.
  const manifest = readIndexManifest({ path: join(options.directory, MANIFEST_FILE_NAME) });
  if (!manifest) return undefined;
  assertManifestEmbedder({ manifest, embedder: options.embedder });
  const named = manifest.shards ?? [{ file: manifest.indexFile ?? INDEX_FILE_NAME, bytes: manifest.indexBytes }];
  const files = named.map(({ file, bytes }) => {
    const path = join(options.directory, file);
    if (!existsSync(path)) throw new IndexOutOfDateError({ message: `${path}: 向量索引文件缺失` });
    // Checked before the native reader sees the file: a mismatched or truncated file could crash it.
    const matches = bytes !== undefined ? statSync(path).size === bytes : hashFile(path) === manifest.indexSha256;
    if (!matches) throw new IndexOutOfDateError({ message: `${path}: 向量索引文件与清单 ${MANIFEST_FILE_NAME} 不一致（可能在保存时中断）` });
    return { file, path };
  });
  return { manifest, files };
}

function assembled(options: { manifest: IndexManifest; files: { file: string; path: string }[]; graphs: Graph[]; quantizedBytes: Buffer | undefined; directory: string }): HnswContents {
  const { manifest, files, graphs } = options;
  const labels = manifest.labelIds.length;
  graphs.forEach((graph, shard) => {
    // Labels shard, shard + n, shard + 2n, … live in this shard.
    const expected = Math.max(0, Math.ceil((labels - shard) / graphs.length));
    if (graph.getCurrentCount() !== expected) {
      throw new IndexOutOfDateError({ message: `${files[shard]!.path}: 索引含 ${graph.getCurrentCount()} 个槽位，清单记录 ${expected} 个` });
    }
  });
  const dimensions = manifest.embedder.dimensions;
  let quantized: QuantizedVectors;
  if (options.quantizedBytes !== undefined) {
    quantized = deserializeQuantizedVectors({ bytes: options.quantizedBytes, dimensions, labels, source: join(options.directory, manifest.quantizedFile!) });
  } else {
    // Saved before Int8 copies were kept: made once from the graph (34 µs a vector), written at the next save.
    quantized = createQuantizedVectors({ dimensions, capacity: labels });
    manifest.labelIds.forEach((id, label) => id !== null && quantized.set(label, graphs[label % graphs.length]!.getPoint(Math.floor(label / graphs.length))));
  }
  return {
    shards: graphs.map((graph, shard) => ({ graph, file: files[shard]!.file, dirty: false })),
    labelIds: manifest.labelIds,
    quantized,
    createdAt: manifest.createdAt,
    m: manifest.m,
    efConstruction: manifest.efConstruction,
  };
}

function quantizedPath(options: { directory: string; manifest: IndexManifest }): string | undefined {
  if (options.manifest.quantizedFile === undefined) return undefined;
  const path = join(options.directory, options.manifest.quantizedFile);
  if (!existsSync(path)) throw new IndexOutOfDateError({ message: `${path}: 量化向量文件缺失` });
  return path;
}

/** Reads a saved index on this thread; undefined when `directory` holds none. */
export function readHnswFilesSync(options: { directory: string; embedder: EmbedderIdentity }): HnswContents | undefined {
  const checked = readChecked(options);
  if (!checked) return undefined;
  const { manifest, files } = checked;
  const graphs = files.map(({ path }) => {
    const graph = new hnswlib.HierarchicalNSW("cosine", manifest.embedder.dimensions);
    try {
      graph.readIndexSync(path);
    } catch (error) {
      throw new IndexOutOfDateError({ message: `${path}: 向量索引文件无法读取`, cause: error });
    }
    return graph;
  });
  const quantized = quantizedPath({ directory: options.directory, manifest });
  return assembled({ manifest, files, graphs, quantizedBytes: quantized === undefined ? undefined : readFileSync(quantized), directory: options.directory });
}

/**
 * Reads a saved index with the graphs read and parsed on libuv's thread pool, the shards at once:
 * the event loop stays free (a server answers meanwhile, or loads its segmenter at start).
 */
export async function readHnswFiles(options: { directory: string; embedder: EmbedderIdentity }): Promise<HnswContents | undefined> {
  const checked = readChecked(options);
  if (!checked) return undefined;
  const { manifest, files } = checked;
  const graphs = await Promise.all(files.map(async ({ path }) => {
    const graph = new hnswlib.HierarchicalNSW("cosine", manifest.embedder.dimensions);
    try {
      await graph.readIndex(path);
    } catch (error) {
      throw new IndexOutOfDateError({ message: `${path}: 向量索引文件无法读取`, cause: error });
    }
    return graph;
  }));
  const quantized = quantizedPath({ directory: options.directory, manifest });
  return assembled({ manifest, files, graphs, quantizedBytes: quantized === undefined ? undefined : await readFile(quantized), directory: options.directory });
}

/**
 * Writes the shards that changed (the others keep their files), the Int8 copies and then the
 * manifest, whose rename commits the save; files no manifest names any more are removed. Every
 * write runs off the event loop. The contents must not change until it settles.
 */
export async function writeHnswFiles(options: { directory: string; embedder: EmbedderIdentity; contents: HnswContents; count: number }): Promise<void> {
  const { directory, embedder, contents } = options;
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const saveId = `vectors-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const quantizedFile = `${saveId}.q8`;
  const manifestPath = join(directory, MANIFEST_FILE_NAME);
  const temporaryManifestPath = `${manifestPath}.${process.pid}.tmp`;
  const written: string[] = [];
  try {
    const shardFiles: { file: string; bytes: number }[] = [];
    for (const [position, shard] of contents.shards.entries()) {
      let file = shard.file;
      if (shard.dirty || file === undefined || !existsSync(join(directory, file)) || !INDEX_FILE_PATTERN.test(file) || file === INDEX_FILE_NAME) {
        file = contents.shards.length === 1 ? `${saveId}.hnsw` : `${saveId}-${position}.hnsw`;
        const path = join(directory, file);
        written.push(path);
        await shard.graph.writeIndex(path);
        // hnswlib creates the file with the default mode; embeddings of internal papers are owner-only.
        await chmod(path, 0o600);
        await syncFile(path);
      }
      shardFiles.push({ file, bytes: (await stat(join(directory, file))).size });
    }
    const quantizedPath = join(directory, quantizedFile);
    written.push(quantizedPath);
    const handle = await open(quantizedPath, "w", 0o600);
    try {
      await handle.writev(contents.quantized.serializedParts(contents.labelIds.length));
      await handle.sync();
    } finally {
      await handle.close();
    }
    const manifest: IndexManifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions },
      space: "cosine",
      count: options.count,
      labelIds: contents.labelIds,
      createdAt: contents.createdAt,
      savedAt: new Date().toISOString(),
      m: contents.m,
      efConstruction: contents.efConstruction,
      ...(shardFiles.length === 1 ? { indexFile: shardFiles[0]!.file, indexBytes: shardFiles[0]!.bytes } : { shards: shardFiles }),
      quantizedFile,
    };
    written.push(temporaryManifestPath);
    await writeIndexManifest({ path: temporaryManifestPath, manifest });
    // The manifest's rename commits the save; the files it no longer names are then left over.
    await rename(temporaryManifestPath, manifestPath);
    written.length = 0;
    contents.shards.forEach((shard, position) => Object.assign(shard, { file: shardFiles[position]!.file, dirty: false }));
    const kept = new Set([...shardFiles.map((entry) => entry.file), quantizedFile]);
    for (const name of await readdir(directory)) if (INDEX_FILE_PATTERN.test(name) && !kept.has(name)) await rm(join(directory, name), { force: true });
  } catch (error) {
    for (const path of written) await rm(path, { force: true });
    throw new StoreError({ message: `${directory}: 向量索引保存失败`, hint: "检查磁盘空间和目录写权限后重试", cause: error });
  }
}
