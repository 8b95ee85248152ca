import { describe, expect, it } from "vitest";
import { generateItems } from "../scripts/generate-corpus.js";
import { createExactIndex } from "../src/search/exact-index.js";
import { createHashingEmbedder } from "../src/models/hashing-embedder.js";
import { createHnswIndex } from "../src/search/hnsw-index.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";

describe("HNSW against the exact index on real text embeddings", () => {
  it("finds at least 95% of the exact top 10 (ties counted) for bulletin-like questions", async () => {
    const embedder = createHashingEmbedder({ tokenizer: createJiebaTokenizer() });
    const items = generateItems({ count: 3000, seed: 11 });
    const vectors = await embedder.embed({ texts: items.map((item) => `${item.unit} ${item.title}\n${item.body}`) });
    const exact = createExactIndex({ dimensions: embedder.dimensions });
    const hnsw = createHnswIndex({ embedder });
    const entries = vectors.map((vector, id) => ({ id, vector }));
    exact.add(entries);
    hnsw.add(entries);

    const questions = items.filter((_, index) => index % 30 === 0).map((item) => `${item.unit}${item.title || item.body.slice(0, 20)}有什么进展？`);
    const queryVectors = await embedder.embed({ texts: questions });
    let found = 0;
    for (const vector of queryVectors) {
      // Template-generated items tie often; a hit scoring as high as the exact 10th is as good as it.
      const tenth = exact.search({ vector, k: 10 }).at(-1)!.score;
      found += hnsw.search({ vector, k: 10 }).filter((hit) => hit.score >= tenth - 1e-6).length;
    }
    const recall = found / (queryVectors.length * 10);
    console.log(`[hnsw recall, text] ${items.length} items × ${embedder.dimensions}-d hashing embeddings, ${questions.length} questions: recall@10 = ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
