import type { Embedder } from "./embedder.js";

type EmbedOptions = Parameters<Embedder["embed"]>[0];

export interface FakeEmbedder extends Embedder {
  /** Every call's texts, in call order. */
  readonly calls: string[][];
}

function notImplemented(): never {
  throw new Error("fake embedder: embed is not implemented; pass `embed` or use characterVectors()");
}

/**
 * An Embedder that records calls and answers with `embed` (default: throws), for tests of code built
 * on the interface. Network behaviour is tested against test/fakes/fake-openai-server.ts instead.
 *
 * @example
 * const embedder = createFakeEmbedder({ dimensions: 8, embed: characterVectors(8) });
 */
export function createFakeEmbedder(options: { dimensions: number; embed?: (options: EmbedOptions) => Promise<number[][]>; maxBatchSize?: number; maxInputChars?: number }): FakeEmbedder {
  const calls: string[][] = [];
  const embed = options.embed ?? notImplemented;
  return {
    provider: "fake",
    model: "fake-embedding",
    dimensions: options.dimensions,
    maxBatchSize: options.maxBatchSize ?? 16,
    maxInputChars: options.maxInputChars ?? 1000,
    calls,
    async embed(embedOptions) {
      embedOptions.signal?.throwIfAborted();
      calls.push([...embedOptions.texts]);
      return embed(embedOptions);
    },
  };
}

/** Unit vectors counting each text's characters into `dimensions` buckets: texts sharing characters are close. */
export function characterVectors(dimensions: number): (options: EmbedOptions) => Promise<number[][]> {
  return async ({ texts }) =>
    texts.map((text) => {
      const vector = new Array<number>(dimensions).fill(0);
      for (const character of text) vector[(character.codePointAt(0) ?? 0) % dimensions]! += 1;
      const length = Math.hypot(...vector);
      return length === 0 ? vector : vector.map((value) => value / length);
    });
}
