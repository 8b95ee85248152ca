import type { ChatMessage, ChatModel } from "./chat-model.js";

type CompleteOptions = Parameters<ChatModel["complete"]>[0];

export interface FakeChatModel extends ChatModel {
  /** Every call's messages, in call order. */
  readonly calls: ChatMessage[][];
}

function notImplemented(): never {
  throw new Error("fake chat model: complete is not implemented; pass `complete` or use replyWith()");
}

/**
 * A ChatModel that records calls and answers with `complete` (default: throws), for tests of code
 * built on the interface. Network behaviour is tested against test/fakes/fake-openai-server.ts instead.
 *
 * @example
 * const chatModel = createFakeChatModel({ complete: replyWith(["区教育局交流教师140余人次。[1]"]) });
 */
export function createFakeChatModel(options: { complete?: (options: CompleteOptions) => Promise<string>; model?: string } = {}): FakeChatModel {
  const calls: ChatMessage[][] = [];
  const complete = options.complete ?? notImplemented;
  return {
    provider: "fake",
    model: options.model ?? "fake-chat",
    calls,
    async complete(callOptions) {
      callOptions.signal?.throwIfAborted();
      calls.push([...callOptions.messages]);
      return complete(callOptions);
    },
  };
}

/** Answers successive calls with `replies` in turn, streaming each in two tokens; throws when they run out. */
export function replyWith(replies: readonly string[]): (options: CompleteOptions) => Promise<string> {
  let next = 0;
  return async ({ onToken }) => {
    const reply = replies[next];
    if (reply === undefined) throw new Error(`fake chat model: only ${replies.length} replies were given`);
    next += 1;
    const middle = Math.ceil(reply.length / 2);
    onToken?.(reply.slice(0, middle));
    onToken?.(reply.slice(middle));
    return reply;
  };
}
