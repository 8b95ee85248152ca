import type { Command } from "commander";
import { openEngine } from "../app/open-engine.js";
import { startWebServer } from "../web/start-web-server.js";
import type { CliContext } from "./cli-context.js";

/** Starts the web page (and, when configured, the Feishu bot) and keeps running until interrupted. */
export async function serve(context: CliContext): Promise<void> {
  const engine = await openEngine({ config: context.config, dataDir: context.dataDir });
  const server = await startWebServer({ engine, config: context.config, dataDir: context.dataDir, logger: context.logger });
  process.stdout.write(`\n本地问答页面已启动：${server.url}\n（按 Ctrl+C 停止）\n`);
  const stop = async () => {
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
