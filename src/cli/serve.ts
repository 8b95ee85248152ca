import type { Application } from "../app/create-application.js";
import type { FeishuBot } from "../feishu/feishu-bot.js";
import { startWebServer } from "../web/start-web-server.js";
import { statisticsPagePath } from "../web/stats-links.js";
import { resolveWebAccess } from "../web/web-access.js";
import type { CliContext } from "./cli-context.js";

/**
 * Serves the web page (and, when configured, the Feishu bot) until SIGINT or SIGTERM. The
 * search index is opened before the address is printed, so the first question is answered at once.
 */
export async function serve(options: { context: CliContext; application: Application }): Promise<void> {
  const { context, application } = options;
  const { config, logger } = context;
  const { stdout } = context.io;
  // A login that cannot work fails here, before anything loads.
  resolveWebAccess({ config, host: config.server.host });
  await application.search();
  const feishu = config.feishu;
  const feishuModules = feishu
    ? { bot: await import("../feishu/feishu-bot.js"), login: await import("../feishu/feishu-web-login.js") }
    : undefined;
  let bot: FeishuBot | undefined;
  // The statistics page (a unit's full list, charts) for links in cards, when staff can reach the server.
  const publicBase = config.server.publicBaseUrl?.replace(/\/+$/, "");
  const pageUrl = (options: { unit?: string; from?: string | undefined; to?: string | undefined }) => (publicBase ? `${publicBase}/${statisticsPagePath(options)}` : undefined);
  const server = await startWebServer({
    application,
    config,
    logger,
    ...(feishu && feishuModules ? { login: feishuModules.login.createFeishuWebLogin({ feishu, allowedUsers: config.web.allowedUsers, logger }) } : {}),
    mount: ({ answer }) => {
      if (!feishu || !feishuModules) return undefined;
      bot = feishuModules.bot.createFeishuBot({
        feishu,
        answer,
        writtenByModel: application.writtenByModel,
        catalog: application.catalog,
        ingest: application.ingest,
        feedback: application.feedback,
        seenMessages: application.seenMessages,
        publicLinks: config.server.publicBaseUrl !== undefined,
        series: config.bulletinSeries,
        maxFileBytes: config.ingest.maxFileBytes,
        logger,
        statistics: { statistics: application.statistics, today: application.today, series: config.bulletinSeries, pageUrl: (range) => pageUrl(range) },
        summaryUrl: ({ unit, period }) => pageUrl({ unit, ...(period ? { from: period.from, to: period.to } : {}) }),
      });
      return bot.webhook ? { direct: { "/feishu/events": bot.webhook } } : undefined;
    },
  });
  stdout.write(`\n本地问答页面已启动：${server.url}\n`);
  if (server.loginRedirectUri) stdout.write(`网页需飞书登录；请在飞书开发者后台“安全设置 > 重定向 URL”中添加：${server.loginRedirectUri}\n`);
  if (bot) {
    const how = feishu!.transport === "webhook" ? `webhook：${server.url}feishu/events` : "长连接（WebSocket）";
    // Never fatal: the bot retries in the background and the web page keeps serving.
    if (await bot.start()) stdout.write(`飞书机器人已连接（${how}）\n`);
    else stdout.write(`飞书机器人暂未连上（${how}），正在后台重试，详见日志；网页照常可用。\n`);
  } else {
    stdout.write("未配置飞书凭据（FEISHU_APP_ID / FEISHU_APP_SECRET），只启动本地网页。\n");
  }
  stdout.write("（按 Ctrl+C 停止）\n");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await bot?.stop();
  await server.close();
}
