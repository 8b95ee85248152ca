import type { NormalizedMessage } from "@larksuiteoapi/node-sdk";

/** What a staff member sent, reduced to what the bot acts on. */
export type IncomingContent =
  | { kind: "text"; text: string }
  | { kind: "file"; fileKey: string; fileName: string | undefined }
  | { kind: "image" | "sticker" | "audio" | "video" }
  | { kind: "other"; messageType: string };

type PostElement = { tag?: unknown; text?: unknown; href?: unknown; user_id?: unknown; user_name?: unknown };
type MessageMention = NormalizedMessage["mentions"][number];

const LOCALES = ["zh_cn", "en_us", "ja_jp", "zh_hk", "zh_tw"];

function parse(content: unknown): Record<string, unknown> | undefined {
  if (typeof content !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(content);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A mention placeholder ("@_user_1") as the question reads it: the bot's own disappears, a person's becomes "@name". */
function mentionText(options: { key: string; mentions: readonly MessageMention[]; fallbackName?: string }): string {
  if (options.key === "@_all" || options.key === "all") return "";
  const mention = options.mentions.find((candidate) => candidate.key === options.key);
  if (!mention) return options.key.startsWith("@_user_") ? "" : options.fallbackName ? `@${options.fallbackName}` : "";
  if (mention.isBot) return "";
  const name = mention.name || options.fallbackName;
  return name ? `@${name}` : "";
}

/** Text of a `text` message without mention placeholders. */
function textMessage(options: { raw: Record<string, unknown>; mentions: readonly MessageMention[] }): string {
  const text = typeof options.raw.text === "string" ? options.raw.text : "";
  return text.replace(/@_(?:user_\d+|all)/g, (key) => mentionText({ key, mentions: options.mentions }));
}

function postElementText(element: PostElement, mentions: readonly MessageMention[]): string {
  const text = typeof element.text === "string" ? element.text : "";
  switch (element.tag) {
    case "text":
    case "code_block":
      return text;
    case "a": {
      const href = typeof element.href === "string" ? element.href : "";
      if (!href || text === href) return href || text;
      return text ? `${text}（${href}）` : href;
    }
    case "at":
      return mentionText({ key: String(element.user_id ?? ""), mentions, ...(typeof element.user_name === "string" && element.user_name ? { fallbackName: element.user_name } : {}) });
    default:
      return "";
  }
}

/** Title and paragraphs of a `post` (rich text) message, one line each, links kept as "text（url）". */
function postMessage(options: { raw: Record<string, unknown>; mentions: readonly MessageMention[] }): string {
  let body = options.raw;
  if (!Array.isArray(body.content)) {
    const localized = LOCALES.map((locale) => body[locale]).find((value): value is Record<string, unknown> => typeof value === "object" && value !== null);
    if (localized) body = localized;
  }
  const lines: string[] = [];
  if (typeof body.title === "string" && body.title.trim()) lines.push(body.title.trim());
  for (const paragraph of Array.isArray(body.content) ? body.content : []) {
    if (!Array.isArray(paragraph)) continue;
    lines.push(paragraph.map((element: PostElement) => postElementText(element ?? {}, options.mentions)).join(""));
  }
  return lines.join("\n");
}

function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u3000]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * Reads a message of any kind a Feishu client sends. `text` and `post` become question text
 * (mention placeholders removed, the paragraphs of a post joined line by line, links kept);
 * files, images, stickers, audio and video are told apart so each gets a fitting reply.
 */
export function readIncoming(message: NormalizedMessage): IncomingContent {
  const rawMessage = (message.raw as { message?: { content?: unknown; message_type?: unknown } } | undefined)?.message;
  const raw = parse(rawMessage?.content);
  const type = message.rawContentType;
  if (type === "text" || type === "post") {
    const text = raw ? tidy(type === "text" ? textMessage({ raw, mentions: message.mentions }) : postMessage({ raw, mentions: message.mentions })) : tidy(message.content);
    if (text === "" && message.resources.some((resource) => resource.type === "image")) return { kind: "image" };
    return { kind: "text", text };
  }
  const file = message.resources.find((resource) => resource.type === "file");
  if (type === "file" && file) return { kind: "file", fileKey: file.fileKey, fileName: file.fileName };
  if (type === "image" || type === "sticker" || type === "audio") return { kind: type };
  if (type === "media" || type === "video") return { kind: "video" };
  return { kind: "other", messageType: type };
}
