import type { Config } from "../config.js";
import type { ChatModel } from "./chat-model.js";

/**
 * The configured LLM, or undefined when LLM_* is unset (answers are then extractive). The
 * client library is loaded only when a model is configured: it is the heaviest import there is.
 */
export async function createChatModel(config: Config): Promise<ChatModel | undefined> {
  if (!config.llm) return undefined;
  const { createOpenAiChatModel } = await import("./openai-chat-model.js");
  return createOpenAiChatModel(config.llm);
}
