import type { Embedder } from "./embedder.js";
import type { Tokenizer } from "../text/tokenizer.js";
import { createTimeSlicer } from "../time-slicer.js";

/** Bump whenever feature extraction, hashing or weighting changes: it is part of `model`, so old indexes are detected. */
const ALGORITHM_VERSION = 1;

/**
 * Bigrams weigh half a word: a text yields about as many bigrams as characters, most of them
 * straddling word boundaries, so at full weight they would drown the word matches. They are a
 * fallback for words jieba splits differently (new unit names, PDF line breaks inside a word).
 */
const BIGRAM_WEIGHT = 0.5;
const WORD_WEIGHT = 1;

const WORD_PREFIX = "w:";
const BIGRAM_PREFIX = "b:";

const SEPARATOR_PATTERN = /[\p{P}\p{S}\p{Z}\s]+/gu;
const HAN_RUN_PATTERN = /\p{Script=Han}{2,}/gu;

export interface HashingEmbedderOptions {
  tokenizer: Tokenizer;
  /** Vector length; 512 keeps collisions rare for passages of ~1000 characters. */
  dimensions?: number;
  /**
   * Weight of a feature key as produced by `extractHashingFeatures` ("w:教育局", "b:教育"),
   * typically log(N / df) from corpus document frequencies. Defaults to 1 for every feature.
   */
  idf?: (feature: string) => number;
}

/**
 * Counts the features the hashing embedder uses: tokenizer words ("w:" + word) and Chinese
 * character bigrams ("b:" + two Han characters) taken after punctuation and whitespace are
 * removed, so "服 务群众" (a PDF line break inside a word) still yields "b:服务".
 * Exported so document frequencies for `idf` are computed over exactly the same keys.
 */
export function extractHashingFeatures(options: { text: string; tokenizer: Tokenizer }): Map<string, number> {
  return hashingFeatures({ text: options.text, words: options.tokenizer.tokenize(options.text) });
}

/** extractHashingFeatures with the text's words already cut (by the same tokenizer). */
function hashingFeatures(options: { text: string; words: readonly string[] }): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

  for (const word of options.words) {
    if (word.trim() !== "") add(WORD_PREFIX + word);
  }

  for (const [run] of options.text.replace(SEPARATOR_PATTERN, "").matchAll(HAN_RUN_PATTERN)) {
    const characters = Array.from(run);
    for (let index = 0; index + 1 < characters.length; index += 1) add(BIGRAM_PREFIX + characters[index]! + characters[index + 1]!);
  }
  return counts;
}

/** The model name of hashing embedders of `dimensions` without idf weights: vectors of the same name are the same. */
export function hashingModelName(dimensions: number): string {
  return `hashing-v${ALGORITHM_VERSION}-${dimensions}`;
}

/**
 * The vector createHashingEmbedder({ dimensions }) gives `text`, from its words cut beforehand by the
 * same tokenizer (tokenize(text)): a rebuild cuts each passage once for the index and the vectors.
 */
export function hashingVector(options: { text: string; words: readonly string[]; dimensions: number; idf?: (feature: string) => number }): number[] {
  const { dimensions, idf } = options;
  const vector = new Float64Array(dimensions);
  for (const [feature, count] of hashingFeatures(options)) {
    const weight = (1 + Math.log(count)) * featureWeight(feature) * (idf ? idf(feature) : 1);
    if (weight === 0 || !Number.isFinite(weight)) continue;
    const hash = hashFeature(feature);
    const sign = hash >>> 31 === 1 ? -1 : 1;
    vector[hash % dimensions]! += sign * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so low bits (the index) and the top bit (the sign) are well mixed. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feature.length; index += 1) {
    hash = Math.imul(hash ^ feature.charCodeAt(index), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function featureWeight(feature: string): number {
  return feature.startsWith(BIGRAM_PREFIX) ? BIGRAM_WEIGHT : WORD_WEIGHT;
}

/**
 * Offline embedder: signed feature hashing of words and bigrams, weighted by (1 + ln tf) · idf.
 * Deterministic and download-free; it captures shared vocabulary, not meaning.
 * A text with no features (empty, or only punctuation) embeds to the zero vector, which has
 * cosine 0 with everything instead of a misleading unit vector.
 *
 * @example
 * const embedder = createHashingEmbedder({ tokenizer: createJiebaTokenizer() });
 * const [vector] = await embedder.embed({ texts: ["区教育局推进集团化办学"] });
 */
export function createHashingEmbedder(options: HashingEmbedderOptions): Embedder {
  const { tokenizer, idf } = options;
  const dimensions = options.dimensions ?? 512;
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new RangeError(`createHashingEmbedder: dimensions must be a positive integer, got ${dimensions}`);
  }

  const embedOne = (text: string): number[] => hashingVector({ text, words: tokenizer.tokenize(text), dimensions, ...(idf ? { idf } : {}) });

  return {
    provider: "hashing",
    model: hashingModelName(dimensions),
    dimensions,
    maxBatchSize: 4096,
    maxInputChars: 1200,
    async embed({ texts, signal }) {
      const vectors: number[][] = [];
      // A batch of 4,096 passages is 0.5 s of work: the event loop gets a turn every few milliseconds.
      const slicer = createTimeSlicer();
      for (const text of texts) {
        signal?.throwIfAborted();
        vectors.push(embedOne(text));
        if (slicer.due()) await slicer.pause();
      }
      return vectors;
    },
  };
}
