#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { loadConfig } from "../config.js";
import { AppError, describeError } from "../errors.js";
import { createLogger } from "../log.js";
import { createCliContext, type CliContext } from "./cli-context.js";
import { registerAskCommand } from "./ask-command.js";
import { registerEvalCommand } from "./eval-command.js";
import { registerFeedbackCommand } from "./feedback-command.js";
import { registerIngestCommand } from "./ingest-command.js";
import { registerReindexCommand } from "./reindex-command.js";
import { registerServeCommand } from "./serve-command.js";
import { registerSummaryCommand } from "./summary-command.js";
import { registerStartCommand } from "./start-command.js";

/** Builds the command-line program; every job of the product is a subcommand. */
export function createProgram(): Command {
  const program = new Command("bulletin-bot")
    .description("《上街信息》简报问答机器人：导入简报、检索问答、飞书机器人")
    .option("--data-dir <dir>", "本地数据目录（默认取 DATA_DIR，或 ./var）")
    .showHelpAfterError("（加 --help 查看用法）")
    .exitOverride();
  let context: CliContext | undefined;
  const getContext = () => {
    if (!context) {
      if (process.env.NODE_ENV !== "test") loadDotEnv();
      const config = loadConfig();
      context = createCliContext({ config, logger: createLogger({ level: config.logLevel }), dataDirOption: program.opts<{ dataDir?: string }>().dataDir });
    }
    return context;
  };
  registerIngestCommand(program, getContext);
  registerStartCommand(program, getContext);
  registerAskCommand(program, getContext);
  registerReindexCommand(program, getContext);
  registerEvalCommand(program, getContext);
  registerServeCommand(program, getContext);
  registerSummaryCommand(program, getContext);
  registerFeedbackCommand(program, getContext);
  return program;
}

function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch {
    // No .env file: the environment alone configures the program.
  }
}

async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`错误：${describeError(error)}\n`);
    if (!(error instanceof AppError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof AppError ? 2 : 1;
  }
}

await main(process.argv);
