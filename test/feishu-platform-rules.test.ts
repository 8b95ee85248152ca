import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { postCallback } from "./fakes/card-callback.js";
import { CARD_BODY_LIMIT_BYTES, startFakeFeishu, type FakeFeishu, type RecordedCard } from "./fakes/fake-feishu-server.js";
import { cardActionEvent, messageEvent, postEvent } from "./fakes/feishu-events.js";
import { ENCRYPT_KEY, startBot, type RunningBot } from "./helpers/feishu-bot-harness.js";
import { maxPerWindow, startScriptedChatModel } from "./helpers/feishu-llm.js";
import { sampleApplication, samplesWithout } from "./helpers/sample-application.js";

/**
 * The bot against the rules real Feishu enforces and the fake now checks: the 3-second card
 * callback deadline, 10 updates a second per card entity, 30 KB messages, uuid idempotency,
 * rich-text (post) messages and the kinds of message staff send.
 */

let application: Application;
let fake: FakeFeishu;
let running: RunningBot | undefined;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ({ application } = await sampleApplication({ paths: samplesWithout("2026-15.md") }));
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await fake.close();
  application.close();
});

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(16)}_${(counter += 1)}`;
const repliesTo = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId);
const cardText = (content: unknown) => JSON.stringify(content);
const cardOfReply = (messageId: string): RecordedCard | undefined => {
  const cardId = repliesTo(messageId)[0]?.content?.data?.card_id as string | undefined;
  return cardId ? fake.cards().get(cardId) : undefined;
};
const buttonValues = (card: unknown) => [...cardText(card).matchAll(/"value":(\{[^{}]*\})/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);

const QUICK = { text: "全区落实小麦种植面积5.2万亩[1]。", pieceChars: 4, delayMs: 5 };
const THREE_SENTENCES = "区农委组织农资质量执法检查5次[1]。开展田间指导96次[1]。推广玉米大豆带状复合种植1200亩[1]。";
// About 4 s of tokens in three grounded sentences (the card grows a sentence at a time): an update for each sentence.
const SLOW = { text: THREE_SENTENCES, pieceChars: 2, delayMs: 150 };
/** The same answer, held open after its first two sentences until `until` settles: clicks land while it streams. */
const held = (until: Promise<unknown>) => ({ text: THREE_SENTENCES, pieceChars: 2, delayMs: 10, hold: { afterCharacters: "区农委组织农资质量执法检查5次[1]。开展田间指导96次[1]。".length, until } });

describe.each(["webhook", "websocket"] as const)("a 👍 click while an answer streams in the same chat (%s)", (transport) => {
  it("is acknowledged with a toast within 1 s, a second click too, and the rating is stored", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const model = await startScriptedChatModel([QUICK, held(released)]);
    closers.push(async () => {
      release();
      await model.close();
    });
    running = await startBot({ application, fake, transport, chatModel: model.chatModel });
    if (transport === "websocket") await fake.waitFor(() => fake.gatewayConnections() === 1);
    const chatId = unique("oc_p2p_click");
    const deliver = (envelope: object) => (transport === "webhook" ? postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope }) : fake.pushEvent(envelope));
    const click = (envelope: object) => (transport === "webhook" ? postCallback({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope }) : fake.pushCallback(envelope));

    const first = unique("om_first");
    await deliver(messageEvent({ chatId, chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId: first }));
    await fake.waitFor(() => (cardOfReply(first)?.replaced.length ?? 0) > 0, { timeoutMs: 15_000 });
    const up = buttonValues(cardOfReply(first)!.current).find((value) => value.rating === "up")!;
    expect(up).toBeDefined();

    const second = unique("om_second");
    await deliver(messageEvent({ chatId, chatType: "p2p", senderOpenId: "ou_staff", text: "区农委组织了几次农资质量执法检查？", messageId: second }));
    await fake.waitFor(() => (cardOfReply(second)?.updates.length ?? 0) > 0, { timeoutMs: 15_000 });

    const cardMessageId = repliesTo(first)[0]!.messageId;
    const clicked = await click(cardActionEvent({ messageId: cardMessageId, chatId, operatorOpenId: "ou_staff", value: up }));
    const streamingStill = cardOfReply(second)!.replaced.length === 0;
    const again = await click(cardActionEvent({ messageId: cardMessageId, chatId, operatorOpenId: "ou_staff", value: up }));

    expect(streamingStill).toBe(true);
    expect(clicked).toMatchObject({ ok: true, toast: { type: "success", content: "已记录，谢谢" } });
    expect(clicked.elapsedMs).toBeLessThan(1_000);
    expect(again).toMatchObject({ ok: true, toast: { content: "已记录，谢谢" } });
    expect(again.elapsedMs).toBeLessThan(1_000);
    expect(application.feedback.list({ rating: "up" }).filter((entry) => entry.chatId === chatId)).toHaveLength(1);
    release();
    await fake.waitFor(() => (cardOfReply(second)?.replaced.length ?? 0) > 0, { timeoutMs: 15_000 });
    expect(cardText(cardOfReply(second)!.current)).toContain("推广玉米大豆带状复合种植1200亩");
  }, 30_000);
});

describe("streaming a fast model", () => {
  it("sends at most 5 card updates a second and ends with the full answer, its buttons and streaming closed", async () => {
    // 2,000 characters a second: one two-character token every millisecond.
    const sentences = Array.from({ length: 120 }, (_, index) => `第${index + 1}项：全区落实小麦种植面积5.2万亩[1]。`);
    const text = `${sentences.join("")}储备化肥3100吨、种子420吨[1]。`;
    const model = await startScriptedChatModel([{ text, pieceChars: 2, delayMs: 1 }]);
    closers.push(model.close);
    running = await startBot({ application, fake, chatModel: model.chatModel });
    const messageId = unique("om_fast_stream");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_fast_stream", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委春耕落实了多少亩小麦？", messageId }) });
    await fake.waitFor(() => (cardOfReply(messageId)?.replaced.length ?? 0) > 0, { timeoutMs: 20_000 });
    const card = cardOfReply(messageId)!;

    expect(card.attempts.filter((attempt) => !attempt.accepted)).toEqual([]);
    expect(maxPerWindow(card.attempts.map((attempt) => attempt.at))).toBeLessThanOrEqual(5);
    expect(card.updates.length).toBeGreaterThanOrEqual(2);
    expect(card.current.config.streaming_mode).toBe(false);
    const final = cardText(card.current);
    expect(final).toContain("储备化肥3100吨、种子420吨[1]");
    expect(final).toContain("第120项");
    expect(final).toContain("👍 有用");
    expect(final).toContain("第18期 · 2025-04-17 · 区农委");
  }, 30_000);

  it("still writes the final card when an update in between is rejected", async () => {
    const model = await startScriptedChatModel([SLOW]);
    closers.push(model.close);
    running = await startBot({ application, fake, chatModel: model.chatModel });
    fake.failNext({ method: "PUT", path: /^\/open-apis\/cardkit\/v1\/cards\/[^/]+\/elements\/answer\/content$/, status: 400, code: 300309, times: 2 });
    const messageId = unique("om_rejected_update");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_rejected", chatType: "p2p", senderOpenId: "ou_staff", text: "区农委组织了几次农资质量执法检查？", messageId }) });
    await fake.waitFor(() => (cardOfReply(messageId)?.replaced.length ?? 0) > 0, { timeoutMs: 20_000 });
    const final = cardOfReply(messageId)!.current;

    expect(fake.callsTo("PUT", /\/elements\/answer\/content$/).filter((call) => call.status === 400).length).toBeGreaterThanOrEqual(2);
    expect(final.config.streaming_mode).toBe(false);
    expect(cardText(final)).toContain("推广玉米大豆带状复合种植1200亩");
    expect(cardText(final)).toContain("👍 有用");
  }, 30_000);
});

describe("messages of every kind", () => {
  it("answers a rich-text (post) /latest with and without the mention's user_name, and a post question", async () => {
    running = await startBot({ application, fake });
    const send = (messageId: string, post: Parameters<typeof messageEvent>[0]["post"]) =>
      postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_group_post", chatType: "group", senderOpenId: "ou_staff", mentionBot: true, post, messageId }) });
    const named = unique("om_post_named");
    const nameless = unique("om_post_nameless");
    const question = unique("om_post_question");
    await send(named, { paragraphs: [[{ tag: "text", text: " /latest" }]] });
    await send(nameless, { paragraphs: [[{ tag: "text", text: " /latest " }]], mentionName: false });
    await send(question, { title: "", paragraphs: [[{ tag: "text", text: " 区农委春耕" }], [{ tag: "text", text: "落实了多少亩", style: ["bold"] }, { tag: "text", text: "小麦？" }]], mentionName: false });
    await fake.waitFor(() => [named, nameless, question].every((id) => repliesTo(id).length === 1));

    for (const id of [named, nameless]) expect(cardText(repliesTo(id)[0]!.content)).toContain("最近收录的简报");
    const answer = cardText(repliesTo(question)[0]!.content);
    expect(answer).toContain("5.2万亩");
    expect(answer).toContain("第18期 · 2025-04-17 · 区农委");
  });

  it("gives a short Chinese hint for an image, a sticker and a voice message", async () => {
    running = await startBot({ application, fake });
    const kinds = { image: { image: { imageKey: "img_v3_fake" } }, sticker: { sticker: { fileKey: "sticker_fake" } }, audio: { audio: { fileKey: "file_audio_fake", durationMs: 3000 } } };
    const ids = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, unique(`om_${kind}`)]));
    for (const [kind, extra] of Object.entries(kinds)) {
      await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_kinds", chatType: "p2p", senderOpenId: "ou_staff", messageId: ids[kind], ...extra }) });
    }
    await fake.waitFor(() => Object.values(ids).every((id) => repliesTo(id!).length === 1));
    expect(cardText(repliesTo(ids.image!)[0]!.content)).toContain("请直接用文字提问");
    expect(cardText(repliesTo(ids.sticker!)[0]!.content)).toContain("请直接用文字提问");
    expect(cardText(repliesTo(ids.audio!)[0]!.content)).toContain("语音");
  });
});

describe("starting while Feishu is unreachable", () => {
  it("refuses webhook events with 503 until the bot is known, so Feishu delivers them again, then answers", async () => {
    const infoCallsBefore = fake.callsTo("GET", "/open-apis/bot/v3/info").length;
    fake.failNext({ method: "GET", path: "/open-apis/bot/v3/info", status: 500, code: 500, times: 2 });
    running = await startBot({ application, fake });
    const messageId = unique("om_before_ready");
    const envelope = messageEvent({ chatId: "oc_p2p_early", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId });
    const early = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope });
    await fake.waitFor(() => running!.bot.state() === "connected", { timeoutMs: 10_000 });
    const redelivered = await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope });
    await fake.waitFor(() => repliesTo(messageId).length === 1);

    expect(early.status).toBe(503);
    expect(redelivered.status).toBe(200);
    expect(fake.callsTo("GET", "/open-apis/bot/v3/info").length - infoCallsBefore).toBe(3);
  });
});

describe("idempotent sends", () => {
  it("posts one reply when the reply's response is lost and the send is retried, with the same uuid both times", async () => {
    running = await startBot({ application, fake });
    const messageId = unique("om_retried");
    fake.dropResponseNext({ method: "POST", path: `/open-apis/im/v1/messages/${messageId}/reply` });
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_retry", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId }) });
    const calls = () => fake.callsTo("POST", `/open-apis/im/v1/messages/${messageId}/reply`);
    await fake.waitFor(() => calls().length >= 2 && calls().every((call) => call.status !== undefined), { timeoutMs: 10_000 });

    expect(repliesTo(messageId)).toHaveLength(1);
    expect(new Set(calls().map((call) => call.body.uuid)).size).toBe(1);
    expect(calls()[0]!.body.uuid).toEqual(expect.any(String));
  });
});

describe("a unit summary of 200 items", () => {
  let big: { application: Application; dataDir: string };
  beforeAll(async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const folder = mkdtempSync(path.join(tmpdir(), "bulletins-200-"));
    const paths: string[] = [];
    for (let issue = 1; issue <= 40; issue += 1) {
      const date = new Date(Date.UTC(2024, 0, 3 + (issue - 1) * 7));
      const items = Array.from({ length: 5 }, (_, index) => {
        const n = (issue - 1) * 5 + index + 1;
        return `### 区教育局推进第${n}项重点工作\n\n区教育局围绕第${n}项重点工作，组织全区中小学开展专项行动，覆盖学生 ${1000 + n} 人，举办培训 ${n} 场。（区教育局）`;
      });
      const text = ["## 上街信息", `## 第 ${issue} 期`, "中共上街区委办公室", `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`, ...items].join("\n\n");
      const file = path.join(folder, `2024-${String(issue).padStart(2, "0")}.md`);
      writeFileSync(file, `${text}\n`);
      paths.push(file);
    }
    big = await sampleApplication({ paths });
  });
  afterAll(() => big.application.close());

  it("is delivered in a card under 30 KB that says how many are shown and links to the full list", async () => {
    const requested: unknown[] = [];
    running = await startBot({
      application: big.application,
      fake,
      summaryUrl: (options) => {
        requested.push(options);
        return `https://bot.example.com/summary?unit=${encodeURIComponent(options.unit)}&signature=s`;
      },
    });
    const messageId = unique("om_summary_200");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_summary", chatType: "p2p", senderOpenId: "ou_staff", text: "总结区教育局的工作", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 1, { timeoutMs: 15_000 });
    const reply = repliesTo(messageId)[0]!;
    const text = cardText(reply.content);

    expect(reply.bodyBytes).toBeLessThanOrEqual(CARD_BODY_LIMIT_BYTES);
    expect(text).toMatch(/共 200 条，显示最近 \d+ 条/);
    expect(text).toContain("第200项重点工作");
    expect(text).not.toContain("第1项重点工作");
    expect(text).toContain("](https://bot.example.com/summary?unit=");
    expect(requested).toEqual([{ unit: "区教育局" }]);
  });

  it("says how to see the rest when there is no web link", async () => {
    running = await startBot({ application: big.application, fake });
    const messageId = unique("om_summary_200_nolink");
    await postEvent({ url: running.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_summary", chatType: "p2p", senderOpenId: "ou_staff", text: "总结区教育局的工作", messageId }) });
    await fake.waitFor(() => repliesTo(messageId).length === 1, { timeoutMs: 15_000 });
    const reply = repliesTo(messageId)[0]!;

    expect(reply.bodyBytes).toBeLessThanOrEqual(CARD_BODY_LIMIT_BYTES);
    expect(cardText(reply.content)).toMatch(/共 200 条，显示最近 \d+ 条/);
    expect(cardText(reply.content)).toContain("/summary 区教育局");
  });
});
