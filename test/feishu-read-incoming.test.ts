import type { NormalizedMessage } from "@larksuiteoapi/node-sdk";
import { describe, expect, it } from "vitest";
import { readIncoming } from "../src/feishu/read-incoming.js";

const bot = { key: "@_user_1", openId: "ou_bot_fake", name: "上街信息助手", isBot: true };
const colleague = { key: "@_user_2", openId: "ou_colleague", name: "王芳", isBot: false };

function message(options: { type: string; content: object; mentions?: NormalizedMessage["mentions"]; resources?: NormalizedMessage["resources"] }): NormalizedMessage {
  const content = JSON.stringify(options.content);
  return {
    messageId: "om_1",
    chatId: "oc_1",
    chatType: "group",
    senderId: "ou_staff",
    content: "(the SDK's conversion, not used)",
    rawContentType: options.type,
    resources: options.resources ?? [],
    mentions: options.mentions ?? [],
    mentionAll: false,
    mentionedBot: true,
    createTime: Date.now(),
    raw: { message: { message_type: options.type, content } },
  };
}

describe("readIncoming", () => {
  it("drops the bot's mention from a text message and names a colleague's", () => {
    expect(readIncoming(message({ type: "text", content: { text: "@_user_1 @_user_2 说的 /latest" }, mentions: [bot, colleague] }))).toEqual({ kind: "text", text: "@王芳 说的 /latest" });
  });

  it("reads a post: title, paragraphs line by line, links kept, placeholders without user_name dropped", () => {
    const post = {
      title: "请教",
      content: [
        [{ tag: "at", user_id: "@_user_1", user_name: "" }, { tag: "text", text: " 区农委春耕" }],
        [{ tag: "text", text: "落实了多少亩", style: ["bold"] }, { tag: "a", text: "通知", href: "https://example.com/n" }, { tag: "emotion", emoji_type: "SMILE" }],
        [{ tag: "a", href: "https://example.com/only" }],
      ],
    };
    expect(readIncoming(message({ type: "post", content: post, mentions: [bot] }))).toEqual({ kind: "text", text: "请教\n区农委春耕\n落实了多少亩通知（https://example.com/n）\nhttps://example.com/only" });
  });

  it("reads a post wrapped in a locale, and one that only holds an image as an image", () => {
    expect(readIncoming(message({ type: "post", content: { zh_cn: { title: "", content: [[{ tag: "text", text: "/units" }]] } } }))).toEqual({ kind: "text", text: "/units" });
    expect(readIncoming(message({ type: "post", content: { title: "", content: [[{ tag: "img", image_key: "img_1" }]] }, resources: [{ type: "image", fileKey: "img_1" }] }))).toEqual({ kind: "image" });
  });

  it("tells files, images, stickers, audio and video apart", () => {
    expect(readIncoming(message({ type: "file", content: { file_key: "f1", file_name: "2026-15.md" }, resources: [{ type: "file", fileKey: "f1", fileName: "2026-15.md" }] }))).toEqual({ kind: "file", fileKey: "f1", fileName: "2026-15.md" });
    expect(readIncoming(message({ type: "image", content: { image_key: "i1" } }))).toEqual({ kind: "image" });
    expect(readIncoming(message({ type: "sticker", content: { file_key: "s1" } }))).toEqual({ kind: "sticker" });
    expect(readIncoming(message({ type: "audio", content: { file_key: "a1" } }))).toEqual({ kind: "audio" });
    expect(readIncoming(message({ type: "media", content: { file_key: "v1" } }))).toEqual({ kind: "video" });
    expect(readIncoming(message({ type: "share_chat", content: { chat_id: "oc_2" } }))).toEqual({ kind: "other", messageType: "share_chat" });
  });
});
