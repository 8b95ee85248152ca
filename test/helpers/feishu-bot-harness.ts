import pino from "pino";
import type { Application } from "../../src/app/create-application.js";
import { loadConfig } from "../../src/config.js";
import { createFeishuBot, type FeishuBot } from "../../src/feishu/feishu-bot.js";
import type { SummaryUrl } from "../../src/feishu/fit-answer-card.js";
import type { ChatModel } from "../../src/models/chat-model.js";
import { createLogger, type Logger } from "../../src/log.js";
import { startWebServer, type WebServer } from "../../src/web/start-web-server.js";
import { fakeAppId, fakeAppSecret, type FakeFeishu } from "../fakes/fake-feishu-server.js";
import { fakeVerificationToken } from "../fakes/feishu-events.js";

export const ENCRYPT_KEY = "test-encrypt-key";
export const ADMIN = "ou_admin";

export interface RunningBot {
  bot: FeishuBot;
  server: WebServer;
  webhookUrl: string;
  stop(): Promise<void>;
}

/** Starts the real bot (SDK Channel) and web server against the fake Feishu, as `serve` wires them. */
export async function startBot(options: {
  application: Application;
  fake: FakeFeishu;
  transport?: "webhook" | "websocket";
  env?: Record<string, string>;
  chatModel?: ChatModel;
  /** Default: silent. */
  logger?: Logger;
  summaryUrl?: SummaryUrl;
}): Promise<RunningBot> {
  const config = loadConfig({
    LOG_LEVEL: "silent",
    FEISHU_APP_ID: fakeAppId,
    FEISHU_APP_SECRET: fakeAppSecret,
    FEISHU_TRANSPORT: options.transport ?? "webhook",
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: fakeVerificationToken,
    FEISHU_DOMAIN: options.fake.domain,
    FEISHU_ADMINS: ADMIN,
    ...options.env,
  });
  const logger = options.logger ?? createLogger({ level: "silent" });
  let bot: FeishuBot | undefined;
  const server = await startWebServer({
    application: options.application,
    config,
    port: 0,
    host: "127.0.0.1",
    logger,
    chatModel: options.chatModel ?? null,
    mount: ({ answer }) => {
      const { application } = options;
      bot = createFeishuBot({
        feishu: config.feishu!,
        answer,
        writtenByModel: options.chatModel !== undefined,
        catalog: application.catalog,
        ingest: application.ingest,
        feedback: application.feedback,
        seenMessages: application.seenMessages,
        publicLinks: config.server.publicBaseUrl !== undefined,
        series: config.bulletinSeries,
        maxFileBytes: config.ingest.maxFileBytes,
        logger,
        summaryUrl: options.summaryUrl,
        statistics: { statistics: application.statistics, today: application.today, series: config.bulletinSeries },
        connection: { readyTimeoutMs: 5_000, backoff: { initialMs: 200, maxMs: 2_000 } },
      });
      return bot.webhook ? { direct: { "/feishu/events": bot.webhook } } : undefined;
    },
  });
  await bot!.start();
  return {
    bot: bot!,
    server,
    webhookUrl: `${server.url}feishu/events`,
    stop: async () => {
      await bot!.stop();
      await server.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger that keeps its records, so a test can wait for something the bot only logs. */
export function recordingLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, records };
}
