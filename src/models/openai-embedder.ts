import { ModelError } from "../errors.js";
import { abortable, createEmbeddingsClient, networkCause, statusOf } from "./openai-client.js";
import type { Embedder } from "./embedder.js";

export interface OpenAiEmbedderOptions {
  /** OpenAI-compatible API root, e.g. "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1". */
  baseUrl: string;
  model: string;
  /** Endpoints without auth (Ollama, vLLM) still need some key for the client; empty means "none". */
  apiKey?: string;
  /** Requested from the server (Matryoshka models); when unset, discovered by one probe request. */
  dimensions?: number;
  /** The vector length when already known (an index this model built): skips the probe, and is not sent to the server. */
  knownDimensions?: number;
  batchSize?: number;
  /** Retries after the first attempt, on 5xx, 429, timeouts and dropped connections. */
  maxRetries?: number;
  timeoutMs?: number;
  maxInputChars?: number;
}

const PROBE_TEXT = "上街信息";
/** Error codes meaning nothing listens there: retrying within seconds will not help, so fail fast. */
/**
 * Embedder for any OpenAI-compatible /embeddings endpoint (OpenAI, Ollama, vLLM, SiliconFlow...).
 * Async because, without configured `dimensions`, it embeds one probe text to learn the vector
 * length before returning; errors become AppErrors naming EMBEDDING_* variables.
 *
 * @example
 * const embedder = await createOpenAiEmbedder({ baseUrl: "http://127.0.0.1:11434/v1", model: "bge-m3" });
 * embedder.dimensions; // 1024
 */
export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<Embedder> {
  const batchSize = options.batchSize ?? 64;
  const maxRetries = options.maxRetries ?? 3;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const endpoint = { baseUrl: options.baseUrl, model: options.model, timeoutMs, maxRetries };

  // Every value explicit and env-derived client options nulled: the client must not pick up OPENAI_* variables.
  const client = createEmbeddingsClient({ baseUrl: options.baseUrl, model: options.model, apiKey: options.apiKey, dimensions: options.dimensions, batchSize, maxRetries, timeoutMs });

  const requestVectors = async (texts: string[], signal: AbortSignal | undefined): Promise<number[][]> => {
    let vectors: unknown;
    try {
      vectors = await abortable(client.embedDocuments(texts), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw describeEmbeddingFailure({ error, ...endpoint });
    }
    if (!Array.isArray(vectors) || vectors.length !== texts.length || !vectors.every(isNumberArray)) {
      throw new ModelError({ kind: "embedding", message: `向量模型服务 ${options.baseUrl} 返回的结果格式不对（${texts.length} 条输入）`,
        hint: "请确认 EMBEDDING_BASE_URL 指向 OpenAI 兼容的 /embeddings 接口",
      });
    }
    return vectors;
  };

  let dimensions = options.dimensions ?? options.knownDimensions;
  if (dimensions === undefined) {
    const [probe] = await requestVectors([PROBE_TEXT], undefined);
    dimensions = probe?.length ?? 0;
    if (dimensions === 0) {
      throw new ModelError({ kind: "embedding", message: `向量模型 ${options.model} 返回了空向量`, hint: "请检查 EMBEDDING_MODEL 是否为向量（embedding）模型" });
    }
  }
  const knownDimensions = dimensions;

  return {
    provider: "openai-compatible",
    model: options.model,
    dimensions: knownDimensions,
    maxBatchSize: batchSize,
    maxInputChars: options.maxInputChars ?? 2000,
    async embed({ texts, signal }) {
      signal?.throwIfAborted();
      // Blank texts get the zero vector locally: several servers reject empty input outright.
      const sent = texts.flatMap((text, index) => (text.trim() === "" ? [] : [{ text, index }]));
      const vectors: number[][] = texts.map(() => new Array<number>(knownDimensions).fill(0));
      if (sent.length === 0) return vectors;

      const received = await requestVectors(sent.map((item) => item.text), signal);
      received.forEach((vector, position) => {
        if (vector.length !== knownDimensions) {
          throw new ModelError({ kind: "embedding", message: `向量模型 ${options.model} 返回 ${vector.length} 维向量，预期 ${knownDimensions} 维`,
            hint: options.dimensions === undefined
              ? "服务端模型可能已更换，请重建索引"
              : `请删除 EMBEDDING_DIMENSIONS 或改为 ${vector.length}（该模型不支持指定维度时须删除）`,
          });
        }
        vectors[sent[position]!.index] = normalize(vector);
      });
      return vectors;
    },
  };
}

function normalize(vector: readonly number[]): number[] {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return vector.map((value) => (norm === 0 ? 0 : value / norm));
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === "number" && Number.isFinite(item));
}

function describeEmbeddingFailure(options: { error: unknown; baseUrl: string; model: string; timeoutMs: number; maxRetries: number }): ModelError {
  const { error, baseUrl, model } = options;
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const context = "embedding";
  const cause = error;

  if (status === 401 || status === 403) {
    return new ModelError({ kind: context, cause, message: `向量模型服务 ${baseUrl} 拒绝了 API 密钥（${detail}）`, hint: "请检查 EMBEDDING_API_KEY 是否正确" });
  }
  if (status === 404) {
    return new ModelError({ kind: context, cause,
      message: `向量模型服务 ${baseUrl} 找不到模型或接口（${detail}）`,
      hint: `请检查 EMBEDDING_MODEL（当前 ${model}）是否已部署，以及 EMBEDDING_BASE_URL 是否包含 /v1 之类的 API 路径`,
    });
  }
  if (status === 429) {
    return new ModelError({ kind: context, cause, message: `向量模型服务 ${baseUrl} 限流（${detail}），重试 ${options.maxRetries} 次后仍失败`, hint: "请稍后再试，或检查账户额度与速率限制" });
  }
  if (status !== undefined && status >= 500) {
    return new ModelError({ kind: context, cause, message: `向量模型服务 ${baseUrl} 出错（${detail}），重试 ${options.maxRetries} 次后仍失败`, hint: "请查看该服务的日志，稍后再试" });
  }
  if (status !== undefined) {
    return new ModelError({ kind: context, cause, message: `向量模型服务 ${baseUrl} 拒绝了请求（${detail}）`, hint: "请检查 EMBEDDING_MODEL 与 EMBEDDING_DIMENSIONS 是否受该服务支持" });
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return new ModelError({ kind: context, cause, message: `向量模型服务 ${baseUrl} 在 ${options.timeoutMs} 毫秒内没有响应`, hint: "请检查服务负载与网络，或确认 EMBEDDING_BASE_URL 指向正确的服务" });
  }
  const network = networkCause(error);
  return new ModelError({ kind: context, cause,
    message: `无法连接向量模型服务 ${baseUrl}：${network?.message ?? detail}`,
    hint: "请检查 EMBEDDING_BASE_URL 是否正确、服务是否已启动",
  });
}
