import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createChatModel } from "../src/models/create-chat-model.js";
import { generateAnswer } from "../src/answer/generate-answer.js";
import { createOpenAiEmbedder } from "../src/models/openai-embedder.js";

// Live checks against real endpoints, only when credentials are configured (see .env.example).
const config = loadConfig();

describe.skipIf(!config.llm || !process.env.LLM_API_KEY)("live LLM endpoint (LLM_*)", () => {
  it("answers from the numbered item with a citation marker", async () => {
    const chatModel = (await createChatModel(config))!;
    const result = await generateAnswer({
      chatModel,
      question: "上街区注册志愿者有多少人？",
      items: [{ n: 1, issue: 64, year: 2025, date: "2025-11-27", units: ["区委社工部"], title: "区委社工部推动志愿服务工作提质增效", body: "注册志愿者增至4.9万人，志愿服务组织达228支。" }],
    });
    expect(result.answer).toContain("4.9万");
    expect(result.used).toEqual([1]);
  }, 120_000);
});

describe.skipIf(!config.embedding || !process.env.EMBEDDING_API_KEY)("live embeddings endpoint (EMBEDDING_*)", () => {
  it("returns normalised vectors of the reported dimension", async () => {
    const embedding = config.embedding!;
    const embedder = await createOpenAiEmbedder({ baseUrl: embedding.baseUrl, model: embedding.model, apiKey: embedding.apiKey, dimensions: embedding.dimensions });
    const [vector] = await embedder.embed({ texts: ["注册志愿者增至4.9万人"] });
    expect(vector).toHaveLength(embedder.dimensions);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 3);
  }, 120_000);
});
