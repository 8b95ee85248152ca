import { describe, expect, it } from "vitest";
import { createHashingEmbedder, extractHashingFeatures, hashFeature } from "../src/models/hashing-embedder.js";
import type { Tokenizer } from "../src/text/tokenizer.js";

/** Stands in for jieba: the test texts put spaces between words. */
const spaceTokenizer: Tokenizer = {
  name: "space",
  tokenize: (text) => text.split(/[\s\p{P}]+/u).filter(Boolean),
  addWords: () => {},
};

function cosine(left: readonly number[], right: readonly number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

function length(vector: readonly number[]): number {
  return Math.sqrt(cosine(vector, vector));
}

async function embedOne(embedder: ReturnType<typeof createHashingEmbedder>, text: string): Promise<number[]> {
  const [vector] = await embedder.embed({ texts: [text] });
  return vector!;
}

describe("createHashingEmbedder", () => {
  it("names its algorithm version and dimensions so an index built differently is detected", () => {
    expect(createHashingEmbedder({ tokenizer: spaceTokenizer })).toMatchObject({ provider: "hashing", model: "hashing-v1-512", dimensions: 512, maxInputChars: 1200 });
    expect(createHashingEmbedder({ tokenizer: spaceTokenizer, dimensions: 64 }).model).toBe("hashing-v1-64");
  });

  it("gives the same vector for the same text, across embedder instances", async () => {
    const text = "区教育局 构建 区内 跨区 双层 集团化 办学 新格局";
    const first = await embedOne(createHashingEmbedder({ tokenizer: spaceTokenizer }), text);
    const second = await embedOne(createHashingEmbedder({ tokenizer: spaceTokenizer }), text);
    expect(first).toHaveLength(512);
    expect(second).toEqual(first);
  });

  it("returns unit-length vectors, one per text in input order", async () => {
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer });
    const texts = ["区司法局 化解 行政争议 30 余件", "区公安局 化解 矛盾纠纷 1700 余起", "书香上街"];
    const vectors = await embedder.embed({ texts });
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) expect(length(vector)).toBeCloseTo(1, 12);
    expect(vectors[2]).toEqual(await embedOne(embedder, "书香上街"));
  });

  it("embeds empty and punctuation-only text as the zero vector", async () => {
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer, dimensions: 16 });
    const vectors = await embedder.embed({ texts: ["", "，。！ \n"] });
    expect(vectors).toEqual([new Array(16).fill(0), new Array(16).fill(0)]);
  });

  it("scores a paraphrase sharing words above an unrelated text", async () => {
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer });
    const query = await embedOne(embedder, "区教育局 集团化 办学 进展");
    const paraphrase = await embedOne(embedder, "区教育局 推进 集团化 办学 组建 教育集团");
    const unrelated = await embedOne(embedder, "区公安局 化解 矛盾纠纷 反诈 宣传");
    expect(cosine(query, paraphrase)).toBeGreaterThan(0.4);
    expect(cosine(query, paraphrase)).toBeGreaterThan(cosine(query, unrelated) + 0.3);
  });

  it("still matches a word broken by a PDF line break, through character bigrams", async () => {
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer });
    const broken = await embedOne(embedder, "服 务群众");
    const whole = await embedOne(embedder, "服务群众");
    expect(cosine(broken, whole)).toBeGreaterThan(0.3);
  });

  it("applies idf per feature: a zero idf removes a feature, the rest keep sublinear tf", async () => {
    const keepOnly = new Set(["w:教育", "w:公安"]);
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer, idf: (feature) => (keepOnly.has(feature) ? 1 : 0) });
    expect(hashFeature("w:教育") % 512).not.toBe(hashFeature("w:公安") % 512);
    const vector = await embedOne(embedder, "教育 教育 公安");
    const magnitudes = vector.filter((value) => value !== 0).map(Math.abs).sort();
    // tf 2 weighs 1 + ln 2, not 2: one repeated word must not dominate a passage.
    const norm = Math.hypot(1, 1 + Math.LN2);
    expect(magnitudes).toHaveLength(2);
    expect(magnitudes[0]).toBeCloseTo(1 / norm, 12);
    expect(magnitudes[1]).toBeCloseTo((1 + Math.LN2) / norm, 12);
  });

  it("pulls a document towards a query on the rare word when idf favours it", async () => {
    const plain = createHashingEmbedder({ tokenizer: spaceTokenizer });
    const weighted = createHashingEmbedder({ tokenizer: spaceTokenizer, idf: (feature) => (feature.includes("司法") ? 5 : 1) });
    const document = "今年 以来 工作 开展 区司法局 调解";
    const query = "区司法局";
    const plainScore = cosine(await embedOne(plain, document), await embedOne(plain, query));
    const weightedScore = cosine(await embedOne(weighted, document), await embedOne(weighted, query));
    expect(weightedScore).toBeGreaterThan(plainScore + 0.2);
  });

  it("rejects when the signal is already aborted", async () => {
    const embedder = createHashingEmbedder({ tokenizer: spaceTokenizer });
    await expect(embedder.embed({ texts: ["上街"], signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe("extractHashingFeatures", () => {
  it("counts tokenizer words and Han bigrams taken across removed punctuation and spaces", () => {
    const features = extractHashingFeatures({ text: "教育局，推进 办学 办学", tokenizer: spaceTokenizer });
    expect(Object.fromEntries(features)).toEqual({
      "w:教育局": 1,
      "w:推进": 1,
      "w:办学": 2,
      "b:教育": 1,
      "b:育局": 1,
      "b:局推": 1,
      "b:推进": 1,
      "b:进办": 1,
      "b:办学": 2,
      "b:学办": 1,
    });
  });

  it("makes no bigrams from digits or Latin letters", () => {
    const features = extractHashingFeatures({ text: "第64期 AI", tokenizer: spaceTokenizer });
    expect([...features.keys()].filter((key) => key.startsWith("b:"))).toEqual([]);
  });
});
