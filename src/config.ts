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
  // Blank counts as unset, so an empty line in .env keeps the default.
  BULLETIN_SERIES: optionalText.transform((value) => value ?? "上街信息"),

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
  WEB_AUTH: optionalText.pipe(z.enum(["feishu", "none"]).optional()),
  WEB_ALLOWED_USERS: optionalText,
  SESSION_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional()),

  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_TRANSPORT: z.enum(["websocket", "webhook"]).default("websocket"),
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_DOMAIN: optionalText,
  FEISHU_ALLOWED_CHATS: optionalText,
  FEISHU_ADMINS: optionalText,
  FEISHU_DIGEST_CHATS: optionalText,
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379").optional()),

  INGEST_MAX_FILE_MB: optionalNumber((number) => number.positive()),
  INGEST_MAX_UNPACKED_MB: optionalNumber((number) => number.positive()),
  INGEST_TIMEOUT_SECONDS: optionalNumber((number) => number.positive()),
  INGEST_WORKER_MEMORY_MB: optionalNumber((number) => number.int().min(16)),
});

/** Every environment variable the product reads. */
export const CONFIG_VARIABLES = Object.freeze(Object.keys(schema.shape));

export interface Config {
  dataDir: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  /** Fixed "today" for period resolution (tests, reproducible evals); undefined means the clock. */
  today: string | undefined;
  /** Series named in replies when a document's own series is unknown (BULLETIN_SERIES, default 上街信息). */
  bulletinSeries: string;
  /** `queryTimeoutMs` bounds embedding a question; past it the question is searched by keyword only. */
  embedding: { baseUrl: string; model: string; apiKey: string; dimensions: number | undefined; queryTimeoutMs: number } | undefined;
  llm: { baseUrl: string; model: string; apiKey: string; timeoutMs: number } | undefined;
  server: { host: string; port: number; publicBaseUrl: string | undefined; linkSecret: string | undefined; linkTtlHours: number };
  /** The staff web page's login; `auth` undefined = Feishu login when the server is reachable beyond this machine (src/web/web-access.ts). */
  web: { auth: "feishu" | "none" | undefined; allowedUsers: string[]; sessionSecret: string | undefined };
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
        /** Shared SDK cache (dedup, tokens) for several replicas; unset = SQLite in the data directory. */
        redisUrl: string | undefined;
      }
    | undefined;
  /** Per-file ingest limits; unset ones take the defaults in src/ingest/ingest-limits.ts. */
  ingest: {
    maxFileBytes: number | undefined;
    maxUnpackedBytes: number | undefined;
    timeoutMs: number | undefined;
    workerHeapMb: number | undefined;
    maxMemoryGrowthMb: number | undefined;
  };
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
  // An empty value means unset, as in .env.example's blank lines.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = schema.safeParse(given);
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

  const notOpenId = list(values.WEB_ALLOWED_USERS).find((entry) => !entry.startsWith("ou_"));
  if (notOpenId !== undefined) {
    throw new ConfigError({
      variable: "WEB_ALLOWED_USERS",
      message: `"${notOpenId}" is not a Feishu open_id (ou_…)`,
      hint: "list open_ids, comma-separated; a refused person's login page shows theirs",
    });
  }

  return {
    dataDir: path.resolve(cwd, values.DATA_DIR ?? "var"),
    logLevel: values.LOG_LEVEL,
    today: values.TODAY,
    bulletinSeries: values.BULLETIN_SERIES,
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
    web: {
      auth: values.WEB_AUTH,
      allowedUsers: list(values.WEB_ALLOWED_USERS),
      sessionSecret: values.SESSION_SECRET,
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
          redisUrl: values.REDIS_URL,
        }
      : undefined,
    ingest: {
      maxFileBytes: megabytes(values.INGEST_MAX_FILE_MB),
      maxUnpackedBytes: megabytes(values.INGEST_MAX_UNPACKED_MB),
      timeoutMs: values.INGEST_TIMEOUT_SECONDS === undefined ? undefined : values.INGEST_TIMEOUT_SECONDS * 1000,
      // One setting for both memory bounds of a file: the worker's heap and the process's growth.
      workerHeapMb: values.INGEST_WORKER_MEMORY_MB,
      maxMemoryGrowthMb: values.INGEST_WORKER_MEMORY_MB,
    },
  };
}

function megabytes(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1024 * 1024);
}
