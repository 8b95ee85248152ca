/**
 * A chat completion model. Implementation: openai-chat-model.ts (any OpenAI-compatible endpoint).
 * Small on purpose, like the Embedder: a provider, a model id, one streaming call.
 */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatModel {
  readonly provider: string;
  readonly model: string;
  /** Streams the reply; resolves with the whole text. Rejects on error, timeout or abort. */
  complete(options: { messages: readonly ChatMessage[]; onToken?: (token: string) => void; signal?: AbortSignal }): Promise<string>;
}
