import type { Client } from "@larksuiteoapi/node-sdk";
import { AppError } from "../errors.js";
import type { Logger } from "../log.js";

/** What the platform accepts in one card or rich-text message request: 30 KB of body. */
export const MESSAGE_BODY_LIMIT_BYTES = 30 * 1024;

/** Where a message goes: a reply to a message (in its thread) or a new message in a chat. */
export type MessageTarget = { replyTo: string; replyInThread?: boolean } | { chatId: string };

export interface FeishuMessenger {
  /** Sends a card (JSON 2.0 object, or `{ type: "card", data: { card_id } }` for a card entity); resolves with the message id. */
  sendCard(options: { target: MessageTarget; card: object; uuid: string }): Promise<string>;
  /** Uploads the bytes as a file (file_type "stream" unless given, e.g. "doc" for Word) and sends it. */
  sendFile(options: { target: MessageTarget; bytes: Buffer; fileName: string; uuid: string; fileType?: "stream" | "doc" | "pdf" }): Promise<string>;
}

/** The request body of one message send, as the platform measures it. */
export function messageBodyBytes(options: { msgType: string; content: object; uuid: string; receiveId?: string }): number {
  return Buffer.byteLength(JSON.stringify({ receive_id: options.receiveId ?? "", msg_type: options.msgType, content: JSON.stringify(options.content), uuid: options.uuid, reply_in_thread: true }));
}

function statusOf(error: unknown): number | undefined {
  return (error as { response?: { status?: number } } | null)?.response?.status;
}

/** Network errors, 5xx and rate limits are worth another try; a 4xx answer is final. */
function retryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Message sends with an idempotency `uuid` on every create and reply, retried with backoff on
 * network errors, 5xx and 429 (safe because of the uuid), and a size check before anything is
 * sent. Replaces the Channel's own sender, which sends no uuid.
 */
export function createFeishuMessenger(options: { client: Client; logger: Logger; attempts?: number; baseDelayMs?: number }): FeishuMessenger {
  const { client, logger } = options;
  const attempts = options.attempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 300;

  async function withRetry<T>(what: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= attempts || !retryable(error)) throw error;
        logger.warn({ err: error, attempt, what }, "feishu request failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 3 ** (attempt - 1)));
      }
    }
  }

  async function send(target: MessageTarget, message: { msgType: string; content: object; uuid: string }): Promise<string> {
    const bytes = messageBodyBytes({ ...message, ...("chatId" in target ? { receiveId: target.chatId } : {}) });
    if (message.msgType !== "text" && bytes > MESSAGE_BODY_LIMIT_BYTES) {
      throw new AppError({ context: "feishu", message: `a ${message.msgType} message of ${bytes} bytes exceeds Feishu's 30 KB limit`, hint: "shorten the card (fitAnswer) before sending" });
    }
    const content = JSON.stringify(message.content);
    const response = await withRetry(`send ${message.msgType}`, () =>
      "replyTo" in target
        ? client.im.v1.message.reply({ path: { message_id: target.replyTo }, data: { msg_type: message.msgType, content, reply_in_thread: target.replyInThread ?? true, uuid: message.uuid } })
        : client.im.v1.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: target.chatId, msg_type: message.msgType, content, uuid: message.uuid } }),
    );
    const messageId = response.data?.message_id;
    if (!messageId) throw new AppError({ context: "feishu", message: `message send answered without a message_id (code ${String(response.code)})`, hint: "check the bot's permissions (im:message:send_as_bot)" });
    return messageId;
  }

  return {
    sendCard: ({ target, card, uuid }) => send(target, { msgType: "interactive", content: card, uuid }),
    sendFile: async ({ target, bytes, fileName, uuid, fileType = "stream" }) => {
      const uploaded = await withRetry("upload file", () => client.im.v1.file.create({ data: { file_type: fileType, file_name: fileName, file: bytes } }));
      const fileKey = uploaded?.file_key;
      if (!fileKey) throw new AppError({ context: "feishu", message: `uploading ${fileName} returned no file_key`, hint: "check the bot's im:resource permission" });
      return send(target, { msgType: "file", content: { file_key: fileKey }, uuid });
    },
  };
}
