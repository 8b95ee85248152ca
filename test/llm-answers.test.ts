import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../src/answer/answer-question.js";
import type { Engine } from "../src/app/open-engine.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { createOpenAiChatModel } from "../src/llm/openai-chat-model.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { sendServerSentEvents, startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";
import { SAMPLES, sampleEngine } from "./helpers/sample-engine.js";

let engine: Engine;
let dataDir: string;
let llm: FakeOpenAiServer;
const logger = createLogger({ level: "silent" });

/** The fake LLM answers with `reply`, streamed in small pieces like a real endpoint. */
function replyWith(reply: string) {
  llm.route("POST /v1/chat/completions", async ({ response }) => {
    const pieces = reply.match(/.{1,6}/gsu) ?? [];
    await sendServerSentEvents({
      response,
      delayMs: 5,
      events: pieces.map((piece, index) => ({
        id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "fake-model",
        choices: [{ index: 0, delta: index === 0 ? { role: "assistant", content: piece } : { content: piece }, finish_reason: null }],
      })),
    });
  });
}

beforeAll(async () => {
  ({ engine, dataDir } = await sampleEngine({ paths: [SAMPLES] }));
  llm = await startFakeOpenAiServer({});
});
afterAll(async () => {
  engine.close();
  await llm.close();
});

const chatModel = (timeoutMs = 5000) => createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "fake-model", apiKey: "test-key", timeoutMs });

describe("answers written by an LLM (fake OpenAI-compatible server, real client)", () => {
  it("gives the model only the retrieved items, numbered, and keeps only the citations the answer uses", async () => {
    replyWith("全区落实小麦种植面积5.2万亩[1]，一喷三防覆盖率100%[1]。另据资料[9]。");
    const tokens: string[] = [];
    const answer = await answerQuestion({ engine, question: "区农委春耕落实了多少亩小麦？", generation: { chatModel: chatModel(), logger, onToken: (token) => tokens.push(token) } });
    const request = llm.requestsTo("POST /v1/chat/completions").at(-1)!;
    const prompt = JSON.stringify(request.body);
    expect(prompt).toContain("[1] 第18期（2025-04-17）区农委：区农委多措并举抓好春耕备播");
    expect(prompt).toContain("全区落实小麦种植面积");
    expect(answer.answer).not.toContain("[9]");
    expect(answer.answer).toContain("5.2万亩[1]");
    expect(answer.citations.map((citation) => [citation.n, citation.department])).toEqual([[1, "区农委"]]);
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(tokens.join("")).toContain("[9]");
  });

  it("renumbers the citations an answer uses in first-use order", async () => {
    replyWith("先看第二条[2]，再看第一条[1]。");
    const answer = await answerQuestion({ engine, question: "区应急管理局开展了多少场应急演练？", generation: { chatModel: chatModel(), logger } });
    expect(answer.answer).toBe("先看第二条[1]，再看第一条[2]。");
    expect(answer.citations.map((citation) => citation.n)).toEqual([1, 2]);
  });

  it("cites nothing when the model says the items do not answer", async () => {
    replyWith("已收录的简报中没有找到能回答这个问题的内容。");
    const answer = await answerQuestion({ engine, question: "区农委春耕落实了多少亩小麦？", generation: { chatModel: chatModel(), logger } });
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("没有找到");
  });

  it("falls back to the extractive answer when the model times out", async () => {
    llm.route("POST /v1/chat/completions", async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    });
    const started = Date.now();
    const answer = await answerQuestion({ engine, question: "区农委春耕落实了多少亩小麦？", generation: { chatModel: chatModel(300), logger } });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(answer.answer).toContain("5.2万亩");
    expect(answer.citations[0]?.department).toBe("区农委");
  });

  it("streams tokens to the web page as server-sent events, then the final answer", async () => {
    replyWith("全区落实小麦种植面积5.2万亩[1]。");
    const server = await startWebServer({ engine, config: loadConfig({ LOG_LEVEL: "silent" }), dataDir, port: 0, host: "127.0.0.1", chatModel: chatModel(), logger });
    try {
      const response = await fetch(`${server.url}api/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }) });
      const body = await response.text();
      const events = [...body.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((match) => ({ event: match[1]!, data: JSON.parse(match[2]!) }));
      const tokens = events.filter((event) => event.event === "token");
      expect(tokens.length).toBeGreaterThanOrEqual(3);
      expect(tokens.map((event) => event.data).join("")).toBe("全区落实小麦种植面积5.2万亩[1]。");
      const final = events.at(-1)!;
      expect(final.event).toBe("answer");
      expect(final.data.citations[0].url).toContain("#item-3");
    } finally {
      await server.close();
    }
  });
});
