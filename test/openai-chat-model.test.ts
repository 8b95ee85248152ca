import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOpenAiChatModel } from "../src/models/openai-chat-model.js";
import { closedPort, rejection } from "./helpers/network.js";
import { openAiErrorBody, sendServerSentEvents, startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";

const CHAT = "POST /v1/chat/completions";

const expectRejection = (promise: Promise<unknown>) => rejection(promise, "llm");

function streamReply(server: FakeOpenAiServer, chunks: readonly string[], delayMs = 20): void {
  server.route(CHAT, ({ response }) =>
    sendServerSentEvents({ response, delayMs, events: chunks.map((content) => ({ id: "chatcmpl-1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] })) }),
  );
}

const HELLO = [{ role: "user" as const, content: "你好" }];

describe("createOpenAiChatModel against a fake OpenAI-compatible server", () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it("sends the configured model, key, low temperature and stream: true, ignoring OPENAI_* variables", async () => {
    vi.stubEnv("OPENAI_API_KEY", "key-from-environment");
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    streamReply(server, ["好"]);
    const chatModel = createOpenAiChatModel({ baseUrl: server.baseUrl, model: "qwen2.5:7b", apiKey: "sk-configured", timeoutMs: 5000 });
    expect(chatModel).toMatchObject({ provider: "openai-compatible", model: "qwen2.5:7b" });
    await chatModel.complete({ messages: [{ role: "system", content: "只用中文回答" }, ...HELLO] });
    const [request] = server.requestsTo(CHAT);
    const body = request!.body as { model: string; stream: boolean; temperature: number; messages: unknown[] };
    expect(body).toMatchObject({ model: "qwen2.5:7b", stream: true, messages: [{ role: "system", content: "只用中文回答" }, { role: "user", content: "你好" }] });
    expect(body.temperature).toBeGreaterThanOrEqual(0.1);
    expect(body.temperature).toBeLessThanOrEqual(0.3);
    expect(request!.headers.authorization).toBe("Bearer sk-configured");
  });

  it("sends the dummy key \"none\" when the key is empty (Ollama, vLLM)", async () => {
    streamReply(server, ["好"]);
    await createOpenAiChatModel({ baseUrl: server.baseUrl, model: "qwen2.5:7b", apiKey: "", timeoutMs: 5000 }).complete({ messages: HELLO });
    expect(server.requestsTo(CHAT)[0]!.headers.authorization).toBe("Bearer none");
  });

  it("passes every streamed chunk to onToken in order and resolves with the whole text", async () => {
    const chunks = ["区教育局", "两年内共交流", "教师140余人次", "。[1]"];
    streamReply(server, chunks, 30);
    const tokens: string[] = [];
    const text = await createOpenAiChatModel({ baseUrl: server.baseUrl, model: "m", timeoutMs: 5000 }).complete({ messages: HELLO, onToken: (token) => tokens.push(token) });
    expect(tokens).toEqual(chunks);
    expect(text).toBe("区教育局两年内共交流教师140余人次。[1]");
  });

  it("gives up after timeoutMs on a silent server, without retrying, naming LLM_TIMEOUT_MS", async () => {
    server.route(CHAT, () => new Promise<void>((resolve) => setTimeout(resolve, 2000)));
    const started = performance.now();
    const error = await expectRejection(createOpenAiChatModel({ baseUrl: server.baseUrl, model: "m", timeoutMs: 300, maxRetries: 3 }).complete({ messages: HELLO }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.message).toBe(`[llm] 大模型服务 ${server.baseUrl} 在 300 ms 内没有回答; 请检查 LLM_BASE_URL / LLM_MODEL，或调大 LLM_TIMEOUT_MS`);
    expect(server.requestsTo(CHAT)).toHaveLength(1);
  });

  it("gives up after timeoutMs when the stream stalls half-way", async () => {
    server.route(CHAT, async ({ response }) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "区教育局" } }] })}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      response.end("data: [DONE]\n\n");
    });
    const tokens: string[] = [];
    const started = performance.now();
    const error = await expectRejection(createOpenAiChatModel({ baseUrl: server.baseUrl, model: "m", timeoutMs: 300 }).complete({ messages: HELLO, onToken: (token) => tokens.push(token) }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.message).toContain("在 300 ms 内没有回答");
    expect(tokens).toEqual(["区教育局"]);
  });

  it("rejects with the caller's abort reason when the signal aborts", async () => {
    server.route(CHAT, () => new Promise<void>((resolve) => setTimeout(resolve, 2000)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 100);
    await expect(createOpenAiChatModel({ baseUrl: server.baseUrl, model: "m", timeoutMs: 5000 }).complete({ messages: HELLO, signal: controller.signal })).rejects.toThrow("user cancelled");
  });

  it("explains a 401 with the LLM_API_KEY variable, without retrying", async () => {
    server.failNext({ route: CHAT, status: 401, body: openAiErrorBody({ message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" }) });
    const error = await expectRejection(createOpenAiChatModel({ baseUrl: server.baseUrl, model: "deepseek-chat", apiKey: "sk-wrong", timeoutMs: 5000, maxRetries: 2 }).complete({ messages: HELLO }));
    expect(error.message).toContain(`大模型服务 ${server.baseUrl} 拒绝了 API 密钥`);
    expect(error.message).toContain("请检查 LLM_API_KEY 是否正确");
    expect(server.requestsTo(CHAT)).toHaveLength(1);
  });

  it("explains a 404 with the LLM_MODEL variable and the model asked for", async () => {
    server.failNext({ route: CHAT, status: 404, body: openAiErrorBody({ message: "model \"qwen9\" not found" }) });
    const error = await expectRejection(createOpenAiChatModel({ baseUrl: server.baseUrl, model: "qwen9", timeoutMs: 5000 }).complete({ messages: HELLO }));
    expect(error.message).toContain("请检查 LLM_MODEL（当前 qwen9）是否已部署");
  });

  it("retries a 503 and then succeeds", async () => {
    server.failNext({ route: CHAT, status: 503 });
    streamReply(server, ["好"]);
    const text = await createOpenAiChatModel({ baseUrl: server.baseUrl, model: "m", timeoutMs: 10_000, maxRetries: 1 }).complete({ messages: HELLO });
    expect(text).toBe("好");
    expect(server.requestsTo(CHAT)).toHaveLength(2);
  });

  it("fails fast on a closed port with the LLM_BASE_URL hint", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const started = performance.now();
    const error = await expectRejection(createOpenAiChatModel({ baseUrl, model: "m", timeoutMs: 5000, maxRetries: 3 }).complete({ messages: HELLO }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.message).toContain(`无法连接大模型服务 ${baseUrl}`);
    expect(error.message).toContain("请检查 LLM_BASE_URL 是否正确、服务是否已启动");
  });
});
