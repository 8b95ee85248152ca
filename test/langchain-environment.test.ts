import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOpenAiChatModel } from "../src/models/openai-chat-model.js";
import { createOpenAiEmbedder } from "../src/models/openai-embedder.js";
import { createEmbeddingsHandler, sendServerSentEvents, startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";

/**
 * LangChain's own switches, set in a developer's or operator's shell: with them, bulletin prompts
 * would go to a tracing service and be printed on stdout. The product reads its configuration from
 * src/config.ts only, so none of them may change anything observable.
 */
describe("LANGSMITH_* and LANGCHAIN_* in the environment", () => {
  let model: FakeOpenAiServer;
  let tracing: FakeOpenAiServer;
  const printed: string[] = [];
  beforeEach(async () => {
    model = await startFakeOpenAiServer({ embeddingDimensions: 8 });
    tracing = await startFakeOpenAiServer();
    printed.length = 0;
    vi.stubEnv("LANGSMITH_TRACING", "true");
    vi.stubEnv("LANGCHAIN_TRACING_V2", "true");
    vi.stubEnv("LANGCHAIN_VERBOSE", "true");
    vi.stubEnv("LANGSMITH_ENDPOINT", tracing.baseUrl.replace(/\/v1$/, ""));
    vi.stubEnv("LANGSMITH_API_KEY", "lsv2-test");
    vi.stubEnv("LANGCHAIN_CALLBACKS_BACKGROUND", "false");
    vi.spyOn(console, "log").mockImplementation((...values: unknown[]) => void printed.push(values.map(String).join(" ")));
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await model.close();
    await tracing.close();
  });

  it("change nothing a person or another service could see when the model answers", async () => {
    model.route("POST /v1/chat/completions", ({ response }) =>
      sendServerSentEvents({ response, events: [{ choices: [{ index: 0, delta: { content: "区教育局" }, finish_reason: null }] }] }),
    );
    const chatModel = createOpenAiChatModel({ baseUrl: model.baseUrl, model: "m", timeoutMs: 5000 });
    expect(await chatModel.complete({ messages: [{ role: "user", content: "简报全文：第64期……" }] })).toBe("区教育局");
    expect(printed).toEqual([]);
    expect(tracing.requests).toEqual([]);
    expect(process.env.LANGSMITH_TRACING).toBeUndefined();
  });

  it("change nothing when bulletins are embedded", async () => {
    model.route("POST /v1/embeddings", createEmbeddingsHandler({ dimensions: 8 }));
    const embedder = await createOpenAiEmbedder({ baseUrl: model.baseUrl, model: "e", knownDimensions: 8 });
    expect((await embedder.embed({ texts: ["区教育局集团化办学"] }))[0]).toHaveLength(8);
    expect(printed).toEqual([]);
    expect(tracing.requests).toEqual([]);
  });
});
