import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { CALLBACK_DEADLINE_MS, CALLBACK_TIMEOUT_CODE, judgeCallbackResponse, type CallbackOutcome } from "./card-callback.js";
import { createFakeGateway, type GatewayAck } from "./fake-feishu-gateway.js";
import { createOpenApi, feishuError, type FakeFeishuUser, type MultipartBody, type RecordedCall, type RecordedCard, type RouteReply, type SentMessage } from "./fake-feishu-open-api.js";

export type { FakeFeishuUser, RecordedCall, RecordedCard, SentMessage } from "./fake-feishu-open-api.js";
export { fakeTenantKey } from "./fake-feishu-open-api.js";
export { CARD_BODY_LIMIT_BYTES } from "./fake-feishu-routes.js";
export { CARD_UPDATES_PER_SECOND } from "./fake-cardkit.js";
export { decodeFrame, encodeFrame, type GatewayAck } from "./fake-feishu-gateway.js";

/**
 * A fake Feishu Open API server plus long-connection gateway on 127.0.0.1, for tests that
 * drive the real @larksuiteoapi/node-sdk. It checks credentials and Bearer tokens, records
 * every call, and keeps what the bot sent (messages, CardKit cards, uploads).
 *
 * @example
 * const fake = await startFakeFeishu();
 * const channel = createLarkChannel({ appId: fakeAppId, appSecret: fakeAppSecret, domain: fake.domain });
 * await channel.connect();
 * await fake.pushEvent(messageEvent({ chatId: "oc_1", chatType: "p2p", senderOpenId: "ou_1", text: "你好" }));
 * await fake.waitFor((f) => f.sentMessages().length === 1);
 * await fake.close();
 */
export interface FakeFeishu {
  /** e.g. "http://127.0.0.1:54321", the SDK's `domain` option (no trailing slash). */
  domain: string;
  botOpenId: string;
  botName: string;
  tenantAccessToken: string;
  calls: RecordedCall[];
  /** Calls with this method whose path equals the string or matches the RegExp. */
  callsTo(method: string, pathPattern: RegExp | string): RecordedCall[];
  /** Messages the bot sent (reply + create), in order, with parsed content. */
  sentMessages(): SentMessage[];
  /** CardKit calls per card id in creation order. */
  cards(): Map<string, RecordedCard>;
  /** Registers bytes served for GET .../messages/:message_id/resources/:file_key and /im/v1/files/:file_key. */
  addResource(options: { messageId?: string; fileKey: string; bytes: Buffer; fileName?: string }): void;
  uploadedFiles(): { fileKey: string; fileName: string; fileType: string; bytes: Buffer }[];
  /** Web login: people who can sign in, who is signed in on the authorize page, and chat membership. */
  addUser(user: FakeFeishuUser): void;
  signInAs(openId: string | undefined, options?: { decline?: boolean }): void;
  setChatMembers(chat: { chatId: string; openIds: string[] }): void;
  /**
   * Makes the next `times` (default 1) calls matching method+path run as usual but lose their
   * response: the connection is cut before the answer, as on a network error after the request
   * reached Feishu. A client that retries then sends the same request again.
   */
  dropResponseNext(options: { method: string; path: RegExp | string; times?: number }): void;
  /**
   * Makes the next `times` (default 1) long-connection endpoint calls answer with a gateway error
   * code (default 1000040350, too many connections), as Feishu does; the SDK gives up on such a
   * code instead of retrying by itself.
   */
  refuseConnectionsNext(options?: { times?: number; code?: number }): void;
  /** Makes the next `times` (default 1) calls matching method+path fail with a Feishu error. */
  failNext(options: { method: string; path: RegExp | string; status?: number; code?: number; message?: string; times?: number }): void;
  /** Waits until predicate(fake) is true or timeoutMs (default 5000) passes, then throws with recent calls. */
  waitFor(predicate: (fake: FakeFeishu) => boolean, options?: { timeoutMs?: number }): Promise<void>;
  /** Open gateway sockets right now. */
  gatewayConnections(): number;
  /** Sends an event frame to the newest client (waiting up to 5 s for one) and resolves on its ack, or { acked: false } after timeoutMs (default 10000). */
  pushEvent(envelope: object, options?: { timeoutMs?: number }): Promise<GatewayAck>;
  /**
   * Sends a card callback (card.action.trigger) over the long connection and judges the answer as
   * Feishu does: within 3 s, a valid callback response (toast, card or {}), else error 200340.
   */
  pushCallback(envelope: object): Promise<CallbackOutcome>;
  /** Terminates live gateway sockets so the client reconnects. */
  dropConnections(): void;
  close(): Promise<void>;
}

export const fakeAppId = "cli_0123456789abcdef";
export const fakeAppSecret = "fake-app-secret";
export const fakeBotOpenId = "ou_bot_fake";

/**
 * A token cache private to one SDK client (pass as `cache`). The SDK's default cache is shared by
 * every client in the process and keyed by app id, so without this a test may see no token call.
 */
export function createTokenCache(): {
  get(key: string | Symbol, options?: { namespace?: string }): Promise<any>;
  set(key: string | Symbol, value: any, expire?: number, options?: { namespace?: string }): Promise<boolean>;
} {
  const values = new Map<string, { value: unknown; expire?: number }>();
  const keyOf = (key: string | Symbol, namespace?: string) => `${namespace ?? ""}/${key.toString()}`;
  return {
    async get(key, options) {
      const entry = values.get(keyOf(key, options?.namespace));
      return entry && (!entry.expire || entry.expire > Date.now()) ? entry.value : undefined;
    },
    async set(key, value, expire, options) {
      values.set(keyOf(key, options?.namespace), { value, expire });
      return true;
    },
  };
}

// Calls that authenticate with the app credentials instead of a tenant token.
const credentialPaths = new Set(["/open-apis/auth/v3/tenant_access_token/internal", "/callback/ws/endpoint"]);

function matchesPath(path: string, pattern: RegExp | string): boolean {
  return typeof pattern === "string" ? path === pattern : pattern.test(path);
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
}

// The SDK sends the `file` part without a filename, which WHATWG FormData would turn into a string, so parts are split by hand to keep bytes intact.
function parseMultipart(options: { raw: Buffer; boundary: string }): MultipartBody {
  const parsed: MultipartBody = { fields: {} };
  const delimiter = Buffer.from(`--${options.boundary}`);
  let start = options.raw.indexOf(delimiter);
  while (start >= 0) {
    const next = options.raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = options.raw.subarray(start + delimiter.length + 2, next - 2); // drop CRLF after the delimiter and before the next
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const bytes = Buffer.from(part.subarray(headerEnd + 4));
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? "";
    const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
    if (fileName !== undefined || name === "file") parsed.file = { name: fileName ?? "", bytes };
    else parsed.fields[name] = bytes.toString("utf8");
    start = next;
  }
  return parsed;
}

function parseBody(options: { raw: Buffer; contentType: string }): unknown {
  const { raw, contentType } = options;
  if (raw.length === 0) return undefined;
  const boundary = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (boundary) return parseMultipart({ raw, boundary });
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return raw.toString("utf8");
  }
}

function sendReply(response: ServerResponse, reply: RouteReply): void {
  if (reply.bytes) {
    response.writeHead(reply.status ?? 200, reply.headers);
    response.end(reply.bytes);
    return;
  }
  response.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", ...reply.headers });
  response.end(JSON.stringify(reply.json));
}

export async function startFakeFeishu(options: { appId?: string; appSecret?: string } = {}): Promise<FakeFeishu> {
  const appId = options.appId ?? fakeAppId;
  const appSecret = options.appSecret ?? fakeAppSecret;
  // Stable per credentials: the SDK caches tokens process-wide per app id, across fake instances.
  const tenantAccessToken = `t-fake-${createHash("sha256").update(`${appId}:${appSecret}`).digest("hex").slice(0, 24)}`;
  const calls: RecordedCall[] = [];
  const openApi = createOpenApi({ appId, appSecret });
  const failures: { method: string; path: RegExp | string; reply: RouteReply; remaining: number }[] = [];
  const drops: { method: string; path: RegExp | string; remaining: number }[] = [];
  const refusals = { remaining: 0, code: 1000040350 };
  const gateway = createFakeGateway({ onUpgrade: ({ path, status }) => calls.push({ method: "WS", path, query: {}, headers: {}, body: undefined, bodyBytes: 0, at: Date.now(), status }) });
  let port = 0;

  function route(call: RecordedCall): RouteReply {
    const failure = failures.find((candidate) => candidate.method === call.method && matchesPath(call.path, candidate.path) && candidate.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      return failure.reply;
    }
    if (call.method === "POST" && call.path === "/open-apis/auth/v3/tenant_access_token/internal") {
      if (call.body?.app_id !== appId || call.body?.app_secret !== appSecret) return feishuError({ status: 400, code: 10014, message: "app_id or app_secret is invalid" });
      return { json: { code: 0, msg: "ok", tenant_access_token: tenantAccessToken, expire: 7200 } };
    }
    if (call.method === "POST" && call.path === "/callback/ws/endpoint") {
      if (call.body?.AppID !== appId || call.body?.AppSecret !== appSecret) return { json: { code: 1000040343, msg: "fake Feishu: AppID or AppSecret is invalid", data: {} } };
      if (refusals.remaining > 0) {
        refusals.remaining -= 1;
        return { json: { code: refusals.code, msg: "fake Feishu: connection refused (injected)", data: {} } };
      }
      return { json: gateway.endpointResponse(port) };
    }
    const apiRoute = openApi.routes.find((candidate) => candidate.method === call.method && candidate.pattern.test(call.path));
    if (!credentialPaths.has(call.path) && (apiRoute?.auth ?? "tenant") === "tenant" && call.headers.authorization !== `Bearer ${tenantAccessToken}`) {
      return feishuError({ status: 401, code: 99991663, message: "Invalid access token for authorization. Please make a request with token attached." });
    }
    if (call.method === "GET" && call.path === "/open-apis/bot/v3/info") {
      return { json: { code: 0, msg: "ok", bot: { open_id: fakeBotOpenId, app_name: fake.botName, activate_status: 2, ip_white_list: [] } } };
    }
    for (const candidate of openApi.routes) {
      const match = candidate.method === call.method ? candidate.pattern.exec(call.path) : null;
      if (match) return candidate.handle({ call, params: match.slice(1) });
    }
    return feishuError({ status: 404, code: 404, message: `no route for ${call.method} ${call.path}` });
  }

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const headers = flattenHeaders(request);
    const raw = Buffer.concat(chunks);
    const call: RecordedCall = { method: request.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: undefined, bodyBytes: raw.length, at: Date.now() };
    calls.push(call);
    try {
      call.body = parseBody({ raw, contentType: headers["content-type"] ?? "" });
      const reply = route(call);
      call.status = reply.status ?? 200;
      const drop = drops.find((candidate) => candidate.method === call.method && matchesPath(call.path, candidate.path) && candidate.remaining > 0);
      if (drop) {
        drop.remaining -= 1;
        request.socket.destroy();
        return;
      }
      sendReply(response, reply);
    } catch (error) {
      call.status = 500;
      sendReply(response, feishuError({ status: 500, code: 500, message: String(error) }));
    }
  });
  server.on("upgrade", (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const fake: FakeFeishu = {
    domain: `http://127.0.0.1:${port}`,
    botOpenId: fakeBotOpenId,
    botName: "上街信息助手",
    tenantAccessToken,
    calls,
    callsTo: (method, pathPattern) => calls.filter((call) => call.method === method && matchesPath(call.path, pathPattern)),
    sentMessages: openApi.sentMessages,
    cards: openApi.cards,
    addResource: openApi.addResource,
    uploadedFiles: openApi.uploadedFiles,
    addUser: openApi.addUser,
    signInAs: openApi.signInAs,
    setChatMembers: openApi.setChatMembers,
    refuseConnectionsNext(refusal = {}) {
      refusals.remaining = refusal.times ?? 1;
      refusals.code = refusal.code ?? 1000040350;
    },
    dropResponseNext(drop) {
      drops.push({ method: drop.method, path: drop.path, remaining: drop.times ?? 1 });
    },
    failNext(failure) {
      const reply = feishuError({ status: failure.status ?? 400, code: failure.code ?? 230020, message: failure.message ?? "injected failure" });
      failures.push({ method: failure.method, path: failure.path, reply, remaining: failure.times ?? 1 });
    },
    async waitFor(predicate, waitOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? 5_000;
      const deadline = Date.now() + timeoutMs;
      while (!predicate(fake)) {
        if (Date.now() > deadline) {
          const recent = calls.slice(-15).map((call) => `  ${call.status ?? "…"} ${call.method} ${call.path} ${JSON.stringify(call.body ?? null).slice(0, 300)}`);
          throw new Error(`fake Feishu: condition not met within ${timeoutMs} ms; last ${recent.length} calls:\n${recent.join("\n")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    gatewayConnections: gateway.connections,
    pushEvent: gateway.pushEvent,
    async pushCallback(envelope) {
      const started = performance.now();
      const ack = await gateway.pushEvent(envelope, { timeoutMs: CALLBACK_DEADLINE_MS });
      const elapsedMs = performance.now() - started;
      if (!ack.acked) return { ok: false, elapsedMs, error: CALLBACK_TIMEOUT_CODE };
      const payload = ack.ackPayload as { code?: number; data?: unknown } | undefined;
      if (payload?.code !== 200) return { ok: false, elapsedMs, error: `ack code ${String(payload?.code)}` };
      return judgeCallbackResponse({ body: payload.data ?? {}, elapsedMs });
    },
    dropConnections: gateway.dropConnections,
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
