import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookHandler } from "../src/feishu/webhook-handler.js";
import { createLogger } from "../src/log.js";
import { encryptEvent, fakeVerificationToken, messageEvent, signRequest } from "./fakes/feishu-events.js";
import { forgeFirstBlock } from "./helpers/forged-events.js";

const KEY = "unit-encrypt-key";

interface Running {
  url: string;
  dispatched: Record<string, unknown>[];
  /** Resolves with the next event handed to dispatch. */
  nextDispatch(): Promise<Record<string, unknown>>;
  server: Server;
}

let running: Running | undefined;
afterEach(async () => {
  await new Promise((resolve) => running?.server.close(resolve) ?? resolve(undefined));
  running = undefined;
});

async function start(options: { verificationToken?: string | undefined; dispatch?: (event: Record<string, unknown>) => Promise<unknown> } = {}): Promise<Running> {
  const dispatched: Record<string, unknown>[] = [];
  let waiters: ((event: Record<string, unknown>) => void)[] = [];
  const handler = createWebhookHandler({
    encryptKey: KEY,
    verificationToken: "verificationToken" in options ? options.verificationToken : fakeVerificationToken,
    logger: createLogger({ level: "silent" }),
    dispatch: (event) => {
      dispatched.push(event);
      for (const waiter of waiters) waiter(event);
      waiters = [];
      return options.dispatch ? options.dispatch(event) : Promise.resolve();
    },
  });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`;
  running = { url, dispatched, server, nextDispatch: () => new Promise((resolve) => waiters.push(resolve)) };
  return running;
}

/** Encrypts any plaintext (not only JSON objects) the way Feishu does. */
function encryptPlain(plain: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", createHash("sha256").update(KEY).digest(), iv);
  return JSON.stringify({ encrypt: Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64") });
}

async function post(url: string, body: string, options: { signed?: boolean; headers?: Record<string, string> } = {}) {
  const headers = options.signed === false ? { "content-type": "application/json" } : signRequest({ body, encryptKey: KEY });
  const response = await fetch(url, { method: "POST", headers: { ...headers, ...options.headers }, body, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text() };
}

const validEvent = () => encryptEvent({ envelope: messageEvent({ chatId: "oc_1", chatType: "p2p", senderOpenId: "ou_1", text: "你好" }), encryptKey: KEY });

/** After whatever came before, a valid signed event is still acknowledged and dispatched. */
async function expectStillServing(server: Running) {
  const dispatched = server.nextDispatch();
  expect((await post(server.url, validEvent())).status).toBe(200);
  expect(((await dispatched).header as { token: string }).token).toBe(fakeVerificationToken);
}

describe("Feishu webhook handler", () => {
  it("refuses an event whose IV was altered to decrypt to null, signed or not, and keeps serving", async () => {
    const server = await start();
    const original = validEvent();
    const forged = forgeFirstBlock({ body: original, target: "null" });
    // The forgery really decrypts to null: signed with the key (which an attacker lacks) it reaches the parser.
    expect((await post(server.url, forged)).status).toBe(401);
    const stolenHeaders = signRequest({ body: original, encryptKey: KEY });
    expect((await post(server.url, forged, { signed: false, headers: stolenHeaders })).status).toBe(401);
    expect((await post(server.url, forged, { signed: false })).status).toBe(401);
    expect(server.dispatched).toEqual([]);
    await expectStillServing(server);
  });

  it("answers 401 to every malformed body, signed or unsigned, and never dispatches one", async () => {
    const server = await start();
    const payload = Buffer.from(JSON.parse(validEvent()).encrypt as string, "base64");
    const bodies = [
      "",
      "null",
      "[]",
      '"x"',
      "5",
      "{",
      '{"encrypt":5}',
      '{"encrypt":null}',
      '{"encrypt":"!!!not base64!!!"}',
      JSON.stringify({ encrypt: payload.subarray(0, 10).toString("base64") }),
      JSON.stringify({ encrypt: payload.subarray(0, payload.length - 5).toString("base64") }),
      JSON.stringify({ encrypt: payload.subarray(0, 32).toString("base64") }),
      encryptPlain("null"),
      encryptPlain("[]"),
      encryptPlain('"x"'),
      encryptPlain("5"),
      encryptPlain("{not json"),
      encryptPlain(JSON.stringify({ schema: "2.0", header: null, event: 5 })),
      encryptPlain(JSON.stringify({ schema: "2.0", header: { token: 5 } })),
      encryptPlain(JSON.stringify({ type: "url_verification", token: fakeVerificationToken, challenge: { nested: true } })),
    ];
    for (const body of bodies) {
      for (const signed of [true, false]) {
        const result = await post(server.url, body, { signed });
        expect({ body, signed, status: result.status }).toEqual({ body, signed, status: 401 });
      }
    }
    expect(server.dispatched).toEqual([]);
    await expectStillServing(server);
  });

  it("dispatches a signed event of odd shape without a verification token configured, and survives a dispatcher that throws", async () => {
    let calls = 0;
    const server = await start({
      verificationToken: undefined,
      dispatch: () => {
        calls += 1;
        if (calls === 1) throw new TypeError("Cannot read properties of null (reading 'event_type')");
        return Promise.reject(new Error("async failure"));
      },
    });
    const odd = server.nextDispatch();
    expect((await post(server.url, encryptPlain(JSON.stringify({ schema: "2.0", header: null, event: 5 })))).status).toBe(200);
    expect(await odd).toEqual({ schema: "2.0", header: null, event: 5 });
    const second = server.nextDispatch();
    expect((await post(server.url, encryptPlain(JSON.stringify({ schema: "2.0", header: { event_type: 7 }, event: null })))).status).toBe(200);
    await second;
    await expectStillServing(server);
  });

  it("refuses a bad signature, a stale, future or malformed timestamp and a wrong token", async () => {
    const server = await start();
    const body = validEvent();
    const seconds = Math.floor(Date.now() / 1000);
    expect((await post(server.url, body, { headers: { "x-lark-signature": "0".repeat(64) } })).status).toBe(401);
    expect((await post(server.url, body, { headers: { "x-lark-signature": "x".repeat(8_000) } })).status).toBe(401);
    for (const timestamp of [seconds - 6 * 60, seconds + 6 * 60]) {
      expect((await post(server.url, body, { signed: false, headers: signRequest({ body, encryptKey: KEY, timestamp }) })).status).toBe(401);
    }
    for (const timestamp of ["1e9", "-5", "99999999999999999999", " 1"]) {
      const nonce = "n";
      const signature = createHash("sha256").update(timestamp + nonce + KEY + body).digest("hex");
      const headers = { "x-lark-request-timestamp": timestamp, "x-lark-request-nonce": nonce, "x-lark-signature": signature };
      expect((await post(server.url, body, { signed: false, headers })).status).toBe(401);
    }
    const wrongToken = encryptEvent({ envelope: messageEvent({ chatId: "oc_1", chatType: "p2p", senderOpenId: "ou_1", text: "x", token: "not-the-token" }), encryptKey: KEY });
    expect((await post(server.url, wrongToken)).status).toBe(401);
    expect(server.dispatched).toEqual([]);
  });

  it("answers a client without the key the same whatever the body decrypts to (no decryption oracle)", async () => {
    const server = await start();
    const bodies = [
      validEvent(),
      encryptEvent({ envelope: messageEvent({ chatId: "oc_1", chatType: "p2p", senderOpenId: "ou_1", text: "x", token: "not-the-token" }), encryptKey: KEY }),
      encryptEvent({ envelope: { challenge: "c", token: "wrong", type: "url_verification" }, encryptKey: KEY }),
      forgeFirstBlock({ body: validEvent(), target: "null" }),
      '{"encrypt":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}',
      "null",
    ];
    for (const headers of [{ "x-lark-signature": "0".repeat(64) }, undefined]) {
      const answers = new Set<string>();
      for (const body of bodies) {
        const result = await post(server.url, body, headers ? { headers } : { signed: false });
        answers.add(JSON.stringify(result));
      }
      expect([...answers]).toHaveLength(1);
      expect(JSON.parse([...answers][0]!).status).toBe(401);
    }
    expect(server.dispatched).toEqual([]);
  });

  it("answers Feishu's unsigned encrypted URL challenge with its challenge only, and nothing else unsigned", async () => {
    const server = await start();
    const challenge = { challenge: "c-123", token: fakeVerificationToken, type: "url_verification" };
    const unsigned = await post(server.url, encryptEvent({ envelope: challenge, encryptKey: KEY }), { signed: false });
    expect(unsigned).toEqual({ status: 200, body: JSON.stringify({ challenge: "c-123" }) });
    const signed = await post(server.url, encryptEvent({ envelope: challenge, encryptKey: KEY }));
    expect(signed).toEqual({ status: 200, body: JSON.stringify({ challenge: "c-123" }) });
    expect((await post(server.url, encryptEvent({ envelope: { ...challenge, token: "wrong" }, encryptKey: KEY }), { signed: false })).status).toBe(401);
    expect((await post(server.url, JSON.stringify(challenge), { signed: false })).status).toBe(401);
    const unsignedEvent = await post(server.url, validEvent(), { signed: false });
    expect(unsignedEvent.status).toBe(401);
    expect(unsignedEvent.body).not.toContain("你好");
    expect(server.dispatched).toEqual([]);
  });

  it("refuses an unsigned challenge when no verification token is configured", async () => {
    const server = await start({ verificationToken: undefined });
    const body = encryptEvent({ envelope: { challenge: "c-1", type: "url_verification" }, encryptKey: KEY });
    expect((await post(server.url, body, { signed: false })).status).toBe(401);
    expect((await post(server.url, body)).status).toBe(200);
  });

  it("answers 405 to GET, 413 to a huge body and 431 to huge headers, and keeps serving", async () => {
    const server = await start();
    expect((await fetch(server.url)).status).toBe(405);
    expect((await post(server.url, `{"encrypt":"${"A".repeat(2 * 1024 * 1024)}"}`)).status).toBe(413);
    const huge = await fetch(server.url, { method: "POST", headers: { "x-lark-request-nonce": "n".repeat(64 * 1024) }, body: "{}" }).then(
      (response) => response.status,
      () => "connection closed",
    );
    expect([431, "connection closed"]).toContain(huge);
    await expectStillServing(server);
  });
});
