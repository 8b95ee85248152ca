import type { Command } from "commander";
import { openEngine } from "../app/open-engine.js";
import { createFeishuBot, type FeishuBot } from "../feishu/feishu-bot.js";
import { createFeishuWebLogin } from "../feishu/feishu-web-login.js";
import { startWebServer } from "../web/start-web-server.js";
import { resolveWebAccess } from "../web/web-access.js";
import type { CliContext } from "./cli-context.js";

/** Starts the web page (and, when configured, the Feishu bot) and keeps running until interrupted. */
export async function serve(context: CliContext): Promise<void> {
  const { config } = context;
  resolveWebAccess({ config, host: config.server.host }); // a login that cannot work fails here, before the engine loads
  const engine = await openEngine({ config, dataDir: context.dataDir });
  let bot: FeishuBot | undefined;
  const server = await startWebServer({
    engine,
    config,
    dataDir: context.dataDir,
    logger: context.logger,
    ...(config.feishu ? { login: createFeishuWebLogin({ feishu: config.feishu, allowedUsers: config.web.allowedUsers, logger: context.logger }) } : {}),
    mount: ({ links, chatModel }) => {
      if (!config.feishu) return undefined;
      bot = createFeishuBot({ feishu: config.feishu, engine, links, publicLinks: config.server.publicBaseUrl !== undefined, chatModel, logger: context.logger, ingestLimits: config.ingest });
      return bot.webhook ? { direct: { "/feishu/events": bot.webhook } } : undefined;
    },
  });
  process.stdout.write(`\n本地问答页面已启动：${server.url}\n`);
  if (server.loginRedirectUri) process.stdout.write(`网页需飞书登录；请在飞书开发者后台“安全设置 > 重定向 URL”中添加：${server.loginRedirectUri}\n`);
  if (bot) {
    const how = config.feishu!.transport === "webhook" ? `webhook：${server.url}feishu/events` : "长连接（WebSocket）";
    // Never fatal: the bot retries in the background and the web page keeps serving.
    if (await bot.start()) process.stdout.write(`飞书机器人已连接（${how}）\n`);
    else process.stdout.write(`飞书机器人暂未连上（${how}），正在后台重试，详见日志；网页照常可用。\n`);
  } else {
    process.stdout.write("未配置飞书凭据（FEISHU_APP_ID / FEISHU_APP_SECRET），只启动本地网页。\n");
  }
  process.stdout.write("（按 Ctrl+C 停止）\n");
  const stop = async () => {
    await bot?.stop();
    await server.close();
    engine.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

export function registerServeCommand(program: Command, context: () => CliContext): void {
  program
    .command("serve")
    .description("启动本地问答网页、原文链接服务（HOST、PORT、PUBLIC_BASE_URL）")
    .action(async () => {
      await serve(context());
    });
}
