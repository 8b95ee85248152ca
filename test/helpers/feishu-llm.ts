import { createOpenAiChatModel } from "../../src/models/openai-chat-model.js";
import type { ChatModel } from "../../src/models/chat-model.js";
import { sendServerSentEvents, startFakeOpenAiServer } from "../fakes/fake-openai-server.js";

/** One scripted model reply: `text` streamed in pieces of `pieceChars` characters, `delayMs` apart. */
export interface ScriptedReply {
  text: string;
  pieceChars: number;
  delayMs: number;
  /** Keeps the stream open after the first `afterCharacters` characters until `until` settles: a test acts while the answer streams. */
  hold?: { afterCharacters: number; until: Promise<unknown> };
}

/**
 * A chat model on the fake OpenAI server that streams the nth scripted reply to the nth request
 * (the last one again for later requests), for tests that need a slow or a fast token stream.
 */
export async function startScriptedChatModel(replies: readonly ScriptedReply[]): Promise<{ chatModel: ChatModel; requests(): number; close(): Promise<void> }> {
  const llm = await startFakeOpenAiServer({});
  let count = 0;
  llm.route("POST /v1/chat/completions", async ({ response }) => {
    const reply = replies[Math.min(count, replies.length - 1)]!;
    count += 1;
    const pieces = [...reply.text].reduce<string[]>((chunks, character, index) => {
      if (index % reply.pieceChars === 0) chunks.push(character);
      else chunks[chunks.length - 1] += character;
      return chunks;
    }, []);
    await sendServerSentEvents({
      response,
      delayMs: reply.delayMs,
      ...(reply.hold ? { hold: { index: Math.ceil(reply.hold.afterCharacters / reply.pieceChars), until: reply.hold.until } } : {}),
      events: pieces.map((piece) => ({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })),
    });
  });
  return {
    chatModel: createOpenAiChatModel({ baseUrl: llm.baseUrl, model: "m", apiKey: "k", timeoutMs: 30_000 }),
    requests: () => count,
    close: () => llm.close(),
  };
}

/** The largest number of timestamps that fall within any window of `windowMs`. */
export function maxPerWindow(timestamps: readonly number[], windowMs = 1_000): number {
  const sorted = [...timestamps].sort((left, right) => left - right);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
