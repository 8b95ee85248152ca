import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import type { VectorHit, VectorIndex } from "../../src/search/vector-index.js";

/**
 * Behaviour every VectorIndex backend must share. Call from a *.test.ts file:
 * testVectorIndex({ name: "exact", create: (dimensions) => createExactIndex({ dimensions }) }).
 */
export function testVectorIndex(options: { name: string; create: (dimensions: number) => VectorIndex }): void {
  const { create } = options;

  /** Three 4-d vectors whose pairwise cosines are easy to compute by hand. */
  function threeVectors(): VectorIndex {
    const index = create(4);
    index.add([
      { id: 1, vector: [1, 0, 0, 0] },
      { id: 2, vector: [0, 1, 0, 0] },
      { id: 3, vector: [1, 1, 0, 0] },
    ]);
    return index;
  }

  const ids = (hits: VectorHit[]) => hits.map((hit) => hit.id);

  describe(`VectorIndex contract: ${options.name}`, () => {
    it("finds a stored vector as its own nearest neighbour with score 1", () => {
      const index = threeVectors();
      const hits = index.search({ vector: [1, 0, 0, 0], k: 1 });
      expect(ids(hits)).toEqual([1]);
      expect(hits[0]!.score).toBeCloseTo(1, 5);
    });

    it("normalises vectors, so length does not change the score", () => {
      const index = create(4);
      index.add([{ id: 5, vector: [0, 0, 3, 0] }]);
      const hits = index.search({ vector: [0, 0, 0.5, 0], k: 1 });
      expect(hits[0]!.score).toBeCloseTo(1, 5);
    });

    it("returns cosine similarities sorted from closest to farthest", () => {
      const hits = threeVectors().search({ vector: [1, 0.2, 0, 0], k: 3 });
      expect(ids(hits)).toEqual([1, 3, 2]);
      expect(hits[0]!.score).toBeCloseTo(1 / Math.sqrt(1.04), 4);
      expect(hits[1]!.score).toBeCloseTo(1.2 / (Math.sqrt(1.04) * Math.SQRT2), 4);
      expect(hits[2]!.score).toBeCloseTo(0.2 / Math.sqrt(1.04), 4);
    });

    it("reports opposite vectors with a negative score", () => {
      const index = create(2);
      index.add([{ id: 9, vector: [1, 0] }]);
      expect(index.search({ vector: [-1, 0], k: 1 })[0]!.score).toBeCloseTo(-1, 5);
    });

    it("replaces the vector when an existing id is added again", () => {
      const index = threeVectors();
      index.add([{ id: 1, vector: [0, 0, 1, 0] }]);
      expect(index.size()).toBe(3);
      const moved = index.search({ vector: [0, 0, 1, 0], k: 1 });
      expect(ids(moved)).toEqual([1]);
      expect(moved[0]!.score).toBeCloseTo(1, 5);
      const old = index.search({ vector: [1, 0, 0, 0], k: 3 });
      expect(ids(old)).toEqual([3, 1, 2]);
      expect(old[1]!.score).toBeCloseTo(0, 5);
    });

    it("hides removed ids, ignores unknown ones, and accepts them back", () => {
      const index = threeVectors();
      index.remove([2, 99]);
      expect(index.has(2)).toBe(false);
      expect(index.has(1)).toBe(true);
      expect(index.size()).toBe(2);
      expect(index.ids()).toEqual([1, 3]);
      expect(ids(index.search({ vector: [0, 1, 0, 0], k: 3 }))).toEqual([3, 1]);
      index.add([{ id: 2, vector: [0, 0, 0, 1] }]);
      expect(index.has(2)).toBe(true);
      expect(ids(index.search({ vector: [0, 0, 0, 1], k: 1 }))).toEqual([2]);
    });

    it("returns only ids the filter accepts, still k of them", () => {
      const index = create(8);
      index.add(Array.from({ length: 40 }, (_, id) => ({ id, vector: spreadVector({ seed: id, dimensions: 8 }) })));
      const hits = index.search({ vector: spreadVector({ seed: 3, dimensions: 8 }), k: 5, filter: (id) => id % 2 === 1 });
      expect(hits).toHaveLength(5);
      expect(hits.every((hit) => hit.id % 2 === 1)).toBe(true);
      expect(hits[0]!.id).toBe(3);
    });

    it("searches only among the ids it is given, still k of them, and applies a filter on top", () => {
      const index = create(8);
      index.add(Array.from({ length: 400 }, (_, id) => ({ id, vector: spreadVector({ seed: id, dimensions: 8 }) })));
      const among = new Set(Array.from({ length: 200 }, (_, position) => position * 2 + 1).concat([9999]));
      const hits = index.search({ vector: spreadVector({ seed: 3, dimensions: 8 }), k: 5, among });
      expect(hits).toHaveLength(5);
      expect(hits[0]!.id).toBe(3);
      expect(hits.every((hit) => among.has(hit.id))).toBe(true);
      const filtered = index.search({ vector: spreadVector({ seed: 3, dimensions: 8 }), k: 5, among, filter: (id) => id !== 3 });
      expect(filtered.map((hit) => hit.id)).not.toContain(3);
      expect(filtered).toHaveLength(5);
      expect(index.search({ vector: spreadVector({ seed: 3, dimensions: 8 }), k: 5, among: new Set() })).toEqual([]);
    });

    it("never misses the single item a selective filter allows among thousands", () => {
      const index = create(16);
      index.add(Array.from({ length: 2000 }, (_, id) => ({ id, vector: spreadVector({ seed: id, dimensions: 16 }) })));
      // The query points away from the allowed item, so only a filter-aware search finds it.
      const query = spreadVector({ seed: 1234, dimensions: 16 }).map((value) => -value);
      expect(ids(index.search({ vector: query, k: 10, filter: (id) => id === 1234 }))).toEqual([1234]);
      expect(index.search({ vector: query, k: 10, filter: () => false })).toEqual([]);
    });

    it("returns every item when k exceeds the size", () => {
      expect(ids(threeVectors().search({ vector: [1, 0, 0, 0], k: 10 }))).toEqual([1, 3, 2]);
      expect(threeVectors().search({ vector: [1, 0, 0, 0], k: 0 })).toEqual([]);
      expect(create(4).search({ vector: [1, 0, 0, 0], k: 5 })).toEqual([]);
    });

    it("rejects vectors of the wrong dimension with a message naming both sizes", () => {
      const index = threeVectors();
      expect(() => index.add([{ id: 4, vector: [1, 0, 0] }])).toThrow(StoreError);
      expect(() => index.add([{ id: 4, vector: [1, 0, 0] }])).toThrow("向量为 3 维，索引为 4 维");
      expect(() => index.search({ vector: [1, 0, 0, 0, 0], k: 1 })).toThrow("向量为 5 维，索引为 4 维");
      expect(index.has(4)).toBe(false);
    });

    it("rejects a zero vector and leaves the batch unapplied", () => {
      const index = create(4);
      expect(() =>
        index.add([
          { id: 1, vector: [1, 0, 0, 0] },
          { id: 2, vector: [0, 0, 0, 0] },
        ]),
      ).toThrow("零向量");
      expect(index.size()).toBe(0);
    });
  });
}

/** Deterministic, well-spread vector per seed (no two seeds share a direction). */
export function spreadVector(options: { seed: number; dimensions: number }): number[] {
  return Array.from({ length: options.dimensions }, (_, position) => Math.sin((options.seed + 1) * (position + 1) * 12.9898) * 43758.5453 % 1);
}
