import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { createOpenAiChatModel } from "../src/models/openai-chat-model.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { sendServerSentEvents, startFakeOpenAiServer, type FakeOpenAiServer } from "./fakes/fake-openai-server.js";
import { SAMPLES, sampleApplication } from "./helpers/sample-application.js";

let application: Application;
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
  ({ application, dataDir } = await sampleApplication({ paths: [SAMPLES] }));
  llm = await startFakeOpenAiServer({});
});
afterAll(async () => {
  application.close();
  await llm.close();
});

const chatModel = (timeoutMs = 5000) => createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "fake-model", apiKey: "test-key", timeoutMs });

describe("answers written by an LLM (fake OpenAI-compatible server, real client)", () => {
  it("gives the model only the retrieved items, numbered, and keeps only the citations the answer uses", async () => {
    replyWith("全区落实小麦种植面积5.2万亩[1]，一喷三防覆盖率100%[1]。另据资料[9]。");
    const tokens: string[] = [];
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "区农委春耕落实了多少亩小麦？", onToken: (token) => tokens.push(token) });
    const request = llm.requestsTo("POST /v1/chat/completions").at(-1)!;
    const prompt = (request.body as { messages: { content: string }[] }).messages[1]!.content;
    expect(prompt).toContain("<<<条目 1 开始>>>\n[1] 第18期（2025-04-17）区农委：区农委多措并举抓好春耕备播\n全区落实小麦种植面积");
    expect(answer.answer).toBe("全区落实小麦种植面积5.2万亩[1]，一喷三防覆盖率100%[1]。");
    expect(answer.citations.map((citation) => [citation.n, citation.unit])).toEqual([[1, "区农委"]]);
    // What streamed to the person is the grounded sentence only, never the invented citation.
    expect(tokens).toEqual(["全区落实小麦种植面积5.2万亩[1]，一喷三防覆盖率100%[1]。"]);
  });

  it("renumbers the citations an answer uses in first-use order", async () => {
    // The fake model quotes the opening sentence of item 2, then of item 1.
    llm.route("POST /v1/chat/completions", async ({ request, response }) => {
      const prompt = (request.body as { messages: { content: string }[] }).messages[1]!.content;
      const opening = (n: number) => new RegExp(`<<<条目 ${n} 开始>>>\\n.*\\n([^。]+)。`).exec(prompt)![1]!;
      await sendServerSentEvents({ response, events: [{ choices: [{ index: 0, delta: { content: `${opening(2)}[2]。${opening(1)}[1]。` }, finish_reason: null }] }] });
    });
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "区应急管理局的应急演练和安全培训" });
    const sentences = [...answer.answer.matchAll(/([^[]+)\[(\d)\]。/g)].map((match) => ({ text: match[1]!, n: Number(match[2]) }));
    expect(sentences.map((sentence) => sentence.n)).toEqual([1, 2]);
    expect(answer.citations.map((citation) => citation.n)).toEqual([1, 2]);
    // Citation n is the item the n-th sentence quotes.
    for (const [index, sentence] of sentences.entries()) {
      const cited = application.catalog.listItems().find((item) => item.title === answer.citations[index]!.title)!;
      expect(cited.body).toContain(sentence.text);
    }
  });

  it("cites nothing when the model says the items do not answer", async () => {
    replyWith("已收录的简报中没有找到能回答这个问题的内容。");
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "区农委春耕落实了多少亩小麦？" });
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("没有找到");
  });

  it("asks the model to say when the items lack the asked value, and passes its near miss on with the related items", async () => {
    replyWith("简报提到了区农委抓春耕备播，但没有写明小麦种植补贴的金额。");
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "小麦种植补贴一亩多少钱" });
    const system = (llm.requestsTo("POST /v1/chat/completions").at(-1)!.body as { messages: { content: string }[] }).messages[0]!.content;
    expect(system).toContain("但没有写明（所问的值）");
    expect(answer.answer).toBe("简报提到了区农委抓春耕备播，但没有写明小麦种植补贴的金额。");
    expect(answer.citations).toEqual([]);
    expect(answer.related?.[0]?.unit).toBe("区农委");
  });

  it("turns a cited figure of another type than asked into a near miss", async () => {
    replyWith("全区落实小麦种植面积5.2万亩[1]。");
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "小麦种植补贴一亩多少钱" });
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("但没有写明所问的金额");
    expect(answer.answer).not.toContain("5.2万亩");
  });

  it("answers not found when no sentence of a long reply is grounded", async () => {
    replyWith("根据相关政策，春耕期间各地普遍加大了农业投入力度，农民群众积极性高涨，粮食生产形势总体向好，预计全年粮食产量将保持稳定增长态势，各项惠农政策落实到位，农村社会和谐稳定。");
    const answer = await application.answerer({ chatModel: chatModel() })({ question: "区农委春耕落实了多少亩小麦？" });
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("没有找到");
  });

  it("falls back to the extractive answer when the model times out", async () => {
    llm.route("POST /v1/chat/completions", async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    });
    const started = Date.now();
    const answer = await application.answerer({ chatModel: chatModel(300) })({ question: "区农委春耕落实了多少亩小麦？" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(answer.answer).toContain("5.2万亩");
    expect(answer.citations[0]?.unit).toBe("区农委");
  });

  it("streams tokens to the web page as server-sent events, then the final answer", async () => {
    replyWith("全区落实小麦种植面积5.2万亩[1]。储备化肥3100吨、种子420吨[1]。组建8个农技服务小分队[1]。");
    const server = await startWebServer({ application, config: loadConfig({ LOG_LEVEL: "silent" }), port: 0, host: "127.0.0.1", chatModel: chatModel(), logger });
    try {
      const response = await fetch(`${server.url}api/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }) });
      const body = await response.text();
      const events = [...body.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((match) => ({ event: match[1]!, data: JSON.parse(match[2]!) }));
      const tokens = events.filter((event) => event.event === "token");
      expect(tokens.map((event) => event.data)).toEqual(["全区落实小麦种植面积5.2万亩[1]。", "储备化肥3100吨、种子420吨[1]。", "组建8个农技服务小分队[1]。"]);
      const final = events.at(-1)!;
      expect(final.event).toBe("answer");
      expect(final.data.citations[0].url).toContain("#item-3");
    } finally {
      await server.close();
    }
  });

  it("stops the model's stream as soon as the person closes the page", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    llm.route("POST /v1/chat/completions", async ({ response }) => {
      response.on("close", () => upstreamClosed());
      response.writeHead(200, { "content-type": "text/event-stream" });
      const write = (content: string) => response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`);
      write("全区落实小麦种植面积5.2万亩[1]。储备化肥");
      // A long answer from a slow model: half a minute more, unless the reader hangs up.
      for (let tick = 0; tick < 600 && !response.destroyed; tick += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        write("和种子");
      }
      response.end("data: [DONE]\n\n");
    });
    const server = await startWebServer({ application, config: loadConfig({ LOG_LEVEL: "silent" }), port: 0, host: "127.0.0.1", chatModel: chatModel(60_000), logger });
    try {
      const page = new AbortController();
      const response = await fetch(`${server.url}api/ask/stream`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }), signal: page.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      while (!received.includes("event: token")) received += decoder.decode((await reader.read()).value, { stream: true });
      expect(received).toContain("5.2万亩[1]。");
      const left = performance.now();
      page.abort();
      await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error("the model's stream was still open 5 s after the page left")), 5000))]);
      expect(performance.now() - left).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  }, 20_000);
});
