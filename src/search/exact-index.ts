import { IndexOutOfDateError, StoreError } from "../errors.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";


/**
 * Copies a vector into a unit-length Float32Array, rejecting wrong lengths and vectors
 * that cannot be normalised. Shared by every VectorIndex backend so their errors match.
 */
export function normaliseVector(options: { vector: readonly number[]; dimensions: number }): Float32Array {
  const { vector, dimensions } = options;
  if (vector.length !== dimensions) {
    throw new IndexOutOfDateError({ message: `向量为 ${vector.length} 维，索引为 ${dimensions} 维（嵌入模型配置与索引不一致）` });
  }
  let squaredLength = 0;
  for (const value of vector) squaredLength += value * value;
  if (!Number.isFinite(squaredLength) || squaredLength === 0) {
    throw new StoreError({
      message: "向量为零向量或含非有限数值，无法计算余弦相似度",
      hint: "检查嵌入模型的输出",
    });
  }
  const length = Math.sqrt(squaredLength);
  const normalised = new Float32Array(dimensions);
  for (let position = 0; position < dimensions; position++) normalised[position] = vector[position]! / length;
  return normalised;
}

/** Ids are stored as JSON numbers and hnswlib labels' keys, so only safe integers are accepted. */
export function assertVectorId(id: number): void {
  if (!Number.isSafeInteger(id)) {
    throw new StoreError({ message: `向量 id ${id} 不是整数`, hint: "向量 id 应使用数据库中的整数行号" });
  }
}

export function dotProduct(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let position = 0; position < left.length; position++) sum += left[position]! * right[position]!;
  return sum;
}

/** Highest score first; equal scores by ascending id so results are deterministic. */
export function compareHits(left: VectorHit, right: VectorHit): number {
  return right.score - left.score || left.id - right.id;
}

/**
 * Brute-force cosine index held in memory: the correctness oracle for approximate backends
 * and a fine choice for small collections.
 *
 * @example
 * const index = createExactIndex({ dimensions: 3 });
 * index.add([{ id: 7, vector: [1, 0, 0] }]);
 * index.search({ vector: [1, 0.1, 0], k: 1 }); // [{ id: 7, score: 0.995... }]
 */
export function createExactIndex(options: { dimensions: number }): VectorIndex {
  const { dimensions } = options;
  const vectors = new Map<number, Float32Array>();

  return {
    dimensions,
    size: () => vectors.size,
    has: (id) => vectors.has(id),
    ids: () => [...vectors.keys()].sort((left, right) => left - right),
    add(entries) {
      // Validate the whole batch first so a bad entry leaves the index unchanged.
      const prepared = entries.map((entry) => {
        assertVectorId(entry.id);
        return { id: entry.id, vector: normaliseVector({ vector: entry.vector, dimensions }) };
      });
      for (const entry of prepared) vectors.set(entry.id, entry.vector);
    },
    remove(ids) {
      for (const id of ids) vectors.delete(id);
    },
    search({ vector, k, filter, among }) {
      const query = normaliseVector({ vector, dimensions });
      if (k <= 0) return [];
      const hits: VectorHit[] = [];
      for (const id of among ?? vectors.keys()) {
        const stored = vectors.get(id);
        if (stored === undefined || (filter && !filter(id))) continue;
        hits.push({ id, score: dotProduct(query, stored) });
      }
      return hits.sort(compareHits).slice(0, k);
    },
    save: async () => {},
  };
}
