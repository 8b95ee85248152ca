import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import * as lark from "@larksuiteoapi/node-sdk";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenCache, fakeAppId, fakeAppSecret, startFakeFeishu, type FakeFeishu } from "./fake-feishu-server.js";
import { cardActionEvent, messageEvent, postEvent } from "./feishu-events.js";
import { validateCardJsonV2 } from "./card-json-v2.js";
import { CARD_BODY_LIMIT_BYTES } from "./fake-feishu-routes.js";

const silentLogger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let fake: FakeFeishu;
beforeEach(async () => {
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await fake.close();
});

function createClient(options: { appId?: string; appSecret?: string } = {}): lark.Client {
  const credentials = { appId: options.appId ?? fakeAppId, appSecret: options.appSecret ?? fakeAppSecret };
  return new lark.Client({ ...credentials, domain: fake.domain, cache: createTokenCache(), logger: silentLogger });
}

describe("fake Feishu Open API with the real SDK client", () => {
  it("issues a tenant token once and records a created and a replied message", async () => {
    const client = createClient();
    const created = await client.im.v1.message.create({
      params: { receive_id_type: "chat_id" },
      data: { receive_id: "oc_chat", msg_type: "text", content: JSON.stringify({ text: "你好" }) },
    });
    const replied = await client.im.v1.message.reply({
      path: { message_id: "om_user_1" },
      data: { msg_type: "text", content: JSON.stringify({ text: "收到" }), reply_in_thread: true },
    });

    expect(fake.callsTo("POST", "/open-apis/auth/v3/tenant_access_token/internal")).toHaveLength(1);
    expect(fake.callsTo("POST", /^\/open-apis\/im\/v1\/messages/).map((call) => call.headers.authorization)).toEqual([
      `Bearer ${fake.tenantAccessToken}`,
      `Bearer ${fake.tenantAccessToken}`,
    ]);
    expect(fake.sentMessages()).toEqual([
      { via: "create", receiveId: "oc_chat", receiveIdType: "chat_id", msgType: "text", content: { text: "你好" }, replyInThread: false, messageId: created.data?.message_id, bodyBytes: expect.any(Number), updates: [] },
      { via: "reply", replyTo: "om_user_1", msgType: "text", content: { text: "收到" }, replyInThread: true, messageId: replied.data?.message_id, bodyBytes: expect.any(Number), updates: [] },
    ]);
  });

  it("answers the bot info the SDK channel asks for", async () => {
    const info = await createClient().request<{ code: number; bot: { open_id: string } }>({ method: "GET", url: "/open-apis/bot/v3/info" });
    expect(info.bot.open_id).toBe("ou_bot_fake");
  });

  it("records CardKit streaming and rejects a sequence that does not grow", async () => {
    const client = createClient();
    const card = { schema: "2.0", config: { streaming_mode: true }, body: { elements: [{ tag: "markdown", element_id: "answer", content: "" }] } };
    const created = await client.cardkit.v1.card.create({ data: { type: "card_json", data: JSON.stringify(card) } });
    const cardId = created.data?.card_id ?? "";
    await client.cardkit.v1.cardElement.content({ path: { card_id: cardId, element_id: "answer" }, data: { content: "区教育局", sequence: 1, uuid: "u1" } });
    await client.cardkit.v1.card.settings({ path: { card_id: cardId }, data: { settings: JSON.stringify({ config: { streaming_mode: false } }), sequence: 2, uuid: "u2" } });
    const stale = client.cardkit.v1.cardElement.content({ path: { card_id: cardId, element_id: "answer" }, data: { content: "x", sequence: 2, uuid: "u3" } });

    await expect(stale).rejects.toThrow();
    expect(fake.cards().get(cardId)).toMatchObject({ created: card, updates: [{ content: "区教育局", sequence: 1 }], settings: [{ config: { streaming_mode: false } }] });
    expect(fake.cards().get(cardId)!.current).toEqual({ schema: "2.0", config: { streaming_mode: false }, body: { elements: [{ tag: "markdown", element_id: "answer", content: "区教育局" }] } });
  });

  it("stores uploaded files and serves registered message resources", async () => {
    const client = createClient();
    const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x41]); // NUL, 0xFF, CRLF and "--" must survive multipart parsing
    const uploaded = await client.im.v1.file.create({ data: { file_type: "stream", file_name: "答复.bin", file: binary } });
    const downloaded = await client.im.v1.file.get({ path: { file_key: uploaded?.file_key ?? "" } });
    const downloadedChunks: Buffer[] = [];
    for await (const chunk of downloaded.getReadableStream()) downloadedChunks.push(chunk as Buffer);
    fake.addResource({ messageId: "om_user_2", fileKey: "file_v3_in", bytes: Buffer.from("%PDF-1.4"), fileName: "简报.pdf" });
    const resource = await client.im.v1.messageResource.get({ path: { message_id: "om_user_2", file_key: "file_v3_in" }, params: { type: "file" } });
    const chunks: Buffer[] = [];
    for await (const chunk of resource.getReadableStream()) chunks.push(chunk as Buffer);

    expect(fake.uploadedFiles()).toEqual([{ fileKey: uploaded?.file_key, fileName: "答复.bin", fileType: "stream", bytes: binary }]);
    expect(Buffer.concat(downloadedChunks)).toEqual(binary);
    expect(Buffer.concat(chunks).toString()).toBe("%PDF-1.4");
  });

  it("refuses empty uploads, and file messages whose file_key was never uploaded", async () => {
    const client = createClient();
    await expect(client.im.v1.file.create({ data: { file_type: "doc", file_name: "空.docx", file: Buffer.alloc(0) } })).rejects.toThrow();
    await expect(client.im.v1.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_x", msg_type: "file", content: JSON.stringify({ file_key: "file_v3_never" }) } })).rejects.toThrow();
    const uploaded = await client.im.v1.file.create({ data: { file_type: "doc", file_name: "汇编.docx", file: Buffer.from("PK") } });
    const sent = await client.im.v1.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_x", msg_type: "file", content: JSON.stringify({ file_key: uploaded?.file_key }) } });
    expect(sent.data?.message_id).toMatch(/^om_fake_/);
    expect(fake.sentMessages().map((message) => message.msgType)).toEqual(["file"]);
  });

  it("rejects wrong credentials, missing tokens and unknown paths with Feishu JSON errors", async () => {
    await expect(createClient({ appSecret: "wrong" }).im.v1.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc", msg_type: "text", content: "{}" } })).rejects.toThrow();
    const unauthorized = await fetch(`${fake.domain}/open-apis/im/v1/messages?receive_id_type=chat_id`, { method: "POST", body: "{}" });
    const unknown = await fetch(`${fake.domain}/open-apis/im/v1/nothing`, { headers: { authorization: `Bearer ${fake.tenantAccessToken}` } });

    expect(unauthorized.status).toBe(401);
    expect(((await unauthorized.json()) as { code: number }).code).toBe(99991663);
    expect(unknown.status).toBe(404);
    expect(fake.sentMessages()).toEqual([]);
  });

  it("times out waitFor with the recent calls in the message", async () => {
    await fetch(`${fake.domain}/open-apis/im/v1/nothing`);
    await expect(fake.waitFor(() => false, { timeoutMs: 50 })).rejects.toThrow(/401 GET \/open-apis\/im\/v1\/nothing/);
  });
});

describe("the platform's limits in the fake", () => {
  const card = (elements: object[]) => ({ schema: "2.0", config: { update_multi: true }, body: { elements } });

  it("sends one message for requests with the same uuid, and a new one for another uuid", async () => {
    const client = createClient();
    const send = (uuid: string) => client.im.v1.message.reply({ path: { message_id: "om_user_9" }, data: { msg_type: "text", content: JSON.stringify({ text: "收到" }), uuid } });
    const [first, again, other] = [await send("uuid-a"), await send("uuid-a"), await send("uuid-b")];
    expect(again.data?.message_id).toBe(first.data?.message_id);
    expect(other.data?.message_id).not.toBe(first.data?.message_id);
    expect(fake.sentMessages().map((message) => message.uuid)).toEqual(["uuid-a", "uuid-b"]);
  });

  it("refuses a card message over 30 KB of request body and accepts one just under", async () => {
    const client = createClient();
    const sized = (bytes: number) => card([{ tag: "markdown", content: "x".repeat(bytes) }]);
    const body = (content: object) => Buffer.byteLength(JSON.stringify({ receive_id: "oc_chat", msg_type: "interactive", content: JSON.stringify(content) }));
    const fitting = sized(CARD_BODY_LIMIT_BYTES - body(sized(0)));
    const create = (content: object) => client.im.v1.message.create({ params: { receive_id_type: "chat_id" }, data: { receive_id: "oc_chat", msg_type: "interactive", content: JSON.stringify(content) } });
    await create(fitting);
    await expect(create(sized(CARD_BODY_LIMIT_BYTES))).rejects.toThrow();
    expect(fake.sentMessages()).toHaveLength(1);
  });

  it("validates card JSON 2.0: an unknown attribute, a 1.0-only component and a wrong button type are refused", () => {
    const button = { tag: "button", text: { tag: "plain_text", content: "👍" }, type: "default", size: "small", behaviors: [{ type: "callback", value: { a: 1 } }] };
    expect(validateCardJsonV2(card([{ tag: "markdown", content: "ok", element_id: "answer" }, { tag: "hr" }, { tag: "column_set", flex_mode: "none", columns: [{ tag: "column", width: "auto", elements: [button] }] }]))).toBeUndefined();
    expect(validateCardJsonV2(card([{ tag: "markdown", content: "ok", text_colour: "red" }]))).toMatch(/text_colour is not a supported attribute/);
    expect(validateCardJsonV2(card([{ tag: "action", actions: [button] }]))).toMatch(/"action" is not a card JSON 2.0 component/);
    expect(validateCardJsonV2(card([{ ...button, type: "big" }]))).toMatch(/type must be one of/);
    expect(validateCardJsonV2({ ...card([]), elements: [] })).toMatch(/card.elements is not a supported attribute/);
  });

  it("refuses the 11th update of a card entity within a second, and a full update that reuses a sequence", async () => {
    const client = createClient();
    const created = await client.cardkit.v1.card.create({ data: { type: "card_json", data: JSON.stringify(card([{ tag: "markdown", element_id: "answer", content: "" }])) } });
    const cardId = created.data?.card_id ?? "";
    const results: boolean[] = [];
    for (let sequence = 1; sequence <= 11; sequence += 1) {
      results.push(await client.cardkit.v1.cardElement.content({ path: { card_id: cardId, element_id: "answer" }, data: { content: `第${sequence}段`, sequence } }).then(() => true, () => false));
    }
    const replace = client.cardkit.v1.card.update({ path: { card_id: cardId }, data: { card: { type: "card_json", data: JSON.stringify(card([{ tag: "markdown", content: "完" }])) }, sequence: 10 } });

    expect(results).toEqual([...Array(10).fill(true), false]);
    await expect(replace).rejects.toThrow();
    expect(fake.cards().get(cardId)!.current.body.elements[0].content).toBe("第10段");
  });

  it("answers a card callback over the long connection with error 200340 when the bot takes longer than 3 s", async () => {
    const dispatcher = new lark.EventDispatcher({ logger: silentLogger }).register({
      "card.action.trigger": async () => {
        await new Promise((resolve) => setTimeout(resolve, 3_200));
        return { toast: { type: "success", content: "太晚了" } };
      },
    });
    const wsClient = new lark.WSClient({ appId: fakeAppId, appSecret: fakeAppSecret, domain: fake.domain, logger: silentLogger });
    await wsClient.start({ eventDispatcher: dispatcher });
    try {
      await fake.waitFor((current) => current.gatewayConnections() === 1);
      const outcome = await fake.pushCallback(cardActionEvent({ messageId: "om_card", chatId: "oc_group", operatorOpenId: "ou_staff", value: { a: 1 } }));
      expect(outcome).toMatchObject({ ok: false, error: 200340 });
      // The fake gave up at its 3 s deadline, not earlier (Node timers may fire a fraction of a millisecond before the clock reads 3,000).
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(2_990);
    } finally {
      wsClient.close({ force: true });
    }
  });
});

describe("fake Feishu gateway with the real SDK WSClient", () => {
  it("delivers an event, gets it acknowledged, and accepts the client back after a drop", async () => {
    const received: { text: string; chatType: string }[] = [];
    const dispatcher = new lark.EventDispatcher({ logger: silentLogger }).register({
      "im.message.receive_v1": async (data) => {
        received.push({ text: JSON.parse(data.message.content).text, chatType: data.message.chat_type });
      },
    });
    const wsClient = new lark.WSClient({ appId: fakeAppId, appSecret: fakeAppSecret, domain: fake.domain, logger: silentLogger });
    await wsClient.start({ eventDispatcher: dispatcher });
    try {
      await fake.waitFor((current) => current.gatewayConnections() === 1);
      const first = await fake.pushEvent(messageEvent({ chatId: "oc_group", chatType: "group", senderOpenId: "ou_staff", text: "本周有什么安排", mentionBot: true }));

      fake.dropConnections();
      await fake.waitFor((current) => current.gatewayConnections() === 1, { timeoutMs: 10_000 });
      const second = await fake.pushEvent(messageEvent({ chatId: "oc_p2p", chatType: "p2p", senderOpenId: "ou_staff", text: "再问一次" }));

      expect(first).toEqual({ acked: true, ackPayload: { code: 200 } });
      expect(second.acked).toBe(true);
      expect(received).toEqual([
        { text: "@_user_1 本周有什么安排", chatType: "group" },
        { text: "再问一次", chatType: "p2p" },
      ]);
      expect(fake.callsTo("WS", "/ws/v2")).toHaveLength(2);
    } finally {
      wsClient.close({ force: true });
    }
  });
});

describe("webhook helpers against the SDK's express adapter", () => {
  it("delivers an encrypted, signed card action and ignores a forged signature", async () => {
    const encryptKey = "test-encrypt-key";
    const actions: unknown[] = [];
    const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken: "fake-verification-token", logger: silentLogger }).register({
      "card.action.trigger": async (data: { action: { value: unknown } }) => {
        actions.push(data.action.value);
        return {};
      },
    });
    const app = express();
    app.use(express.json());
    app.post("/feishu/events", lark.adaptExpress(dispatcher, { autoChallenge: true }));
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`;
    try {
      const envelope = cardActionEvent({ messageId: "om_card", chatId: "oc_group", operatorOpenId: "ou_staff", value: { feedback: "useful" } });
      const genuine = await postEvent({ url, envelope, encryptKey });
      const forged = await postEvent({ url, envelope, encryptKey, signature: "0".repeat(64) });

      expect(genuine.status).toBe(200);
      expect(forged.status).toBe(200);
      expect(actions).toEqual([{ feedback: "useful" }]);
    } finally {
      server.close();
    }
  });
});
