import { describe, expect, it } from "vitest";
import type { ChatMessage, ChatModel } from "../../src/models/chat-model.js";

/** A chat model under test whose next reply the suite sets, and whose received messages it can read. */
export interface ScriptedChatModel {
  chatModel: ChatModel;
  /** The reply to the next call, streamed in several tokens. */
  reply(text: string): void;
  /** The messages of the last call as the model received them. */
  lastMessages(): ChatMessage[];
  close?: () => Promise<void>;
}

/**
 * Behaviour every ChatModel must share. Call from a *.test.ts file:
 * testChatModel({ name: "openai-compatible", create: async () => ({ chatModel, reply, lastMessages, close }) }).
 */
export function testChatModel(options: { name: string; create: () => Promise<ScriptedChatModel> }): void {
  const use = async (run: (scripted: ScriptedChatModel) => Promise<void>) => {
    const scripted = await options.create();
    try {
      await run(scripted);
    } finally {
      await scripted.close?.();
    }
  };
  const messages: ChatMessage[] = [
    { role: "system", content: "只依据编号条目回答，每句标注 [n]。" },
    { role: "user", content: "条目 1：注册志愿者增至4.9万人。\n问题：有多少注册志愿者？" },
  ];

  describe(`ChatModel contract: ${options.name}`, () => {
    it("names its provider and model", async () => {
      await use(async ({ chatModel }) => {
        expect(chatModel.provider).toMatch(/\S/);
        expect(chatModel.model).toMatch(/\S/);
      });
    });

    it("receives the messages in order and resolves with the whole reply", async () => {
      await use(async ({ chatModel, reply, lastMessages }) => {
        reply("注册志愿者有4.9万人。[1]");
        expect(await chatModel.complete({ messages })).toBe("注册志愿者有4.9万人。[1]");
        expect(lastMessages()).toEqual(messages);
      });
    });

    it("streams tokens that add up to the reply", async () => {
      await use(async ({ chatModel, reply }) => {
        reply("区教育局交流教师140余人次。[1]");
        const tokens: string[] = [];
        const whole = await chatModel.complete({ messages, onToken: (token) => tokens.push(token) });
        expect(tokens.length).toBeGreaterThan(1);
        expect(tokens.join("")).toBe(whole);
      });
    });

    it("rejects when the caller has already given up", async () => {
      await use(async ({ chatModel, reply }) => {
        reply("不会被读到。");
        const controller = new AbortController();
        controller.abort(new Error("the person left"));
        await expect(chatModel.complete({ messages, signal: controller.signal })).rejects.toThrow();
      });
    });
  });
}
