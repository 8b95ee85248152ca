import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { ModelError } from "../errors.js";
import type { ChatMessage, ChatModel } from "./chat-model.js";
import { abortable, createChatClient, networkCause, statusOf } from "./openai-client.js";

export interface OpenAiChatModelOptions {
  /** OpenAI-compatible API root, e.g. "https://api.deepseek.com/v1" or "http://127.0.0.1:11434/v1". */
  baseUrl: string;
  model: string;
  /** Endpoints without auth (Ollama, vLLM) still need some key for the client; empty means "none". */
  apiKey?: string;
  /** Overall deadline of one `complete` call, from request to last token. */
  timeoutMs: number;
  /** Retries after the first attempt, on 5xx, 429 and dropped connections; never on the deadline. */
  maxRetries?: number;
  temperature?: number;
}

const CONTEXT = "llm";
/** Error codes meaning nothing listens there: retrying within seconds will not help, so fail fast. */
/** Marks our own deadline among abort reasons, so it is told apart from the caller's abort. */
class DeadlineReached extends Error {}

/**
 * ChatModel for any OpenAI-compatible /chat/completions endpoint (DeepSeek, Qwen, vLLM, Ollama...).
 * Always streams; `timeoutMs` bounds the whole call and is not retried, because the caller
 * falls back to an extractive answer instead. Errors become AppErrors naming LLM_* variables.
 *
 * @example
 * const chatModel = createOpenAiChatModel({ baseUrl: "http://127.0.0.1:11434/v1", model: "qwen2.5:7b", timeoutMs: 60_000 });
 * const text = await chatModel.complete({ messages: [{ role: "user", content: "你好" }], onToken: (token) => process.stdout.write(token) });
 */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const { baseUrl, model, timeoutMs } = options;
  const maxRetries = options.maxRetries ?? 1;

  // Every value explicit and env-derived client options nulled: the client must not pick up OPENAI_* variables.
  const client = createChatClient({ baseUrl, model, apiKey: options.apiKey, temperature: options.temperature ?? 0.2, maxRetries });

  return {
    provider: "openai-compatible",
    model,
    async complete({ messages, onToken, signal }) {
      signal?.throwIfAborted();
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new DeadlineReached()), timeoutMs);
      const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      let iterator: AsyncIterator<{ text: string }> | undefined;
      try {
        const stream = await abortable(client.stream(messages.map(toLangChainMessage), { signal: combined }), combined);
        iterator = stream[Symbol.asyncIterator]();
        const parts: string[] = [];
        for (;;) {
          const next = await abortable(iterator.next(), combined);
          if (next.done) break;
          const token = next.value.text;
          if (!token) continue;
          parts.push(token);
          onToken?.(token);
        }
        // The library ends the stream quietly when aborted mid-way; a cut-off reply must not pass as whole.
        combined.throwIfAborted();
        return parts.join("");
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (deadline.signal.aborted) {
          throw new ModelError({ kind: CONTEXT, cause: error,
            message: `大模型服务 ${baseUrl} 在 ${timeoutMs} ms 内没有回答`,
            hint: "请检查 LLM_BASE_URL / LLM_MODEL，或调大 LLM_TIMEOUT_MS",
          });
        }
        throw describeChatFailure({ error, baseUrl, model, maxRetries });
      } finally {
        clearTimeout(timer);
        // Closes the HTTP stream when we stop early; its own outcome no longer matters.
        iterator?.return?.().catch(() => undefined);
      }
    },
  };
}

function toLangChainMessage(message: ChatMessage): BaseMessage {
  if (message.role === "system") return new SystemMessage(message.content);
  if (message.role === "assistant") return new AIMessage(message.content);
  return new HumanMessage(message.content);
}

function describeChatFailure(options: { error: unknown; baseUrl: string; model: string; maxRetries: number }): ModelError {
  const { error, baseUrl, model } = options;
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const context = CONTEXT;
  const cause = error;

  if (status === 401 || status === 403) {
    return new ModelError({ kind: context, cause, message: `大模型服务 ${baseUrl} 拒绝了 API 密钥（${detail}）`, hint: "请检查 LLM_API_KEY 是否正确" });
  }
  if (status === 404) {
    return new ModelError({ kind: context, cause,
      message: `大模型服务 ${baseUrl} 找不到模型或接口（${detail}）`,
      hint: `请检查 LLM_MODEL（当前 ${model}）是否已部署，以及 LLM_BASE_URL 是否包含 /v1 之类的 API 路径`,
    });
  }
  if (status === 429) {
    return new ModelError({ kind: context, cause, message: `大模型服务 ${baseUrl} 限流（${detail}），重试 ${options.maxRetries} 次后仍失败`, hint: "请稍后再试，或检查账户额度与速率限制" });
  }
  if (status !== undefined && status >= 500) {
    return new ModelError({ kind: context, cause, message: `大模型服务 ${baseUrl} 出错（${detail}），重试 ${options.maxRetries} 次后仍失败`, hint: "请查看该服务的日志，稍后再试" });
  }
  if (status !== undefined) {
    return new ModelError({ kind: context, cause, message: `大模型服务 ${baseUrl} 拒绝了请求（${detail}）`, hint: `请检查 LLM_MODEL（当前 ${model}）是否为对话模型、是否受该服务支持` });
  }
  const network = networkCause(error);
  return new ModelError({ kind: context, cause,
    message: `无法连接大模型服务 ${baseUrl}：${network?.message ?? detail}`,
    hint: "请检查 LLM_BASE_URL 是否正确、服务是否已启动",
  });
}
