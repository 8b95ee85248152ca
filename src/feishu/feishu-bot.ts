import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLarkChannel, LoggerLevel, type CardActionEvent, type EventDispatcher, type LarkChannel, type NormalizedMessage } from "@larksuiteoapi/node-sdk";
import type { Answer, Answerer } from "../answer/answer-question.js";
import { citationJson } from "../answer/citation.js";
import type { IngestResult } from "../app/create-application.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { FeedbackStore } from "../store/feedback-store.js";
import type { SeenMessageStore } from "../store/seen-message-store.js";
import { issueCommandQuestion, itemFullText, latestIssuesText, unitsText } from "./bot-replies.js";
import { answerCard, answerMarkdown, errorCard, HELP_TEXT, messageCard } from "./cards.js";
import { resolveFeishuDomain } from "./feishu-domain.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { createSqliteCache } from "./sqlite-cache.js";
import { createTurnQueue } from "./turn-queue.js";
import { createWebhookHandler, type WebhookHandler } from "./webhook-handler.js";

export type FeishuConfig = NonNullable<Config["feishu"]>;

export interface FeishuBot {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The handler for POST /feishu/events (webhook transport only). */
  readonly webhook: WebhookHandler | undefined;
  readonly channel: LarkChannel;
}

const HOUR = 60 * 60 * 1000;
const HELP = /^(?:帮助|help|\/help|\/帮助|\?|？|你好|您好)$/i;

/**
 * The Feishu bot on the SDK's Channel module (mention policy, dedup, per-chat queueing, card
 * streaming): groups answer only when @mentioned, direct chats always; replies go to the asking
 * message's thread as cards with citations; admins add bulletins by sending files.
 */
export function createFeishuBot(options: {
  feishu: FeishuConfig;
  answer: Answerer;
  /** True when a model writes answers: they are then streamed into the card as it writes. */
  streaming: boolean;
  catalog: BulletinCatalog;
  /** Stores files admins send and indexes them (the application's ingest). */
  ingest: (options: { paths: readonly string[] }) => Promise<IngestResult>;
  feedback: FeedbackStore;
  /** Handled message ids, shared across restarts. */
  seenMessages: SeenMessageStore;
  /** Links work for staff only when the server has a public address (PUBLIC_BASE_URL). */
  publicLinks: boolean;
  logger: Logger;
}): FeishuBot {
  const { feishu, catalog, feedback, logger } = options;
  const sdkLogger = {
    error: (...message: unknown[]) => logger.error({ sdk: "lark" }, message.map(String).join(" ")),
    warn: (...message: unknown[]) => logger.warn({ sdk: "lark" }, message.map(String).join(" ")),
    info: (...message: unknown[]) => logger.debug({ sdk: "lark" }, message.map(String).join(" ")),
    debug: (...message: unknown[]) => logger.trace({ sdk: "lark" }, message.map(String).join(" ")),
    trace: (...message: unknown[]) => logger.trace({ sdk: "lark" }, message.map(String).join(" ")),
  };
  const channel = createLarkChannel({
    appId: feishu.appId,
    appSecret: feishu.appSecret,
    transport: feishu.transport,
    domain: resolveFeishuDomain(feishu.domain),
    webhook: { ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}), ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}) },
    cache: createSqliteCache({ seen: options.seenMessages }),
    policy: { requireMention: true, respondToMentionAll: false, dmMode: "open" },
    // One question per message: no merging of quick successive messages into one.
    safety: { dedup: { ttl: 12 * HOUR }, staleMessageWindowMs: 30 * 60 * 1000, batch: { text: { delayMs: 0 } } },
    wsConfig: { pingTimeout: 30 },
    includeRawEvent: true,
    logger: sdkLogger,
    loggerLevel: LoggerLevel.warn,
  });

  const turns = createTurnQueue();
  const reply = (message: NormalizedMessage, input: Parameters<LarkChannel["send"]>[1]) =>
    channel.send(message.chatId, input, { replyTo: message.messageId, replyInThread: true });

  async function answer(message: NormalizedMessage, question: string): Promise<void> {
    const conversation = { channel: "feishu", id: message.rootId ?? message.messageId } as const;
    let final: Answer;
    if (options.streaming) {
      let result: Answer | undefined;
      const sent = await channel.stream(
        message.chatId,
        {
          markdown: async (stream) => {
            let pending = Promise.resolve();
            result = await options.answer({ question, conversation, onToken: (token) => (pending = pending.then(() => stream.append(escapeMarkdown(token)))) });
            await pending;
            await stream.setContent(answerMarkdown(result, { linkCitations: options.publicLinks }));
          },
        },
        { replyTo: message.messageId, replyInThread: true },
      );
      final = result!;
      const answerId = feedback.recordAnswer({ question, answer: final.answer, citations: final.citations.map(citationJson), chatId: message.chatId });
      // The streamed card ends as plain markdown; swap in the card with buttons (best effort).
      await channel.updateCard(sent.messageId, answerCard({ answer: final, answerId, publicLinks: options.publicLinks })).catch((error: unknown) => {
        logger.warn({ err: error, messageId: message.messageId }, "could not add buttons to the streamed card");
      });
    } else {
      final = await turns.run(() => options.answer({ question, conversation }));
      const answerId = feedback.recordAnswer({ question, answer: final.answer, citations: final.citations.map(citationJson), chatId: message.chatId });
      await reply(message, { card: answerCard({ answer: final, answerId, publicLinks: options.publicLinks }) });
    }
    logger.info({ messageId: message.messageId, chatId: message.chatId, intent: final.intent, citations: final.citations.length }, "feishu answer");
    if (final.intent === "source" && final.citations.length > 0) await sendOriginal(message, final);
  }

  async function sendOriginal(message: NormalizedMessage, final: Answer): Promise<void> {
    const first = final.citations[0]!;
    const document = catalog.listDocuments().find((candidate) => candidate.source === first.source && candidate.issue === first.issue && candidate.year === first.year);
    const original = document ? catalog.getOriginal(document.id) : undefined;
    if (original) await reply(message, { file: { source: original.bytes, fileName: original.source } });
  }

  async function addBulletin(message: NormalizedMessage): Promise<void> {
    const resource = message.resources.find((candidate) => candidate.type === "file");
    if (!resource) return;
    if (!feishu.admins.includes(message.senderId)) {
      await reply(message, { card: messageCard({ title: "无法添加简报", template: "grey", text: "只有管理员可以通过发送文件添加简报。如需补充简报，请联系办公室管理员。您可以直接用文字提问。" }) });
      return;
    }
    const folder = mkdtempSync(path.join(tmpdir(), "feishu-upload-"));
    try {
      const fileName = path.basename(resource.fileName ?? `${resource.fileKey}.txt`);
      const download = await channel.rawClient.im.v1.messageResource.get({ path: { message_id: message.messageId, file_key: resource.fileKey }, params: { type: "file" } });
      const chunks: Buffer[] = [];
      for await (const chunk of download.getReadableStream()) chunks.push(Buffer.from(chunk as Uint8Array));
      const file = path.join(folder, fileName);
      writeFileSync(file, Buffer.concat(chunks));
      const report = await options.ingest({ paths: [file] });
      const failure = report.failed[0];
      if (failure) {
        await reply(message, { card: messageCard({ title: "简报未能导入", template: "orange", text: `**${escapeMarkdown(fileName)}**：${escapeMarkdown(failure.error)}` }) });
        return;
      }
      const stored = report.documents[0]!;
      const parsed = stored.parsed;
      const units = [...new Set(parsed.items.flatMap((item) => item.units))];
      const status = { added: "已导入", replaced: "已替换原有的同一期", unchanged: "内容与库中一致，未作改动" }[stored.status];
      const heading = parsed.issue === null ? fileName : `《上街信息》${parsed.year}年第${parsed.issue}期（${parsed.date ?? "日期不详"}）`;
      await reply(message, { card: messageCard({ title: "简报已收录", template: "green", text: `${escapeMarkdown(heading)}：${status}\n共 ${parsed.items.length} 条，报送单位：${escapeMarkdown(units.join("、")) || "（未识别）"}` }) });
      if (stored.status !== "unchanged") await sendDigest(heading, parsed.items.map((item) => `- ${escapeMarkdown(item.units.join("、")) || "（无单位）"}：${escapeMarkdown(item.title || item.body.slice(0, 30))}`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  /** `heading` goes into the plain-text card title; `lines` are escaped markdown. */
  async function sendDigest(heading: string, lines: string[]): Promise<void> {
    for (const chatId of feishu.digestChats) {
      await channel.send(chatId, { card: messageCard({ title: `新一期简报：${heading}`, text: lines.join("\n") }) }).catch((error: unknown) => {
        logger.warn({ err: error, chatId }, "digest not delivered");
      });
    }
  }

  /** FEISHU_ALLOWED_CHATS applies to every event the bot acts on: messages and card actions alike. */
  function chatAllowed(event: { chatId: unknown; messageId: unknown }, kind: string): boolean {
    if (feishu.allowedChats.length === 0) return true;
    if (typeof event.chatId === "string" && feishu.allowedChats.includes(event.chatId)) return true;
    logger.info({ chatId: event.chatId, messageId: event.messageId, kind }, "chat not in FEISHU_ALLOWED_CHATS; ignored");
    return false;
  }

  async function handleMessage(message: NormalizedMessage): Promise<void> {
    if (!chatAllowed(message, "message")) return;
    try {
      if (message.resources.some((resource) => resource.type === "file")) {
        await addBulletin(message);
        return;
      }
      const text = message.content.replace(/@\S+\s*/g, (mention) => (message.mentions.some((entry) => mention.trim() === `@${entry.name}` && entry.isBot) ? "" : mention)).trim();
      if (text === "" || HELP.test(text)) await reply(message, { card: messageCard({ title: "上街信息问答", text: HELP_TEXT }) });
      else if (/^\/latest\b/i.test(text)) await reply(message, { card: messageCard({ title: "最近收录的简报", text: latestIssuesText(catalog) }) });
      else if (/^\/units\b/i.test(text)) await reply(message, { card: messageCard({ title: "报送单位", text: unitsText(catalog) }) });
      else if (/^\/issue\b/i.test(text)) await answer(message, issueCommandQuestion(text.replace(/^\/issue\s*/i, "")));
      else await answer(message, text);
    } catch (error) {
      logger.error({ err: error, messageId: message.messageId, chatId: message.chatId }, "feishu message failed");
      await reply(message, { card: errorCard() }).catch(() => undefined);
    }
  }

  async function handleCardAction(event: CardActionEvent): Promise<void> {
    if (!chatAllowed(event, "card action")) return;
    try {
      const value = (event.action?.value ?? {}) as Record<string, unknown>;
      if (value.action === "feedback" && typeof value.answerId === "string" && (value.rating === "up" || value.rating === "down")) {
        const stored = feedback.rate({ answerId: value.answerId, rating: value.rating, userId: event.operator.openId, chatId: event.chatId });
        logger.info({ answerId: value.answerId, rating: value.rating, stored }, "feishu feedback");
      } else if (value.action === "item_text") {
        const text = itemFullText(catalog, value) ?? "这条信息已不在库中（可能该期已被替换），请重新提问。";
        // A card, not a post: card markdown is where escapeMarkdown's entities are documented to work.
        await channel.send(event.chatId, { card: messageCard({ title: "信息全文", text }) }, { replyTo: event.messageId, replyInThread: true });
      }
    } catch (error) {
      logger.error({ err: error, messageId: event.messageId }, "feishu card action failed");
    }
  }

  channel.on("message", handleMessage);
  channel.on("cardAction", handleCardAction);
  channel.on("error", (error) => logger.error({ err: error }, "feishu channel error"));

  const dispatcher = (channel as unknown as { dispatcher: EventDispatcher }).dispatcher;
  const webhook =
    feishu.transport === "webhook"
      ? createWebhookHandler({
          encryptKey: feishu.encryptKey!,
          verificationToken: feishu.verificationToken,
          dispatch: (event) => dispatcher.invoke(event, { needCheck: false }),
          logger,
        })
      : undefined;

  let watchdog: NodeJS.Timeout | undefined;
  return {
    channel,
    webhook,
    start: async () => {
      await channel.connect();
      if (feishu.transport !== "websocket") return;
      // The SDK reconnects on its own until it gives up ("failed"); then start it again.
      watchdog = setInterval(() => {
        const client = channel.rawWsClient;
        if (client?.getConnectionStatus().state === "failed") {
          logger.warn("feishu long connection failed; reconnecting");
          void client.start({ eventDispatcher: dispatcher });
        }
      }, 10_000);
      watchdog.unref();
    },
    stop: async () => {
      if (watchdog) clearInterval(watchdog);
      await channel.disconnect();
      channel.rawWsClient?.close({ force: true });
    },
  };
}
