/** One turn of a conversation with a chat model. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * A chat completion model: a provider, a model id, one streaming call. Small on purpose, like the
 * Embedder. Implementations: openai-chat-model.ts (any OpenAI-compatible endpoint) and
 * fake-chat-model.ts (records calls, for tests).
 */
export interface ChatModel {
  readonly provider: string;
  readonly model: string;
  /** Streams the reply; resolves with the whole text. Rejects on error, timeout or abort. */
  complete(options: { messages: readonly ChatMessage[]; onToken?: (token: string) => void; signal?: AbortSignal }): Promise<string>;
}
