import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

/**
 * Every setting the product reads from the environment, validated once at start-up
 * and passed down. Nothing else in src/ reads process.env.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** An optional number given as text in the environment. */
function optionalNumber(check: (number: z.ZodNumber) => z.ZodNumber) {
  return optionalText.pipe(z.string().optional().transform((value) => (value === undefined ? undefined : Number(value))).pipe(check(z.number()).optional()));
}

const schema = z.object({
  DATA_DIR: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TODAY: optionalText.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD").optional()),

  EMBEDDING_BASE_URL: optionalText.pipe(z.url().optional()),
  EMBEDDING_MODEL: optionalText,
  EMBEDDING_API_KEY: optionalText,
  EMBEDDING_DIMENSIONS: optionalNumber((number) => number.int().positive()),
  EMBEDDING_QUERY_TIMEOUT_MS: optionalNumber((number) => number.int().positive()),

  LLM_BASE_URL: optionalText.pipe(z.url().optional()),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: optionalNumber((number) => number.int().positive()),

  HOST: z.string().default("127.0.0.1"),
  PORT: optionalNumber((number) => number.int().min(0).max(65535)),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  LINK_SECRET: optionalText,
  LINK_TTL_HOURS: optionalNumber((number) => number.positive()),

  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_TRANSPORT: z.enum(["websocket", "webhook"]).default("websocket"),
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_DOMAIN: optionalText,
  FEISHU_ALLOWED_CHATS: optionalText,
  FEISHU_ADMINS: optionalText,
  FEISHU_DIGEST_CHATS: optionalText,
});

export interface Config {
  dataDir: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  /** Fixed "today" for period resolution (tests, reproducible evals); undefined means the clock. */
  today: string | undefined;
  /** `queryTimeoutMs` bounds embedding a question; past it the question is searched by keyword only. */
  embedding: { baseUrl: string; model: string; apiKey: string; dimensions: number | undefined; queryTimeoutMs: number } | undefined;
  llm: { baseUrl: string; model: string; apiKey: string; timeoutMs: number } | undefined;
  server: { host: string; port: number; publicBaseUrl: string | undefined; linkSecret: string | undefined; linkTtlHours: number };
  feishu:
    | {
        appId: string;
        appSecret: string;
        transport: "websocket" | "webhook";
        encryptKey: string | undefined;
        verificationToken: string | undefined;
        domain: string | undefined;
        allowedChats: string[];
        admins: string[];
        digestChats: string[];
      }
    | undefined;
}

function list(value: string | undefined): string[] {
  return value ? value.split(",").map((part) => part.trim()).filter(Boolean) : [];
}

function requireTogether(group: string, values: Record<string, string | undefined>, hint: string): boolean {
  const set = Object.entries(values).filter(([, value]) => value !== undefined);
  if (set.length === 0) return false;
  const missing = Object.keys(values).filter((name) => values[name] === undefined);
  const first = missing[0];
  if (first !== undefined) {
    throw new ConfigError({ variable: first, message: `is required when ${set.map(([name]) => name).join(", ")} is set (${group})`, hint });
  }
  return true;
}

/** Reads and validates the environment. `cwd` anchors the default data directory. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError({ variable, message: issue?.message ?? "invalid value", hint: `fix ${variable} in .env or the environment (see .env.example)` });
  }
  const values = parsed.data;

  const embeddingSet = requireTogether(
    "embeddings endpoint",
    { EMBEDDING_BASE_URL: values.EMBEDDING_BASE_URL, EMBEDDING_MODEL: values.EMBEDDING_MODEL },
    "set EMBEDDING_BASE_URL and EMBEDDING_MODEL together, or unset both to use the offline embedder",
  );
  const llmSet = requireTogether(
    "LLM endpoint",
    { LLM_BASE_URL: values.LLM_BASE_URL, LLM_MODEL: values.LLM_MODEL },
    "set LLM_BASE_URL and LLM_MODEL together, or unset both for extractive answers",
  );
  const feishuSet = requireTogether(
    "Feishu app",
    { FEISHU_APP_ID: values.FEISHU_APP_ID, FEISHU_APP_SECRET: values.FEISHU_APP_SECRET },
    "copy App ID and App Secret from the Feishu developer console (凭证与基础信息)",
  );
  if (feishuSet && values.FEISHU_TRANSPORT === "webhook" && !values.FEISHU_ENCRYPT_KEY) {
    throw new ConfigError({
      variable: "FEISHU_ENCRYPT_KEY",
      message: "is required for the webhook transport",
      hint: "set it to the Encrypt Key from the Feishu console (事件与回调 > 加密策略)",
    });
  }

  return {
    dataDir: path.resolve(cwd, values.DATA_DIR ?? "var"),
    logLevel: values.LOG_LEVEL,
    today: values.TODAY,
    embedding: embeddingSet
      ? {
          baseUrl: values.EMBEDDING_BASE_URL!,
          model: values.EMBEDDING_MODEL!,
          apiKey: values.EMBEDDING_API_KEY ?? "none",
          dimensions: values.EMBEDDING_DIMENSIONS,
          queryTimeoutMs: values.EMBEDDING_QUERY_TIMEOUT_MS ?? 5_000,
        }
      : undefined,
    llm: llmSet
      ? { baseUrl: values.LLM_BASE_URL!, model: values.LLM_MODEL!, apiKey: values.LLM_API_KEY ?? "none", timeoutMs: values.LLM_TIMEOUT_MS ?? 60_000 }
      : undefined,
    server: {
      host: values.HOST,
      port: values.PORT ?? 3000,
      publicBaseUrl: values.PUBLIC_BASE_URL,
      linkSecret: values.LINK_SECRET,
      linkTtlHours: values.LINK_TTL_HOURS ?? 24 * 7,
    },
    feishu: feishuSet
      ? {
          appId: values.FEISHU_APP_ID!,
          appSecret: values.FEISHU_APP_SECRET!,
          transport: values.FEISHU_TRANSPORT,
          encryptKey: values.FEISHU_ENCRYPT_KEY,
          verificationToken: values.FEISHU_VERIFICATION_TOKEN,
          domain: values.FEISHU_DOMAIN,
          allowedChats: list(values.FEISHU_ALLOWED_CHATS),
          admins: list(values.FEISHU_ADMINS),
          digestChats: list(values.FEISHU_DIGEST_CHATS),
        }
      : undefined,
  };
}
