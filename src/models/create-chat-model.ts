import type { Config } from "../config.js";
import type { ChatModel } from "./chat-model.js";
import { createOpenAiChatModel } from "./openai-chat-model.js";

/** The configured LLM, or undefined when LLM_* is unset (answers are then extractive). */
export function createChatModel(config: Config): ChatModel | undefined {
  return config.llm ? createOpenAiChatModel(config.llm) : undefined;
}
