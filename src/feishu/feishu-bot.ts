import { createLarkChannel, LoggerLevel, type EventDispatcher, type LarkChannel, type NormalizedMessage } from "@larksuiteoapi/node-sdk";
import type { Answer, Answerer } from "../answer/answer-question.js";
import { citationJson } from "../answer/citation.js";
import type { IngestResult } from "../app/create-application.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import type { FeedbackStore } from "../store/feedback-store.js";
import type { SeenMessageStore } from "../store/seen-message-store.js";
import { issueCommandQuestion, itemFullText, latestIssuesText, unitsText } from "./bot-replies.js";
import { createBulletinUpload } from "./bulletin-upload.js";
import { createCardActionHandler } from "./card-actions.js";
import { startCardStream } from "./card-stream.js";
import { errorCard, helpText, messageCard } from "./cards.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { createEventRouter } from "./event-router.js";
import { resolveFeishuDomain } from "./feishu-domain.js";
import { createFeishuMessenger, type MessageTarget } from "./feishu-messenger.js";
import { fitAnswerCard, type SummaryUrl } from "./fit-answer-card.js";
import { startLongConnection, type LongConnection, type LongConnectionState } from "./long-connection.js";
import { exportDocument, statsCommandCard, type FeishuStatistics } from "./stats-replies.js";
import { messageUuid } from "./message-uuid.js";
import { readIncoming, type IncomingContent } from "./read-incoming.js";
import { createRedisCache, type ClosableCache } from "./redis-cache.js";
import { sdkLogger } from "./sdk-logger.js";
import { createSqliteCache } from "./sqlite-cache.js";
import { createTurnQueue } from "./turn-queue.js";
import { createWebhookHandler, type WebhookHandler } from "./webhook-handler.js";

export type FeishuConfig = NonNullable<Config["feishu"]>;

export interface FeishuBot {
  /** Connects; resolves true when connected, false when the first attempt failed (it keeps retrying and logs). Never rejects. */
  start(): Promise<boolean>;
  stop(): Promise<void>;
  /** The long connection's state ("connected" for the webhook once the bot is known). */
  state(): LongConnectionState;
  /** The handler for POST /feishu/events (webhook transport only). */
  readonly webhook: WebhookHandler | undefined;
  readonly channel: LarkChannel;
}

const HOUR = 60 * 60 * 1000;
const HELP = /^(?:帮助|help|\/help|\/帮助|\?|？|你好|您好)$/i;
/** The streamed preview stops growing here; the final card carries the whole (fitted) answer. */
const MAX_STREAMED_CHARS = 6_000;

const HINTS: Record<Exclude<IncomingContent["kind"], "text" | "file">, string> = {
  image: "我只能读文字，看不了图片和表情。请直接用文字提问，例如：区农委春耕落实了多少亩小麦？",
  sticker: "我只能读文字，看不了图片和表情。请直接用文字提问，例如：区农委春耕落实了多少亩小麦？",
  audio: "暂时听不了语音消息，请改用文字提问。",
  video: "暂时看不了视频，请改用文字提问。",
  other: "暂不支持这类消息。请用文字提问；管理员可以发送简报文件（.docx、.pdf、.txt、.md）添加简报。",
};

/**
 * The Feishu bot on the SDK's Channel module (mention policy, dedup, per-chat queue): groups
 * answer only when @mentioned, direct chats always; replies go to the asking message's thread as
 * cards with citations; admins add bulletins by sending files. Card clicks, message sends (with a
 * uuid), streaming (CardKit, rate-limited) and the long connection are handled here, not by the
 * Channel, to meet the platform's deadlines and limits.
 */
export function createFeishuBot(options: {
  feishu: FeishuConfig;
  answer: Answerer;
  /** True when a model writes the answers: they are then streamed into the card as it writes. */
  writtenByModel: boolean;
  catalog: BulletinCatalog;
  /** Stores files admins send and indexes them (the application's ingest). */
  ingest: (options: { paths: readonly string[] }) => Promise<IngestResult>;
  feedback: FeedbackStore;
  /** Handled message ids, kept across restarts (used unless REDIS_URL shares them between instances). */
  seenMessages: SeenMessageStore;
  /** Links work for staff only when the server has a public address (PUBLIC_BASE_URL). */
  publicLinks: boolean;
  /** The series the bot answers from (BULLETIN_SERIES): its name, greeting and help name it. */
  series: string;
  logger: Logger;
  /** Signed web link to a unit's full list, for summaries too long for one card; unset = a hint how to narrow the period. */
  summaryUrl?: SummaryUrl | undefined;
  /** `/stats` and Word exports ("把X今年的信息导出来"); absent, the bot has neither. */
  statistics?: FeishuStatistics | undefined;
  /** Tests shorten these. */
  connection?: { readyTimeoutMs?: number; backoff?: { initialMs: number; maxMs: number } };
  streaming?: { minIntervalMs?: number };
  /** Largest bulletin file an admin may send (INGEST_MAX_FILE_MB); default: the ingest default. */
  maxFileBytes?: number | undefined;
}): FeishuBot {
  const { feishu, catalog, feedback, logger } = options;
  const redisCache: ClosableCache | undefined = feishu.redisUrl ? createRedisCache({ url: feishu.redisUrl, logger }) : undefined;
  const channel = createLarkChannel({
    appId: feishu.appId,
    appSecret: feishu.appSecret,
    // The long connection is ours (long-connection.ts): the Channel only normalises and queues.
    transport: "webhook",
    domain: resolveFeishuDomain(feishu.domain),
    webhook: { ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}), ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}) },
    cache: redisCache ?? createSqliteCache({ seen: options.seenMessages }),
    policy: { requireMention: true, respondToMentionAll: false, dmMode: "open" },
    // One question per message: no merging of quick successive messages into one.
    safety: { dedup: { ttl: 12 * HOUR }, staleMessageWindowMs: 30 * 60 * 1000, batch: { text: { delayMs: 0 } } },
    includeRawEvent: true,
    logger: sdkLogger(logger),
    loggerLevel: LoggerLevel.warn,
  });
  const client = channel.rawClient;
  const messenger = createFeishuMessenger({ client, logger });
  const turns = createTurnQueue();
  const addBulletin = createBulletinUpload({ client, messenger, ingest: options.ingest, admins: feishu.admins, digestChats: feishu.digestChats, series: options.series, logger, maxFileBytes: options.maxFileBytes });
  const botName = `${options.series}问答`;

  const threadOf = (message: NormalizedMessage): MessageTarget => ({ replyTo: message.messageId, replyInThread: true });
  const reply = (message: NormalizedMessage, purpose: string, card: object) => messenger.sendCard({ target: threadOf(message), card, uuid: messageUuid({ source: message.messageId, purpose }) });

  async function answer(message: NormalizedMessage, question: string): Promise<void> {
    const conversation = { channel: "feishu", id: message.rootId ?? message.messageId } as const;
    const uuid = messageUuid({ source: message.messageId, purpose: "answer" });
    const cardFor = (final: Answer) => {
      const answerId = feedback.recordAnswer({ question, answer: final.answer, citations: final.citations.map(citationJson), chatId: message.chatId });
      return fitAnswerCard({ answer: final, answerId, publicLinks: options.publicLinks, summaryUrl: options.summaryUrl, summary: botName });
    };
    let final: Answer;
    if (options.writtenByModel) {
      const stream = await startCardStream({ client, messenger, target: threadOf(message), uuid, logger, ...(options.streaming?.minIntervalMs ? { minIntervalMs: options.streaming.minIntervalMs } : {}) });
      let streamed = "";
      try {
        final = await options.answer({
          question,
          conversation,
          onToken: (token) => {
            if (streamed.length >= MAX_STREAMED_CHARS) return;
            streamed += escapeMarkdown(token);
            stream.update(streamed.length >= MAX_STREAMED_CHARS ? `${streamed}…` : streamed);
          },
        });
      } catch (error) {
        logger.error({ err: error, messageId: message.messageId }, "feishu answer failed while streaming");
        await stream.finish(errorCard());
        return;
      }
      await stream.finish(cardFor(final));
    } else {
      final = await turns.run(() => options.answer({ question, conversation }));
      await messenger.sendCard({ target: threadOf(message), card: cardFor(final), uuid });
    }
    logger.info({ messageId: message.messageId, chatId: message.chatId, intent: final.intent, citations: final.citations.length }, "feishu answer");
    if (final.intent === "source" && final.citations.length > 0) await sendOriginal(message, final);
    if (final.export) await sendExport(message, final.export);
  }

  async function sendExport(message: NormalizedMessage, request: NonNullable<Answer["export"]>): Promise<void> {
    const document = await exportDocument({ catalog, request, series: options.statistics?.series ?? "上街信息" });
    if (document) await messenger.sendFile({ target: threadOf(message), ...document, fileType: "doc", uuid: messageUuid({ source: message.messageId, purpose: "export" }) });
  }

  async function sendOriginal(message: NormalizedMessage, final: Answer): Promise<void> {
    const first = final.citations[0]!;
    const document = catalog.listDocuments().find((candidate) => candidate.source === first.source && candidate.issue === first.issue && candidate.year === first.year);
    const original = document ? catalog.getOriginal(document.id) : undefined;
    if (original) await messenger.sendFile({ target: threadOf(message), bytes: original.bytes, fileName: original.source, uuid: messageUuid({ source: message.messageId, purpose: "original" }) });
  }

  /** FEISHU_ALLOWED_CHATS applies to every event the bot acts on: messages and card actions alike. */
  function chatAllowed(event: { chatId: unknown; messageId: unknown }, kind: string): boolean {
    if (feishu.allowedChats.length === 0) return true;
    if (typeof event.chatId === "string" && feishu.allowedChats.includes(event.chatId)) return true;
    logger.info({ chatId: event.chatId, messageId: event.messageId, kind }, "chat not in FEISHU_ALLOWED_CHATS; ignored");
    return false;
  }

  async function handleText(message: NormalizedMessage, text: string): Promise<void> {
    if (text === "" || HELP.test(text)) await reply(message, "help", messageCard({ title: botName, text: helpText(options.series) }));
    else if (/^\/latest\b/i.test(text)) await reply(message, "latest", messageCard({ title: "最近收录的简报", text: latestIssuesText(catalog) }));
    else if (/^\/units\b/i.test(text)) await reply(message, "units", messageCard({ title: "报送单位", text: unitsText(catalog) }));
    else if (/^\/stats\b/i.test(text) && options.statistics) await reply(message, "stats", statsCommandCard(options.statistics, text.replace(/^\/stats\s*/i, "")));
    else if (/^\/issue\b/i.test(text)) await answer(message, issueCommandQuestion(text.replace(/^\/issue\s*/i, "")));
    else await answer(message, text);
  }

  async function handleMessage(message: NormalizedMessage): Promise<void> {
    if (!chatAllowed(message, "message")) return;
    try {
      const incoming = readIncoming(message);
      if (incoming.kind === "text") await handleText(message, incoming.text);
      else if (incoming.kind === "file") await addBulletin({ messageId: message.messageId, senderId: message.senderId, fileKey: incoming.fileKey, fileName: incoming.fileName });
      else await reply(message, "hint", messageCard({ title: botName, text: HINTS[incoming.kind] }));
    } catch (error) {
      logger.error({ err: error, messageId: message.messageId, chatId: message.chatId }, "feishu message failed");
      await reply(message, "error", errorCard()).catch(() => undefined);
    }
  }

  const onCardAction = createCardActionHandler({ feedback, chatAllowed, itemText: (reference) => itemFullText({ catalog, reference, series: options.series }), messenger, logger });
  channel.on("message", handleMessage);
  channel.on("error", (error) => logger.error({ err: error }, "feishu channel error"));

  const dispatcher = (channel as unknown as { dispatcher: EventDispatcher }).dispatcher;
  const router = createEventRouter({ dispatcher, onCardAction, logger });
  const webhook =
    feishu.transport === "webhook"
      ? createWebhookHandler({
          encryptKey: feishu.encryptKey!,
          verificationToken: feishu.verificationToken,
          dispatch: (event) => router.invoke(event, { needCheck: false }),
          callback: async (event) => onCardAction(event),
          ready: () => identified,
          logger,
        })
      : undefined;

  let connection: LongConnection | undefined;
  let identified = false;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const backoff = options.connection?.backoff ?? { initialMs: 1_000, maxMs: 60_000 };

  /** Fetches the bot's identity (needed for the mention policy), then opens the long connection; retries both. */
  async function begin(attempt: number): Promise<boolean> {
    try {
      await channel.connect();
      identified = true;
    } catch (error) {
      if (stopped) return false;
      const retryInMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
      logger.warn({ err: error, retryInMs }, "feishu bot identity could not be fetched; retrying");
      retryTimer = setTimeout(() => void begin(attempt + 1), retryInMs);
      return false;
    }
    if (feishu.transport !== "websocket" || stopped) return true;
    connection = startLongConnection({
      appId: feishu.appId,
      appSecret: feishu.appSecret,
      domain: resolveFeishuDomain(feishu.domain),
      dispatcher: router,
      logger,
      ...options.connection,
    });
    return connection.firstAttempt;
  }

  return {
    channel,
    webhook,
    start: () => begin(0),
    state: () => connection?.state() ?? (identified ? "connected" : stopped ? "closed" : "retrying"),
    stop: async () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      connection?.close();
      await channel.disconnect();
      await redisCache?.close();
    },
  };
}
