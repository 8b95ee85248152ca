import { createCipheriv, createHash, randomBytes, randomUUID } from "node:crypto";

/**
 * Builders for events exactly as Feishu delivers them: schema 2.0 envelopes (for the
 * long-connection gateway or a webhook) and the encrypted, signed webhook request.
 *
 * @example
 * const envelope = messageEvent({ chatId: "oc_1", chatType: "group", senderOpenId: "ou_1", text: "教育局做了什么", mentionBot: true });
 * await fake.pushEvent(envelope);                                   // long connection
 * await postEvent({ url, envelope, encryptKey: "test-encrypt-key" }); // webhook
 */

export const fakeVerificationToken = "fake-verification-token";
export const fakeTenantKey = "fake_tenant";
const defaultAppId = "cli_0123456789abcdef";
const defaultBotOpenId = "ou_bot_fake";

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

function header(options: { eventType: string; eventId?: string; createTime: number; token?: string; appId?: string }): object {
  return {
    event_id: options.eventId ?? randomHex(16),
    event_type: options.eventType,
    create_time: String(options.createTime),
    token: options.token ?? fakeVerificationToken,
    app_id: options.appId ?? defaultAppId,
    tenant_key: fakeTenantKey,
  };
}

function userIds(openId: string): { open_id: string; union_id: string; user_id: string } {
  return { open_id: openId, union_id: openId.replace(/^ou_/, "on_"), user_id: openId.replace(/^ou_/, "u_") };
}

export interface MessageEventOptions {
  chatId: string;
  chatType: "p2p" | "group";
  senderOpenId: string;
  text?: string;
  /** Prefixes the text with "@_user_1 " and lists the bot (default ou_bot_fake) in `mentions`. */
  mentionBot?: boolean | { botOpenId: string };
  /** Prefixes the text with "@_all "; like Feishu, `mentions` does not list @all. */
  mentionAll?: boolean;
  /** Makes it a file message; `text` and mentions are then ignored. */
  file?: { fileKey: string; fileName: string };
  /** Image, sticker and audio messages; `text` and mentions are then ignored. */
  image?: { imageKey: string };
  sticker?: { fileKey: string };
  audio?: { fileKey: string; durationMs: number };
  /**
   * Makes it a rich-text (post) message, as clients send formatted or pasted text: `text` is then
   * ignored. With `mentionBot` the first paragraph starts with an `at` element whose user_id is the
   * placeholder "@_user_1"; `mentionName: false` leaves its user_name empty, as Feishu sometimes does.
   */
  post?: { title?: string; paragraphs: object[][]; mentionName?: boolean };
  messageId?: string;
  rootId?: string;
  threadId?: string;
  eventId?: string;
  /** Milliseconds since the epoch; default now (the SDK drops messages older than 30 minutes). */
  createTime?: number;
  token?: string;
  appId?: string;
}

function postContent(options: { post: NonNullable<MessageEventOptions["post"]>; mentionBot: boolean }): object {
  const { post } = options;
  const at = { tag: "at", user_id: "@_user_1", user_name: post.mentionName === false ? "" : "上街信息助手", style: [] };
  const paragraphs = post.paragraphs.map((paragraph, index) => (index === 0 && options.mentionBot ? [at, ...paragraph] : paragraph));
  if (paragraphs.length === 0 && options.mentionBot) paragraphs.push([at]);
  return { title: post.title ?? "", content: paragraphs };
}

/** An im.message.receive_v1 envelope (schema 2.0). */
export function messageEvent(options: MessageEventOptions): object {
  const createTime = options.createTime ?? Date.now();
  const botOpenId = typeof options.mentionBot === "object" ? options.mentionBot.botOpenId : defaultBotOpenId;
  let text = options.text ?? "";
  const mentions: object[] = [];
  if (options.mentionBot) {
    text = `@_user_1 ${text}`;
    mentions.push({ key: "@_user_1", id: userIds(botOpenId), name: "上街信息助手", tenant_key: fakeTenantKey });
  }
  if (options.mentionAll) text = `@_all ${text}`;
  const body = options.file
    ? { message_type: "file", content: JSON.stringify({ file_key: options.file.fileKey, file_name: options.file.fileName }) }
    : options.image
      ? { message_type: "image", content: JSON.stringify({ image_key: options.image.imageKey }) }
      : options.sticker
        ? { message_type: "sticker", content: JSON.stringify({ file_key: options.sticker.fileKey }) }
        : options.audio
          ? { message_type: "audio", content: JSON.stringify({ file_key: options.audio.fileKey, duration: options.audio.durationMs }) }
          : options.post
            ? { message_type: "post", content: JSON.stringify(postContent({ post: options.post, mentionBot: Boolean(options.mentionBot) })), ...(mentions.length > 0 ? { mentions } : {}) }
            : { message_type: "text", content: JSON.stringify({ text }), ...(mentions.length > 0 ? { mentions } : {}) };
  return {
    schema: "2.0",
    header: header({ eventType: "im.message.receive_v1", eventId: options.eventId, createTime, token: options.token, appId: options.appId }),
    event: {
      sender: { sender_id: userIds(options.senderOpenId), sender_type: "user", tenant_key: fakeTenantKey },
      message: {
        message_id: options.messageId ?? `om_${randomHex(16)}`,
        // Feishu sets root_id/parent_id only on replies; a thread reply's parent is its root here.
        ...(options.rootId ? { root_id: options.rootId, parent_id: options.rootId } : {}),
        ...(options.threadId ? { thread_id: options.threadId } : {}),
        create_time: String(createTime),
        update_time: String(createTime),
        chat_id: options.chatId,
        chat_type: options.chatType,
        ...body,
      },
    },
  };
}

/** A card.action.trigger envelope, as sent when a user clicks a callback button on a card. */
export function cardActionEvent(options: { messageId: string; chatId: string; operatorOpenId: string; value: Record<string, unknown>; token?: string; eventId?: string }): object {
  return {
    schema: "2.0",
    header: header({ eventType: "card.action.trigger", eventId: options.eventId, createTime: Date.now(), token: options.token }),
    event: {
      operator: { tenant_key: fakeTenantKey, ...userIds(options.operatorOpenId) },
      // The card's update token (valid 30 minutes), distinct from the verification token.
      token: `c-${randomHex(16)}`,
      action: { value: options.value, tag: "button" },
      host: "im_message",
      context: { open_message_id: options.messageId, open_chat_id: options.chatId },
    },
  };
}

/** The compact JSON body {"encrypt":"..."}: base64(iv ‖ AES-256-CBC(sha256(encryptKey), iv, JSON)). */
export function encryptEvent(options: { envelope: object; encryptKey: string }): string {
  const key = createHash("sha256").update(options.encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const encrypted = Buffer.concat([iv, cipher.update(JSON.stringify(options.envelope), "utf8"), cipher.final()]);
  return JSON.stringify({ encrypt: encrypted.toString("base64") });
}

/** Headers Feishu sends with a webhook request; the signature covers the exact body string. */
export function signRequest(options: { body: string; encryptKey: string; timestamp?: number; nonce?: string }): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomUUID();
  const signature = createHash("sha256").update(timestamp + nonce + options.encryptKey + options.body).digest("hex");
  return {
    "content-type": "application/json; charset=utf-8",
    "x-lark-request-timestamp": timestamp,
    "x-lark-request-nonce": nonce,
    "x-lark-signature": signature,
  };
}

/** Encrypts, signs and POSTs an envelope to a webhook URL; `signature` overrides the real one for forgery tests. */
export async function postEvent(options: { url: string; envelope: object; encryptKey: string; timestamp?: number; nonce?: string; signature?: string }): Promise<{ status: number; body: string; elapsedMs: number }> {
  const body = encryptEvent({ envelope: options.envelope, encryptKey: options.encryptKey });
  const headers = signRequest({ body, encryptKey: options.encryptKey, timestamp: options.timestamp, nonce: options.nonce });
  if (options.signature !== undefined) headers["x-lark-signature"] = options.signature;
  const started = performance.now();
  const response = await fetch(options.url, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: performance.now() - started };
}
