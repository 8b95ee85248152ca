import type { Config } from "../config.js";
import type { Embedder } from "./embedder.js";
import { createHashingEmbedder } from "./hashing-embedder.js";
import { createOpenAiEmbedder } from "./openai-embedder.js";
import type { Tokenizer } from "./tokenizer.js";

/** The configured embedder: an OpenAI-compatible endpoint when EMBEDDING_* is set, else the offline hashing embedder. */
export async function createEmbedder(options: { config: Config; tokenizer: Tokenizer }): Promise<Embedder> {
  const embedding = options.config.embedding;
  if (!embedding) return createHashingEmbedder({ tokenizer: options.tokenizer });
  return createOpenAiEmbedder({ baseUrl: embedding.baseUrl, model: embedding.model, apiKey: embedding.apiKey, dimensions: embedding.dimensions });
}
