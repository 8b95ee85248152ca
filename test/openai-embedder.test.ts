import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOpenAiEmbedder } from "../src/models/openai-embedder.js";
import { closedPort, rejection } from "./helpers/network.js";
import { fakeVectorFor, openAiErrorBody, startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";

const EMBEDDINGS = "POST /v1/embeddings";

function normalized(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function inputsOf(server: FakeOpenAiServer): string[][] {
  return server.requestsTo(EMBEDDINGS).map((request) => (request.body as { input: string[] }).input);
}

const expectRejection = (promise: Promise<unknown>) => rejection(promise, "embedding");

describe("createOpenAiEmbedder against a fake OpenAI-compatible server", () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer({ embeddingDimensions: 8 });
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it("discovers the dimensions with one probe request when none are configured", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3" });
    expect(embedder).toMatchObject({ provider: "openai-compatible", model: "bge-m3", dimensions: 8, maxBatchSize: 64, maxInputChars: 2000 });
    expect(inputsOf(server)).toEqual([["上街信息"]]);
  });

  it("returns normalised vectors in input order", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3" });
    const texts = ["区教育局", "区司法局", "区公安局\n化解矛盾"];
    const vectors = await embedder.embed({ texts });
    expect(vectors).toHaveLength(3);
    texts.forEach((text, index) => {
      const expected = normalized(fakeVectorFor({ text, dimensions: 8 }));
      vectors[index]!.forEach((value, position) => expect(value).toBeCloseTo(expected[position]!, 6));
    });
    expect(inputsOf(server)[1]).toEqual(texts);
  });

  it("splits 150 texts into requests of 64, 64 and 22, keeping order", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", dimensions: 8 });
    const texts = Array.from({ length: 150 }, (_, index) => `第 ${index + 1} 条动态`);
    const vectors = await embedder.embed({ texts });
    expect(inputsOf(server).map((input) => input.length)).toEqual([64, 64, 22]);
    expect(inputsOf(server).flat().sort()).toEqual([...texts].sort());
    const last = normalized(fakeVectorFor({ text: "第 150 条动态", dimensions: 8 }));
    vectors[149]!.forEach((value, position) => expect(value).toBeCloseTo(last[position]!, 6));
  });

  it("sends the configured model, dimensions, float encoding and API key", async () => {
    vi.stubEnv("OPENAI_API_KEY", "key-from-environment");
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "text-embedding-3-small", apiKey: "sk-configured", dimensions: 4 });
    expect(embedder.dimensions).toBe(4);
    await embedder.embed({ texts: ["书香上街"] });
    const [request] = server.requestsTo(EMBEDDINGS);
    expect(request?.headers.authorization).toBe("Bearer sk-configured");
    expect(request?.body).toEqual({ model: "text-embedding-3-small", input: ["书香上街"], dimensions: 4, encoding_format: "float" });
  });

  it("sends a dummy key to servers without auth instead of reading OPENAI_API_KEY", async () => {
    vi.stubEnv("OPENAI_API_KEY", "key-from-environment");
    await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3" });
    expect(server.requestsTo(EMBEDDINGS)[0]?.headers.authorization).toBe("Bearer none");
  });

  it("gives blank texts the zero vector without sending them", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", dimensions: 8 });
    const vectors = await embedder.embed({ texts: ["", "区委宣传部", "  "] });
    expect(vectors[0]).toEqual(new Array(8).fill(0));
    expect(vectors[2]).toEqual(new Array(8).fill(0));
    expect(inputsOf(server)).toEqual([["区委宣传部"]]);
    expect(await embedder.embed({ texts: [] })).toEqual([]);
  });

  it("retries a 503 and succeeds", async () => {
    server.failNext({ route: EMBEDDINGS, status: 503 });
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", maxRetries: 1 });
    expect(embedder.dimensions).toBe(8);
    expect(server.requestsTo(EMBEDDINGS)).toHaveLength(2);
  });

  it("reports a server error that outlasts the retries", async () => {
    server.failNext({ route: EMBEDDINGS, status: 500, body: openAiErrorBody({ message: "model crashed" }) });
    const error = await expectRejection(createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", maxRetries: 0 }));
    expect(error.message).toContain("model crashed");
    expect(error.message).toContain("请查看该服务的日志");
  });

  it("names EMBEDDING_BASE_URL quickly when nothing listens on the port, without retrying", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const started = Date.now();
    const error = await expectRejection(createOpenAiEmbedder({ baseUrl, model: "bge-m3", maxRetries: 3, timeoutMs: 2000 }));
    expect(Date.now() - started).toBeLessThan(900);
    expect(error.message).toMatch(new RegExp(`^\\[embedding\\] 无法连接向量模型服务 ${baseUrl}：connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+; 请检查 EMBEDDING_BASE_URL 是否正确、服务是否已启动$`));
  });

  it("points at EMBEDDING_API_KEY on a 401, without retrying", async () => {
    server.failNext({ route: EMBEDDINGS, status: 401, body: openAiErrorBody({ message: "Incorrect API key provided" }) });
    const error = await expectRejection(createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", apiKey: "sk-wrong" }));
    expect(error.message).toContain("Incorrect API key provided");
    expect(error.hint).toBe("请检查 EMBEDDING_API_KEY 是否正确");
    expect(server.requestsTo(EMBEDDINGS)).toHaveLength(1);
  });

  it("points at EMBEDDING_MODEL on a 404", async () => {
    server.failNext({ route: EMBEDDINGS, status: 404, body: openAiErrorBody({ message: "model \"bge-m4\" not found" }) });
    const error = await expectRejection(createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m4" }));
    expect(error.hint).toContain("EMBEDDING_MODEL（当前 bge-m4）");
  });

  it("reports a timeout with the configured limit", async () => {
    server.route(EMBEDDINGS, () => new Promise((resolve) => setTimeout(resolve, 1500)));
    const error = await expectRejection(createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", maxRetries: 0, timeoutMs: 200 }));
    expect(error.message).toContain("200 毫秒内没有响应");
  });

  it("rejects vectors whose length differs from EMBEDDING_DIMENSIONS", async () => {
    server.route(EMBEDDINGS, ({ response }) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding: [1, 2, 3] }] }));
    });
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", dimensions: 8 });
    const error = await expectRejection(embedder.embed({ texts: ["区教育局"] }));
    expect(error.hint).toBe("请删除 EMBEDDING_DIMENSIONS 或改为 3（该模型不支持指定维度时须删除）");
  });

  it("stops waiting when the signal aborts", async () => {
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "bge-m3", dimensions: 8 });
    server.route(EMBEDDINGS, () => new Promise((resolve) => setTimeout(resolve, 1500)));
    const controller = new AbortController();
    const pending = embedder.embed({ texts: ["区教育局"], signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    await expect(pending).rejects.toThrow("user cancelled");
  });
});
