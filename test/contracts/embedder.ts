import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/models/embedder.js";

/**
 * Behaviour every Embedder must share. Call from a *.test.ts file:
 * testEmbedder({ name: "hashing", create: async () => ({ embedder: createHashingEmbedder(...) }) }).
 * `close` releases what `create` started (a fake server).
 */
export function testEmbedder(options: { name: string; create: () => Promise<{ embedder: Embedder; close?: () => Promise<void> }> }): void {
  const use = async (run: (embedder: Embedder) => Promise<void>) => {
    const { embedder, close } = await options.create();
    try {
      await run(embedder);
    } finally {
      await close?.();
    }
  };
  const norm = (vector: readonly number[]) => Math.hypot(...vector);
  const texts = ["区教育局集团化办学", "区司法局行政争议实质化解", "注册志愿者增至4.9万人"];

  describe(`Embedder contract: ${options.name}`, () => {
    it("names its provider and model and states its limits", async () => {
      await use(async (embedder) => {
        expect(embedder.provider).toMatch(/\S/);
        expect(embedder.model).toMatch(/\S/);
        expect(embedder.dimensions).toBeGreaterThan(0);
        expect(embedder.maxBatchSize).toBeGreaterThan(0);
        expect(embedder.maxInputChars).toBeGreaterThan(0);
      });
    });

    it("returns one unit-length vector of `dimensions` numbers per text, in input order", async () => {
      await use(async (embedder) => {
        const vectors = await embedder.embed({ texts });
        expect(vectors).toHaveLength(texts.length);
        for (const vector of vectors) {
          expect(vector).toHaveLength(embedder.dimensions);
          expect(norm(vector)).toBeCloseTo(1, 4);
        }
        const one = await embedder.embed({ texts: [texts[1]!] });
        expect(one[0]).toEqual(vectors[1]);
      });
    });

    it("gives the same vector for the same text, and nothing for no texts", async () => {
      await use(async (embedder) => {
        const [first] = await embedder.embed({ texts: [texts[0]!] });
        const [second] = await embedder.embed({ texts: [texts[0]!] });
        expect(second).toEqual(first);
        expect(await embedder.embed({ texts: [] })).toEqual([]);
      });
    });

    it("embeds more texts than one batch holds", async () => {
      await use(async (embedder) => {
        const many = Array.from({ length: embedder.maxBatchSize + 3 }, (_, index) => `第${index + 1}条信息`);
        const vectors = await embedder.embed({ texts: many });
        expect(vectors).toHaveLength(many.length);
      });
    });

    it("rejects when the caller has already given up", async () => {
      await use(async (embedder) => {
        const controller = new AbortController();
        controller.abort(new Error("the person left"));
        await expect(embedder.embed({ texts, signal: controller.signal })).rejects.toThrow();
      });
    });
  });
}
