import type { Command } from "commander";
import type { ContextProvider } from "./cli-context.js";

export function registerServeCommand(program: Command, provide: ContextProvider): void {
  program
    .command("serve")
    .description("启动本地问答网页、原文链接服务（HOST、PORT、PUBLIC_BASE_URL），配置了飞书凭据时接入飞书")
    .action(async () => {
      const context = await provide();
      const { serve } = await import("./serve.js");
      await serve({ context, application: await context.openApplication() });
    });
}
