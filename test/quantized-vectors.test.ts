import { describe, expect, it } from "vitest";
import { createQuantizedVectors, deserializeQuantizedVectors } from "../src/search/quantized-vectors.js";
import { spreadVector } from "./contracts/vector-index.js";
import { nthLargest } from "../src/search/hnsw-index.js";

const DIMENSIONS = 16;
const unit = (seed: number) => {
  const vector = spreadVector({ seed, dimensions: DIMENSIONS });
  const length = Math.hypot(...vector);
  return Float32Array.from(vector, (value) => value / length);
};
const cosine = (left: Float32Array, right: Float32Array) => left.reduce((sum, value, position) => sum + value * right[position]!, 0);

describe("quantized vectors", () => {
  it("scores close to the exact cosine, before and after growing past the first block and across pages", () => {
    const vectors = createQuantizedVectors({ dimensions: DIMENSIONS, capacity: 3 });
    const labels = [0, 1, 2, 3, 4100, 9000];
    for (const label of labels) vectors.set(label, unit(label));
    const query = unit(77);
    for (const label of labels) expect(vectors.score(query, label)).toBeCloseTo(cosine(query, unit(label)), 1);
  });

  it("serializes the first n labels from every block, and reads them back with the same scores", () => {
    const vectors = createQuantizedVectors({ dimensions: DIMENSIONS, capacity: 2 });
    for (let label = 0; label < 5000; label += 1) vectors.set(label, unit(label));
    const bytes = vectors.serialize(4500);
    expect(Buffer.concat(vectors.serializedParts(4500))).toEqual(bytes);
    const read = deserializeQuantizedVectors({ bytes, dimensions: DIMENSIONS, labels: 4500, source: "test" });
    const query = unit(5);
    for (const label of [0, 1, 2, 4095, 4096, 4499]) expect(read.score(query, label)).toBe(vectors.score(query, label));
    // Read back, it grows again without touching what it read.
    read.set(4500, unit(4500));
    expect(read.score(query, 4500)).toBe(vectors.score(query, 4500));
    expect(read.score(query, 3)).toBe(vectors.score(query, 3));
  });

  it("scores many labels at once exactly as one by one, for a sparse query (a question's hashing vector) and a dense one", () => {
    const vectors = createQuantizedVectors({ dimensions: DIMENSIONS, capacity: 2 });
    for (let label = 0; label < 5000; label += 1) vectors.set(label, unit(label));
    const labels = Int32Array.from([0, 3, 17, 4095, 4096, 4999, 6000]);
    const sparse = new Float32Array(DIMENSIONS);
    sparse[2] = 0.6;
    sparse[11] = -0.8;
    for (const query of [sparse, unit(123)]) {
      const scores = new Float64Array(labels.length);
      vectors.scoreAll(query, labels, scores);
      expect([...scores]).toEqual([...labels].map((label) => vectors.score(query, label)));
    }
  });

  it("refuses a file of another size or dimension", () => {
    const bytes = createQuantizedVectors({ dimensions: DIMENSIONS }).serialize(3);
    expect(() => deserializeQuantizedVectors({ bytes, dimensions: 8, labels: 3, source: "vectors.q8" })).toThrow(/vectors\.q8/);
    expect(() => deserializeQuantizedVectors({ bytes, dimensions: DIMENSIONS, labels: 4, source: "vectors.q8" })).toThrow(/vectors\.q8/);
  });

  it("finds the n-th largest score as a full sort would, with ties and repeated values", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const length of [1, 2, 5, 100, 1001]) {
      const values = Float64Array.from({ length }, () => Math.round(random() * 20) / 4);
      const sorted = [...values].sort((left, right) => right - left);
      for (const n of [1, 2, Math.ceil(length / 2), length]) {
        if (n > length) continue;
        expect(nthLargest(Float64Array.from(values), n)).toBe(sorted[n - 1]);
      }
    }
  });
});
