/**
 * Every implementation of each pluggable type runs its type's contract suite (test/contracts/):
 * Tokenizer, Embedder and ChatModel here; VectorIndex in vector-index.test.ts.
 */
import { createFakeChatModel, replyWith } from "../src/models/fake-chat-model.js";
import { characterVectors, createFakeEmbedder } from "../src/models/fake-embedder.js";
import { createHashingEmbedder } from "../src/models/hashing-embedder.js";
import { createOpenAiChatModel } from "../src/models/openai-chat-model.js";
import { createOpenAiEmbedder } from "../src/models/openai-embedder.js";
import type { ChatMessage } from "../src/models/chat-model.js";
import { createBigramTokenizer } from "../src/text/bigram-tokenizer.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { testChatModel } from "./contracts/chat-model.js";
import { testEmbedder } from "./contracts/embedder.js";
import { testTokenizer } from "./contracts/tokenizer.js";
import { createEmbeddingsHandler, fakeVectorFor, sendServerSentEvents, startFakeOpenAiServer } from "./fakes/fake-openai-server.js";

testTokenizer({ name: "jieba", create: () => createJiebaTokenizer() });
testTokenizer({ name: "bigram", create: () => createBigramTokenizer() });

testEmbedder({ name: "hashing", create: async () => ({ embedder: createHashingEmbedder({ tokenizer: createJiebaTokenizer() }) }) });
testEmbedder({
  name: "openai-compatible against the fake server",
  create: async () => {
    const server = await startFakeOpenAiServer();
    // Unit vectors, as real endpoints return them; the fake's default vectors are not normalised.
    server.route("POST /v1/embeddings", createEmbeddingsHandler({
      vectorFor: (text, dimensions) => {
        const vector = fakeVectorFor({ text, dimensions });
        const length = Math.hypot(...vector);
        return vector.map((value) => value / length);
      },
    }));
    const embedder = await createOpenAiEmbedder({ baseUrl: server.baseUrl, model: "fake-embed", maxRetries: 0, timeoutMs: 5000 });
    return { embedder, close: () => server.close() };
  },
});
testEmbedder({ name: "fake", create: async () => ({ embedder: createFakeEmbedder({ dimensions: 16, embed: characterVectors(16), maxBatchSize: 2 }) }) });

testChatModel({
  name: "openai-compatible against the fake server",
  create: async () => {
    const server = await startFakeOpenAiServer();
    const chatModel = createOpenAiChatModel({ baseUrl: server.baseUrl, model: "fake-chat", timeoutMs: 5000, maxRetries: 0 });
    return {
      chatModel,
      reply: (text) =>
        server.route("POST /v1/chat/completions", ({ response }) =>
          sendServerSentEvents({ response, events: (text.match(/.{1,4}/gsu) ?? []).map((content) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })) }),
        ),
      lastMessages: () => (server.requestsTo("POST /v1/chat/completions").at(-1)?.body as { messages: ChatMessage[] }).messages,
      close: () => server.close(),
    };
  },
});
testChatModel({
  name: "fake",
  create: async () => {
    let replies: string[] = [];
    const chatModel = createFakeChatModel({ complete: async (options) => replyWith(replies)(options) });
    return {
      chatModel,
      reply: (text) => (replies = [text]),
      lastMessages: () => chatModel.calls.at(-1) ?? [],
    };
  },
});
