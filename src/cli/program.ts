import path from "node:path";
import { Command, CommanderError } from "commander";
import { AppError, describeError } from "../errors.js";
import type { Application } from "../app/create-application.js";
import { registerAskCommand } from "./ask-command.js";
import type { CliContext, CliIo, ContextProvider } from "./cli-context.js";
import { registerEvalCommand } from "./eval-command.js";
import { registerExportCommand } from "./export-command.js";
import { registerFeedbackCommand } from "./feedback-command.js";
import { registerIngestCommand } from "./ingest-command.js";
import { registerReindexCommand } from "./reindex-command.js";
import { registerServeCommand } from "./serve-command.js";
import { registerStartCommand } from "./start-command.js";
import { registerStatsCommand } from "./stats-command.js";
import { registerSummaryCommand } from "./summary-command.js";

/**
 * Runs the command-line program on `argv` (without node and script) with an explicit environment
 * and output, and resolves with the exit code: 0 done, 1 some work failed, 2 wrong usage or setup.
 * Every command loads its heavy modules (store, segmenter, models, Feishu SDK) only when it runs.
 *
 * @example
 * const code = await runCli({ argv: ["ask", "上街区注册志愿者有多少人？", "--json"], env: { DATA_DIR: "var" }, io });
 */
export async function runCli(options: { argv: readonly string[]; env: Readonly<Record<string, string | undefined>>; io: CliIo; cwd?: string }): Promise<number> {
  const { io } = options;
  const cwd = options.cwd ?? process.cwd();
  let exitCode = 0;
  const opened: Application[] = [];
  let context: CliContext | undefined;

  const program = new Command("bulletin-bot")
    .description("简报问答机器人：导入简报、检索问答、飞书机器人")
    .option("--data-dir <dir>", "本地数据目录（默认取 DATA_DIR，或 ./var）")
    .showHelpAfterError("（加 --help 查看用法）")
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();

  const provide: ContextProvider = async () => {
    if (context) return context;
    const { loadConfig } = await import("../config.js");
    const { createLogger } = await import("../log.js");
    const config = loadConfig(options.env, cwd);
    const dataDirOption = program.opts<{ dataDir?: string }>().dataDir;
    const logger = createLogger({ level: config.logLevel, ...(io.stderr === process.stderr ? {} : { destination: io.stderr }) });
    const dataDir = dataDirOption ? path.resolve(cwd, dataDirOption) : config.dataDir;
    context = {
      config,
      dataDir,
      logger,
      io,
      fail: (code = 1) => {
        exitCode = Math.max(exitCode, code);
      },
      openApplication: async (applicationOptions = {}) => {
        const { createApplication } = await import("../app/create-application.js");
        const application = await createApplication({ config, dataDir, logger, ...applicationOptions });
        opened.push(application);
        return application;
      },
    };
    return context;
  };

  for (const register of [
    registerIngestCommand, registerStartCommand, registerAskCommand, registerReindexCommand,
    registerEvalCommand, registerServeCommand, registerSummaryCommand, registerFeedbackCommand,
    registerStatsCommand, registerExportCommand,
  ]) {
    register(program, provide);
  }

  try {
    await program.parseAsync(["node", "bulletin-bot", ...options.argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`错误：${describeError(error)}\n`);
    if (!(error instanceof AppError) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    exitCode = error instanceof AppError ? 2 : 1;
  } finally {
    for (const application of opened) {
      await application.flush().catch((error: unknown) => context?.logger.warn({ err: error }, "search index changes not saved"));
      application.close();
    }
  }
  return exitCode;
}
