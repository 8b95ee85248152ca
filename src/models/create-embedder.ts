import type { Config } from "../config.js";
import type { Embedder } from "./embedder.js";
import { createHashingEmbedder } from "./hashing-embedder.js";
import type { Tokenizer } from "../text/tokenizer.js";

/**
 * The configured embedder: an OpenAI-compatible endpoint when EMBEDDING_* is set, else the offline hashing embedder.
 * `knownDimensions` (from an existing index of the same model) saves the probe request, so a server starts while the endpoint is down.
 */
export async function createEmbedder(options: { config: Config; tokenizer: Tokenizer; knownDimensions?: number | undefined }): Promise<Embedder> {
  const embedding = options.config.embedding;
  if (!embedding) return createHashingEmbedder({ tokenizer: options.tokenizer });
  // The client library loads only when an endpoint is configured.
  const { createOpenAiEmbedder } = await import("./openai-embedder.js");
  return createOpenAiEmbedder({
    baseUrl: embedding.baseUrl, model: embedding.model, apiKey: embedding.apiKey, dimensions: embedding.dimensions,
    ...(options.knownDimensions !== undefined ? { knownDimensions: options.knownDimensions } : {}),
  });
}

/**
 * The embedder for questions: the same model as `embedder`, but a person is waiting, so one retry
 * and EMBEDDING_QUERY_TIMEOUT_MS instead of the patient batch settings used for indexing.
 */
export async function createQueryEmbedder(options: { config: Config; embedder: Embedder }): Promise<Embedder> {
  const embedding = options.config.embedding;
  if (!embedding || options.embedder.provider !== "openai-compatible") return options.embedder;
  const { createOpenAiEmbedder } = await import("./openai-embedder.js");
  return createOpenAiEmbedder({
    baseUrl: embedding.baseUrl, model: embedding.model, apiKey: embedding.apiKey, dimensions: embedding.dimensions,
    knownDimensions: options.embedder.dimensions, timeoutMs: embedding.queryTimeoutMs, maxRetries: 1,
  });
}
