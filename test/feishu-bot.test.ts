import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { sendServerSentEvents, startFakeOpenAiServer } from "./fakes/fake-openai-server.js";
import { startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { cardActionEvent, encryptEvent, fakeVerificationToken, messageEvent, postEvent, signRequest } from "./fakes/feishu-events.js";
import { createOpenAiChatModel } from "../src/models/openai-chat-model.js";
import { ADMIN, ENCRYPT_KEY, recordingLogger, startBot, type RunningBot } from "./helpers/feishu-bot-harness.js";
import { startScriptedChatModel } from "./helpers/feishu-llm.js";
import { forgeFirstBlock } from "./helpers/forged-events.js";
import { SAMPLES, sampleApplication, samplesWithout } from "./helpers/sample-application.js";

let application: Application;
let dataDir: string;
let fake: FakeFeishu;
let running: RunningBot | undefined;

beforeAll(async () => {
  // 2026-15 is held back: an admin uploads it in a test.
  ({ application, dataDir } = await sampleApplication({ paths: samplesWithout("2026-15.md") }));
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await fake.close();
  application.close();
});

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(16)}_${(counter += 1)}`;
const repliesTo = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId);
const cardText = (content: unknown) => JSON.stringify(content);

/**
 * Waits until the bot has handled everything sent to `chatId` so far: it handles a chat's messages in
 * order, so once a later message there is answered, every earlier one has had its turn.
 */
async function handledSoFar(options: { chatId: string; chatType: "p2p" | "group" }) {
  const sentinel = unique("om_sentinel");
  await postEvent({
    url: running!.webhookUrl,
    encryptKey: ENCRYPT_KEY,
    envelope: messageEvent({ chatId: options.chatId, chatType: options.chatType, senderOpenId: "ou_staff", mentionBot: true, text: "/latest", messageId: sentinel }),
  });
  await fake.waitFor(() => repliesTo(sentinel).length === 1);
}

describe("Feishu bot over the webhook", () => {
  it("answers an @mention in a group with exactly one threaded card citing issue, date and unit", async () => {
    running = await startBot({ application, fake });
    const messageId = unique("om_group");
    const sent = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_group1", chatType: "group", senderOpenId: "ou_staff", mentionBot: true, text: "区农委春耕落实了多少亩小麦？", messageId }) });
    expect(sent.status).toBe(200);
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    await handledSoFar({ chatId: "oc_group1", chatType: "group" });
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
    running = await startBot({ application, fake });
    const silent = unique("om_nomention");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_group1", chatType: "group", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId: silent }) });
    const direct = unique("om_p2p");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "总结区教育局的工作", messageId: direct }) });
    await fake.waitFor(() => repliesTo(direct).length === 1);
    expect(cardText(repliesTo(direct)[0]!.content)).toContain("共 4 期 4 条");
    await handledSoFar({ chatId: "oc_group1", chatType: "group" });
    expect(repliesTo(silent)).toEqual([]);
  });

  it("replies once to an event delivered three times, and again after a restart", async () => {
    running = await startBot({ application, fake });
    const messageId = unique("om_dup");
    const envelope = messageEvent({ chatId: "oc_p2p_dup", chatType: "p2p", senderOpenId: "ou_staff", text: "区医保局检查了多少家定点医药机构？", messageId });
    await Promise.all([1, 2, 3].map(() => postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope })));
    await fake.waitFor(() => repliesTo(messageId).length >= 1);
    await handledSoFar({ chatId: "oc_p2p_dup", chatType: "p2p" });
    expect(repliesTo(messageId)).toHaveLength(1);
    await running.stop();
    running = await startBot({ application, fake });
    const again = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope });
    expect(again.status).toBe(200);
    await handledSoFar({ chatId: "oc_p2p_dup", chatType: "p2p" });
    expect(repliesTo(messageId)).toHaveLength(1);
    // Not even attempted again: the redelivery is recognised before an answer is computed.
    expect(fake.callsTo("POST", `/open-apis/im/v1/messages/${messageId}/reply`)).toHaveLength(1);
  });

  it("rejects a forged signature, a stale timestamp and a wrong token with 401, and never answers them", async () => {
    running = await startBot({ application, fake });
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
    await handledSoFar({ chatId: "oc_p2p_x", chatType: "p2p" });
    expect(repliesTo(forgedId)).toEqual([]);
    expect(repliesTo(staleId)).toEqual([]);
    expect(repliesTo(tokenId)).toEqual([]);
  });

  it("refuses an event forged to decrypt to null and malformed bodies with 401, and keeps the bot and web page up", async () => {
    running = await startBot({ application, fake });
    const captured = encryptEvent({ envelope: messageEvent({ chatId: "oc_p2p_x", chatType: "p2p", senderOpenId: "ou_x", text: "第40期原文" }), encryptKey: ENCRYPT_KEY });
    const forged = forgeFirstBlock({ body: captured, target: "null" });
    const attempts = [
      { body: forged, headers: { "content-type": "application/json" } },
      { body: forged, headers: signRequest({ body: captured, encryptKey: ENCRYPT_KEY }) },
      ...["null", "[]", '"x"', '{"encrypt":"%%%"}', '{"encrypt":"AAAA"}', `{"encrypt":"${"A".repeat(40)}"}`].map((body) => ({ body, headers: signRequest({ body, encryptKey: ENCRYPT_KEY }) })),
    ];
    for (const attempt of attempts) {
      const response = await fetch(running.webhookUrl, { method: "POST", ...attempt, signal: AbortSignal.timeout(10_000) });
      expect({ body: attempt.body, status: response.status }).toEqual({ body: attempt.body, status: 401 });
    }
    const health = await fetch(`${running.server.url}healthz`);
    expect(health.status).toBe(200);
    const messageId = unique("om_after_forgery");
    const valid = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_x", chatType: "p2p", senderOpenId: "ou_x", text: "/latest", messageId }) });
    expect(valid.status).toBe(200);
    await fake.waitFor(() => repliesTo(messageId).length === 1);
  });

  it("survives signed events of odd shape through the SDK dispatcher and answers the next one", async () => {
    running = await startBot({ application, fake });
    const header = (eventType: string) => ({ event_id: unique("ev"), event_type: eventType, create_time: String(Date.now()), token: fakeVerificationToken, app_id: "cli_x", tenant_key: "t" });
    const odd: object[] = [
      { schema: "2.0", header: header("im.message.receive_v1"), event: 5 },
      { schema: "2.0", header: header("im.message.receive_v1"), event: null },
      { schema: "2.0", header: header("im.message.receive_v1"), event: { message: null, sender: null } },
      { schema: "2.0", header: header("im.message.receive_v1"), event: { sender: 5, message: { message_id: 7, chat_id: ["oc"], chat_type: "p2p", message_type: "text", content: "}{" } } },
      { schema: "2.0", header: header("im.message.receive_v1"), event: { sender: { sender_id: null }, message: { message_id: unique("om_odd"), chat_id: "oc_odd", chat_type: "group", message_type: "file", content: "null", mentions: 5 } } },
      { schema: "2.0", header: header("card.action.trigger"), event: { action: null, context: null, operator: null } },
      { schema: "2.0", header: header("card.action.trigger"), event: { action: { value: "x" }, context: { open_chat_id: 5 } } },
      { schema: "2.0", header: header("no.such.event"), event: [] },
      { uuid: "u", token: fakeVerificationToken, type: "event_callback", event: null },
    ];
    for (const envelope of odd) expect((await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope })).status).toBe(200);
    const messageId = unique("om_after_odd");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_odd", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    expect((await fetch(`${running.server.url}healthz`)).status).toBe(200);
  });

  it("answers the URL verification challenge, signed or unsigned, and refuses one with a wrong token", async () => {
    running = await startBot({ application, fake });
    const challenge = { challenge: "abc123", token: fakeVerificationToken, type: "url_verification" };
    const body = encryptEvent({ envelope: challenge, encryptKey: ENCRYPT_KEY });
    const response = await fetch(running.webhookUrl, { method: "POST", headers: signRequest({ body, encryptKey: ENCRYPT_KEY }), body });
    expect(await response.json()).toEqual({ challenge: "abc123" });
    // As Feishu sends it when the request URL is saved: encrypted, without signature headers.
    const unsigned = await fetch(running.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(await unsigned.json()).toEqual({ challenge: "abc123" });
    const wrong = await fetch(running.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...challenge, token: "x" }) });
    expect(wrong.status).toBe(401);
  });

  it("acknowledges valid events well within Feishu's 3 s while their answers are still being written", async () => {
    // The model holds every answer until released: an acknowledgement that waited for its answer would never come.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const model = await startScriptedChatModel([{ text: "峡窝镇开展了工作[1]。", pieceChars: 4, delayMs: 0, hold: { afterCharacters: 0, until: released } }]);
    try {
      running = await startBot({ application, fake, chatModel: model.chatModel });
      const messageIds = Array.from({ length: 4 }, () => unique("om_fast"));
      for (const [index, messageId] of messageIds.entries()) {
        const result = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: `oc_p2p_fast${index}`, chatType: "p2p", senderOpenId: "ou_staff", text: "总结峡窝镇的工作", messageId }) });
        expect(result.status).toBe(200);
        expect(result.elapsedMs).toBeLessThan(3_000);
      }
      await fake.waitFor(() => model.requests() === messageIds.length);
      release();
      await fake.waitFor(() => messageIds.every((messageId) => repliesTo(messageId).length === 1), { timeoutMs: 15_000 });
    } finally {
      release();
      await model.close();
    }
  });

  it("ignores chats outside FEISHU_ALLOWED_CHATS", async () => {
    const { logger, records: logged } = recordingLogger();
    running = await startBot({ application, fake, logger, env: { FEISHU_ALLOWED_CHATS: "oc_allowed" } });
    const outside = unique("om_outside");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_elsewhere", chatType: "p2p", senderOpenId: "ou_staff", text: "第40期原文", messageId: outside }) });
    const inside = unique("om_inside");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_allowed", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId: inside }) });
    await fake.waitFor(() => repliesTo(inside).length === 1);
    await fake.waitFor(() => logged.some((record) => record.msg === "chat not in FEISHU_ALLOWED_CHATS; ignored" && record.messageId === outside));
    expect(repliesTo(outside)).toEqual([]);
  });

  it("ignores card actions from chats outside FEISHU_ALLOWED_CHATS: no item text sent there, no feedback stored", async () => {
    const { logger, records } = recordingLogger();
    running = await startBot({ application, fake, logger, env: { FEISHU_ALLOWED_CHATS: "oc_allowed" } });
    const questionId = unique("om_allowed_question");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_allowed", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId: questionId }) });
    await fake.waitFor(() => repliesTo(questionId).length === 1);
    const card = repliesTo(questionId)[0]!;
    const buttons = [...cardText(card.content).matchAll(/"value":(\{[^{}]*\})/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    const itemButton = buttons.find((value) => value.action === "item_text")!;
    const down = buttons.find((value) => value.rating === "down")!;

    // The card forwarded into another chat: clicks there carry that chat's id.
    const forwarded = unique("om_forwarded_card");
    for (const value of [itemButton, down]) {
      await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: cardActionEvent({ messageId: forwarded, chatId: "oc_elsewhere", operatorOpenId: "ou_outsider", value }) });
    }
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: cardActionEvent({ messageId: card.messageId, chatId: "oc_allowed", operatorOpenId: "ou_staff", value: itemButton }) });
    await fake.waitFor(() => repliesTo(card.messageId).length === 1);
    // Until both clicks were turned away, or one was answered.
    await fake.waitFor(() => records.filter((record) => record.kind === "card action" && record.chatId === "oc_elsewhere").length === 2 || repliesTo(forwarded).length > 0);
    expect(cardText(repliesTo(card.messageId)[0]!.content)).toContain("全区落实小麦种植面积");
    expect(repliesTo(forwarded)).toEqual([]);
    expect(fake.sentMessages().filter((message) => message.receiveId === "oc_elsewhere")).toEqual([]);
    expect(application.feedback.list().filter((entry) => entry.userId === "ou_outsider")).toEqual([]);
  });

  it("lets an admin add a bulletin by sending the file; a later question cites it; others are refused", async () => {
    running = await startBot({ application, fake, env: { FEISHU_DIGEST_CHATS: "oc_digest" } });
    const bytes = readFileSync(path.join(SAMPLES, "2026-15.md"));
    const refusedId = unique("om_upload_staff");
    fake.addResource({ messageId: refusedId, fileKey: "file_staff", bytes, fileName: "2026-15.md" });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", file: { fileKey: "file_staff", fileName: "2026-15.md" }, messageId: refusedId }) });
    await fake.waitFor(() => repliesTo(refusedId).length === 1);
    expect(cardText(repliesTo(refusedId)[0]!.content)).toContain("只有管理员");
    expect(application.catalog.findIssue({ issue: 15, year: 2026 })).toEqual([]);

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

  it("stops downloading a file past the size limit and tells the admin, storing nothing", async () => {
    running = await startBot({ application, fake, env: { INGEST_MAX_FILE_MB: "0.002" } });
    const uploadId = unique("om_upload_large");
    // An issue of a year no other test uses, padded past the 2 KB limit.
    const bytes = Buffer.from(`上街信息\n\n第 9 期\n\n2019 年 3 月 5 日\n\n区样本局开展测试工作\n${"测试正文。".repeat(400)}（区样本局）\n`);
    fake.addResource({ messageId: uploadId, fileKey: "file_large", bytes, fileName: "2019-09.txt" });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_admin", chatType: "p2p", senderOpenId: ADMIN, file: { fileKey: "file_large", fileName: "2019-09.txt" }, messageId: uploadId }) });
    await fake.waitFor(() => repliesTo(uploadId).length === 1);
    const text = cardText(repliesTo(uploadId)[0]!.content);
    expect(text).toContain("简报未能导入");
    expect(text).toContain("2019-09.txt");
    expect(text).toContain("超过 3 KB 的上限，没有导入");
    expect(application.catalog.findIssue({ issue: 9, year: 2019 })).toEqual([]);
  });

  it("sends the original file for a source request", async () => {
    running = await startBot({ application, fake });
    const messageId = unique("om_source");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "/issue 40", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 2);
    const file = repliesTo(messageId).find((message) => message.msgType === "file")!;
    expect(file).toBeDefined();
    expect(fake.uploadedFiles().at(-1)!.bytes.equals(readFileSync(path.join(SAMPLES, "2024-40.md")))).toBe(true);
  });

  it("stores 👍/👎 feedback with the question, answer and citations, and sends an item's full text on request", async () => {
    running = await startBot({ application, fake });
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
    const feedback = application.feedback.list({ rating: "down" });
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
      running = await startBot({ application, fake, chatModel: createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "m", apiKey: "k", timeoutMs: 10_000 }) });
      const messageId = unique("om_stream");
      const cardsBefore = new Set(fake.cards().keys());
      await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_stream", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId }) });
      await fake.waitFor(() => [...fake.cards()].some(([id, card]) => !cardsBefore.has(id) && card.replaced.length > 0), { timeoutMs: 15_000 });
      const [cardId, card] = [...fake.cards()].find(([id]) => !cardsBefore.has(id))!;
      expect(cardId).toBeTruthy();
      expect(repliesTo(messageId).map((message) => message.content)).toEqual([{ type: "card", data: { card_id: cardId } }]);
      expect(card.created.body.elements[0].content).toBe("正在思考…");
      const sequences = card.attempts.map((attempt) => attempt.sequence);
      expect(card.updates.length).toBeGreaterThanOrEqual(2);
      expect(sequences).toEqual([...sequences].sort((left, right) => (left as number) - (right as number)));
      expect(card.attempts.every((attempt) => attempt.accepted)).toBe(true);
      const contents = card.updates.map((update) => update.content);
      for (let index = 1; index < contents.length; index += 1) expect(contents[index]!.startsWith(contents[index - 1]!)).toBe(true);
      const final = cardText(card.current);
      expect(card.current.config.streaming_mode).toBe(false);
      expect(final).toContain("5.2万亩[1]");
      expect(final).toContain("第18期 · 2025-04-17 · 区农委");
      expect(final).toContain("👍");
    } finally {
      await llm.close();
    }
  });
});

describe("Feishu bot over the long connection", () => {
  it("starts in websocket mode against a gateway, answers an event and reconnects after a drop", async () => {
    running = await startBot({ application, fake, transport: "websocket" });
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

describe("Feishu cards for a hostile bulletin", () => {
  // A bulletin (or model output) that tries to @everyone, link to javascript: and style text.
  const HOSTILE = [
    "# 上街信息",
    "第 20 期",
    "中共上街区委办公室",
    "2026 年 5 月 7 日",
    "## 区城管局<at id=all></at>整治背街小巷[详情](javascript:alert(1))",
    "今年以来，区城管局集中整治背街小巷 37 条<at id=all></at>，详见[通知](javascript:alert(document.cookie))，<font color='red'>请全员转发</font>。（区城管局）",
    "本期送：区县处级领导",
  ].join("\n\n");
  let hostile: { application: Application; dataDir: string };

  beforeAll(async () => {
    hostile = await sampleApplication({ paths: [path.join(SAMPLES, "2025-18.md")] });
  });
  afterAll(() => hostile.application.close());

  /** No tag but our own grey <font>, no link but to our https base, and the hostile text shown escaped. */
  function expectHarmless(content: unknown) {
    const text = typeof content === "string" ? content : cardText(content);
    expect(text).not.toMatch(/<(?!font color='grey'>|\/font>)/);
    expect(text).not.toMatch(/\]\((?!https:\/\/bot\.example\.com\/)/);
    expect(text).toContain("&#60;at id=all&#62;&#60;/at&#62;");
  }

  it("escapes it in the upload, digest, answer and full-text cards", async () => {
    running = await startBot({ application: hostile.application, fake, env: { FEISHU_DIGEST_CHATS: "oc_digest_hostile" } });
    const uploadId = unique("om_upload_hostile");
    fake.addResource({ messageId: uploadId, fileKey: "file_hostile", bytes: Buffer.from(HOSTILE), fileName: "2026-20.md" });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_admin", chatType: "p2p", senderOpenId: ADMIN, file: { fileKey: "file_hostile", fileName: "2026-20.md" }, messageId: uploadId }) });
    await fake.waitFor(() => fake.sentMessages().some((message) => message.receiveId === "oc_digest_hostile"), { timeoutMs: 15_000 });
    expect(cardText(repliesTo(uploadId)[0]!.content)).toContain("2026年第20期（2026-05-07）：已导入");
    expectHarmless(fake.sentMessages().find((message) => message.receiveId === "oc_digest_hostile")!.content);

    const questionId = unique("om_hostile_question");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_staff", chatType: "p2p", senderOpenId: "ou_staff", text: "区城管局整治了多少条背街小巷？", messageId: questionId }) });
    await fake.waitFor(() => repliesTo(questionId).length === 1);
    const answer = repliesTo(questionId)[0]!;
    expect(cardText(answer.content)).toContain("37条");
    expectHarmless(answer.content);

    const itemButton = [...cardText(answer.content).matchAll(/"value":(\{[^{}]*\})/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>).find((value) => value.action === "item_text" && value.issue === 20)!;
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: cardActionEvent({ messageId: answer.messageId, chatId: "oc_p2p_staff", operatorOpenId: "ou_staff", value: itemButton }) });
    await fake.waitFor(() => repliesTo(answer.messageId).length === 1);
    const fullText = repliesTo(answer.messageId)[0]!;
    expect(cardText(fullText.content)).toContain("请全员转发");
    expectHarmless(fullText.content);
  });

  it("escapes a model's answer while it streams and in the final card, keeping our own links", async () => {
    const llm = await startFakeOpenAiServer({});
    const reply = "<at id=all></at>区城管局集中整治背街小巷37条[1]，详见[通知](javascript:alert(1))[1]。";
    llm.route("POST /v1/chat/completions", async ({ response }) => {
      const pieces = reply.match(/.{1,3}/gsu) ?? [];
      await sendServerSentEvents({ response, delayMs: 20, events: pieces.map((piece) => ({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })) });
    });
    try {
      const chatModel = createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "m", apiKey: "k", timeoutMs: 10_000 });
      running = await startBot({ application: hostile.application, fake, chatModel, env: { PUBLIC_BASE_URL: "https://bot.example.com", WEB_AUTH: "none" } });
      const messageId = unique("om_hostile_stream");
      const cardsBefore = new Set(fake.cards().keys());
      await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_stream_hostile", chatType: "p2p", senderOpenId: "ou_staff", text: "区城管局整治了多少条背街小巷？", messageId }) });
      await fake.waitFor(() => [...fake.cards()].some(([id, card]) => !cardsBefore.has(id) && card.replaced.length > 0), { timeoutMs: 15_000 });
      const [, card] = [...fake.cards()].find(([id]) => !cardsBefore.has(id))!;
      for (const update of card.updates) expect(update.content).not.toMatch(/<at|\]\(javascript/i);
      const final = card.current;
      expect(cardText(final)).toContain("37条[1]");
      expect(cardText(final)).toContain("https://bot.example.com/issues/");
      expectHarmless(final);
    } finally {
      await llm.close();
    }
  });
});
