import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../src/app/open-engine.js";
import { createFeedbackStore } from "../src/store/feedback-store.js";
import { sendServerSentEvents, startFakeOpenAiServer } from "./fakes/fake-openai-server.js";
import { startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { cardActionEvent, encryptEvent, fakeVerificationToken, messageEvent, postEvent, signRequest } from "./fakes/feishu-events.js";
import { createOpenAiChatModel } from "../src/llm/openai-chat-model.js";
import { ADMIN, ENCRYPT_KEY, sleep, startBot, type RunningBot } from "./helpers/feishu-bot-harness.js";
import { SAMPLES, copySamples, sampleEngine } from "./helpers/sample-engine.js";

let engine: Engine;
let dataDir: string;
let fake: FakeFeishu;
let running: RunningBot | undefined;

beforeAll(async () => {
  const folder = copySamples();
  // 2026-15 is held back: an admin uploads it in a test.
  ({ engine, dataDir } = await sampleEngine({ paths: ["2024-12.txt", "2024-40.md", "2025-18.md", "2025-57-gbk.txt", "2026-03.txt"].map((name) => path.join(folder, name)) }));
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await fake.close();
  engine.close();
});

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(16)}_${(counter += 1)}`;
const repliesTo = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId);
const cardText = (content: unknown) => JSON.stringify(content);

async function expectNoReply(messageId: string, waitMs = 600) {
  await sleep(waitMs);
  expect(repliesTo(messageId)).toEqual([]);
}

describe("Feishu bot over the webhook", () => {
  it("answers an @mention in a group with exactly one threaded card citing issue, date and unit", async () => {
    running = await startBot({ engine, dataDir, fake });
    const messageId = unique("om_group");
    const sent = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_group1", chatType: "group", senderOpenId: "ou_staff", mentionBot: true, text: "区农委春耕落实了多少亩小麦？", messageId }) });
    expect(sent.status).toBe(200);
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    await sleep(300);
    const replies = repliesTo(messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.msgType).toBe("interactive");
    expect(replies[0]!.replyInThread).toBe(true);
    const card = cardText(replies[0]!.content);
    expect(card).toContain("5.2万亩");
    expect(card).toContain("第18期 · 2025-04-17 · 区农委");
    expect(card).toContain("依据 1 条简报信息");
    expect(card).toContain("👍");
    expect(card).not.toContain("@_user");
  });

  it("stays silent in a group when not @mentioned, and answers every direct message", async () => {
    running = await startBot({ engine, dataDir, fake });
    const silent = unique("om_nomention");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_group1", chatType: "group", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId: silent }) });
    const direct = unique("om_p2p");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "总结区教育局的工作", messageId: direct }) });
    await fake.waitFor(() => repliesTo(direct).length === 1);
    expect(cardText(repliesTo(direct)[0]!.content)).toContain("共 4 期 4 条");
    await expectNoReply(silent, 100);
  });

  it("replies once to an event delivered three times, and again after a restart", async () => {
    running = await startBot({ engine, dataDir, fake });
    const messageId = unique("om_dup");
    const envelope = messageEvent({ chatId: "oc_p2p_dup", chatType: "p2p", senderOpenId: "ou_staff", text: "区医保局检查了多少家定点医药机构？", messageId });
    await Promise.all([1, 2, 3].map(() => postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope })));
    await fake.waitFor(() => repliesTo(messageId).length >= 1);
    await sleep(500);
    await running.stop();
    running = await startBot({ engine, dataDir, fake });
    const again = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope });
    expect(again.status).toBe(200);
    await expectNoReply("never", 600);
    expect(repliesTo(messageId)).toHaveLength(1);
  });

  it("rejects a forged signature, a stale timestamp and a wrong token with 401, and never answers them", async () => {
    running = await startBot({ engine, dataDir, fake });
    const forgedId = unique("om_forged");
    const forged = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, signature: "0".repeat(64), envelope: messageEvent({ chatId: "oc_p2p_x", chatType: "p2p", senderOpenId: "ou_x", text: "第40期原文", messageId: forgedId }) });
    expect(forged.status).toBe(401);
    const staleId = unique("om_stale");
    const stale = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, timestamp: Math.floor(Date.now() / 1000) - 6 * 60, envelope: messageEvent({ chatId: "oc_p2p_x", chatType: "p2p", senderOpenId: "ou_x", text: "第40期原文", messageId: staleId }) });
    expect(stale.status).toBe(401);
    const tokenId = unique("om_token");
    const wrongToken = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_x", chatType: "p2p", senderOpenId: "ou_x", text: "第40期原文", messageId: tokenId, token: "not-the-token" }) });
    expect(wrongToken.status).toBe(401);
    const body = JSON.stringify({ schema: "2.0", header: { token: fakeVerificationToken } });
    const unsigned = await fetch(running.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBe(401);
    await expectNoReply(forgedId);
    expect(repliesTo(staleId)).toEqual([]);
    expect(repliesTo(tokenId)).toEqual([]);
  });

  it("answers the URL verification challenge, encrypted or plain", async () => {
    running = await startBot({ engine, dataDir, fake });
    const challenge = { challenge: "abc123", token: fakeVerificationToken, type: "url_verification" };
    const body = encryptEvent({ envelope: challenge, encryptKey: ENCRYPT_KEY });
    const response = await fetch(running.webhookUrl, { method: "POST", headers: signRequest({ body, encryptKey: ENCRYPT_KEY }), body });
    expect(await response.json()).toEqual({ challenge: "abc123" });
    const wrong = await fetch(running.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...challenge, token: "x" }) });
    expect(wrong.status).toBe(401);
  });

  it("acknowledges a valid event within 100 ms, before the answer is written", async () => {
    running = await startBot({ engine, dataDir, fake });
    const timings: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const result = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: `oc_p2p_fast${index}`, chatType: "p2p", senderOpenId: "ou_staff", text: "总结峡窝镇的工作", messageId: unique("om_fast") }) });
      expect(result.status).toBe(200);
      timings.push(result.elapsedMs);
    }
    expect(Math.max(...timings.slice(1))).toBeLessThan(100);
  });

  it("ignores chats outside FEISHU_ALLOWED_CHATS", async () => {
    running = await startBot({ engine, dataDir, fake, env: { FEISHU_ALLOWED_CHATS: "oc_allowed" } });
    const outside = unique("om_outside");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_elsewhere", chatType: "p2p", senderOpenId: "ou_staff", text: "第40期原文", messageId: outside }) });
    const inside = unique("om_inside");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_allowed", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId: inside }) });
    await fake.waitFor(() => repliesTo(inside).length === 1);
    await expectNoReply(outside, 200);
  });

  it("lets an admin add a bulletin by sending the file; a later question cites it; others are refused", async () => {
    running = await startBot({ engine, dataDir, fake, env: { FEISHU_DIGEST_CHATS: "oc_digest" } });
    const bytes = readFileSync(path.join(SAMPLES, "2026-15.md"));
    const refusedId = unique("om_upload_staff");
    fake.addResource({ messageId: refusedId, fileKey: "file_staff", bytes, fileName: "2026-15.md" });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", file: { fileKey: "file_staff", fileName: "2026-15.md" }, messageId: refusedId }) });
    await fake.waitFor(() => repliesTo(refusedId).length === 1);
    expect(cardText(repliesTo(refusedId)[0]!.content)).toContain("只有管理员");
    expect(engine.store.findIssue({ issue: 15, year: 2026 })).toEqual([]);

    const uploadId = unique("om_upload_admin");
    fake.addResource({ messageId: uploadId, fileKey: "file_admin", bytes, fileName: "2026-15.md" });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_admin", chatType: "p2p", senderOpenId: ADMIN, file: { fileKey: "file_admin", fileName: "2026-15.md" }, messageId: uploadId }) });
    await fake.waitFor(() => repliesTo(uploadId).length === 1, { timeoutMs: 15_000 });
    const parsed = cardText(repliesTo(uploadId)[0]!.content);
    expect(parsed).toContain("2026年第15期（2026-04-09）");
    expect(parsed).toContain("共 1 条");
    expect(parsed).toContain("区市场监管局");
    await fake.waitFor(() => fake.sentMessages().some((message) => message.receiveId === "oc_digest"));

    const questionId = unique("om_after_upload");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "2026年区市场监管局深化放管服改革有什么成效？", messageId: questionId }) });
    await fake.waitFor(() => repliesTo(questionId).length === 1);
    expect(cardText(repliesTo(questionId)[0]!.content)).toContain("第15期 · 2026-04-09 · 区市场监管局");
  });

  it("sends the original file for a source request", async () => {
    running = await startBot({ engine, dataDir, fake });
    const messageId = unique("om_source");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "/issue 40", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 2);
    const file = repliesTo(messageId).find((message) => message.msgType === "file")!;
    expect(file).toBeDefined();
    expect(fake.uploadedFiles().at(-1)!.bytes.equals(readFileSync(path.join(SAMPLES, "2024-40.md")))).toBe(true);
  });

  it("stores 👍/👎 feedback with the question, answer and citations, and sends an item's full text on request", async () => {
    running = await startBot({ engine, dataDir, fake });
    const messageId = unique("om_feedback");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_fb", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    const reply = repliesTo(messageId)[0]!;
    const buttons = [...cardText(reply.content).matchAll(/"value":(\{[^{}]*\})/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    const down = buttons.find((value) => value.rating === "down")!;
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: cardActionEvent({ messageId: reply.messageId, chatId: "oc_p2p_fb", operatorOpenId: "ou_staff", value: down }) });
    const itemButton = buttons.find((value) => value.action === "item_text")!;
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: cardActionEvent({ messageId: reply.messageId, chatId: "oc_p2p_fb", operatorOpenId: "ou_staff", value: itemButton }) });
    await fake.waitFor(() => repliesTo(reply.messageId).length === 1);
    expect(cardText(repliesTo(reply.messageId)[0]!.content)).toContain("全区落实小麦种植面积");
    const feedback = createFeedbackStore(engine.store.database).list({ rating: "down" });
    expect(feedback[0]).toMatchObject({ rating: "down", question: "区农委春耕落实了多少亩小麦？", userId: "ou_staff" });
    expect(feedback[0]!.citations[0]!.department).toBe("区农委");
  });

  it("streams an LLM answer into the card, in order, then shows the final answer with citations", async () => {
    const llm = await startFakeOpenAiServer({});
    // Three sentences: the card grows by one grounded sentence at a time.
    const reply = "全区落实小麦种植面积5.2万亩[1]。春季麦田一喷三防作业覆盖率达100%[1]。储备化肥3100吨、种子420吨[1]。";
    llm.route("POST /v1/chat/completions", async ({ response }) => {
      const pieces = reply.match(/.{1,4}/gsu) ?? [];
      await sendServerSentEvents({
        response,
        delayMs: 120,
        events: pieces.map((piece) => ({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
      });
    });
    try {
      running = await startBot({ engine, dataDir, fake, chatModel: createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "m", apiKey: "k", timeoutMs: 10_000 }) });
      const messageId = unique("om_stream");
      const cardsBefore = new Set(fake.cards().keys());
      await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_stream", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId }) });
      await fake.waitFor(() => repliesTo(messageId).some((message) => message.updates.length > 0), { timeoutMs: 15_000 });
      const [cardId, card] = [...fake.cards()].find(([id]) => !cardsBefore.has(id))!;
      expect(cardId).toBeTruthy();
      const sequences = card.updates.map((update) => update.sequence);
      expect(card.updates.length).toBeGreaterThanOrEqual(3);
      expect(sequences).toEqual([...sequences].sort((left, right) => left - right));
      const contents = card.updates.map((update) => update.content);
      for (let index = 1; index < contents.length - 1; index += 1) expect(contents[index]!.startsWith(contents[index - 1]!.slice(0, 4))).toBe(true);
      expect(contents.at(-1)).toContain("第18期 · 2025-04-17 · 区农委");
      const final = cardText(repliesTo(messageId)[0]!.updates.at(-1));
      expect(final).toContain("5.2万亩[1]");
      expect(final).toContain("👍");
    } finally {
      await llm.close();
    }
  });
});

describe("Feishu bot over the long connection", () => {
  it("starts in websocket mode against a gateway, answers an event and reconnects after a drop", async () => {
    running = await startBot({ engine, dataDir, fake, transport: "websocket" });
    expect(running.bot.webhook).toBeUndefined();
    await fake.waitFor(() => fake.gatewayConnections() === 1);
    const messageId = unique("om_ws");
    const ack = await fake.pushEvent(messageEvent({ chatId: "oc_ws_group", chatType: "group", senderOpenId: "ou_staff", mentionBot: true, text: "区农委春耕落实了多少亩小麦？", messageId }));
    expect(ack.acked).toBe(true);
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    expect(cardText(repliesTo(messageId)[0]!.content)).toContain("第18期 · 2025-04-17 · 区农委");
    fake.dropConnections();
    await fake.waitFor(() => fake.gatewayConnections() === 1, { timeoutMs: 10_000 });
  });
});
