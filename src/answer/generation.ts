import type { Logger } from "../log.js";
import type { ChatModel } from "../models/chat-model.js";

/** An LLM to write the answer; on its failure or timeout the extractive answer is used and the reason logged. */
export interface Generation {
  chatModel: ChatModel;
  logger: Logger;
  /** Receives the answer while the model writes it (a fact answer: only its grounded sentences); the final answer supersedes it. */
  onToken?: (token: string) => void;
  /** Aborts the model's request, e.g. when the person who asked has left; the answer then rejects with the reason. */
  signal?: AbortSignal;
}
