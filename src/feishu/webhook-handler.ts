import { createDecipheriv, createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.js";

/** Events older than this are refused: a captured request cannot be replayed later. */
const MAX_AGE_MS = 5 * 60 * 1000;
const MAX_BODY_BYTES = 1024 * 1024;

/** A plain Node handler: the webhook is answered without the web framework in the way. */
export type WebhookHandler = (request: IncomingMessage, response: ServerResponse) => void;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

/** Feishu's encryption: AES-256-CBC, key = sha256(encrypt key), IV = first 16 bytes of the payload. */
export function decryptEvent(options: { encrypt: string; encryptKey: string }): unknown {
  const key = createHash("sha256").update(options.encryptKey).digest();
  const payload = Buffer.from(options.encrypt, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, payload.subarray(0, 16));
  const plain = Buffer.concat([decipher.update(payload.subarray(16)), decipher.final()]).toString("utf8");
  return JSON.parse(plain);
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface EventBody {
  type?: string;
  challenge?: string;
  token?: string;
  header?: { token?: string; event_type?: string; event_id?: string };
}

/**
 * POST /feishu/events. On top of the SDK (whose dispatcher answers 200 to a bad signature and
 * never checks the timestamp or the verification token): 401 for a bad or missing signature, a
 * timestamp older than 5 minutes or a wrong token; answers the URL challenge; acknowledges a valid
 * event at once and hands it to `dispatch` afterwards, so Feishu never redelivers a slow answer.
 */
export function createWebhookHandler(options: {
  encryptKey: string;
  verificationToken: string | undefined;
  dispatch: (event: unknown) => Promise<unknown>;
  logger: Logger;
  now?: () => number;
}): WebhookHandler {
  const now = options.now ?? Date.now;
  const reject = (response: ServerResponse, reason: string) => {
    options.logger.warn({ reason }, "feishu webhook rejected");
    sendJson(response, 401, { error: reason });
  };
  // Accepted events are handed on one per event-loop turn, so a burst of deliveries is
  // acknowledged first and processed in between, never the other way round.
  const pending: EventBody[] = [];
  const drain = () => {
    const event = pending.shift();
    if (!event) return;
    options.dispatch(event).catch((error: unknown) => options.logger.error({ err: error, eventId: event.header?.event_id }, "feishu event handling failed"));
    if (pending.length > 0) setImmediate(drain);
  };
  const header = (request: IncomingMessage, name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    let outer: { encrypt?: unknown } & EventBody;
    let event: EventBody;
    try {
      outer = JSON.parse(raw) as typeof outer;
      event = typeof outer.encrypt === "string" ? (decryptEvent({ encrypt: outer.encrypt, encryptKey: options.encryptKey }) as EventBody) : outer;
    } catch {
      reject(response, "body is not a Feishu event (bad JSON or not decryptable with FEISHU_ENCRYPT_KEY)");
      return;
    }
    const token = event.header?.token ?? event.token;
    if (options.verificationToken && (typeof token !== "string" || !sameText(token, options.verificationToken))) {
      reject(response, "wrong verification token");
      return;
    }
    if (event.type === "url_verification") {
      sendJson(response, 200, { challenge: event.challenge });
      return;
    }
    const timestamp = header(request, "x-lark-request-timestamp");
    const nonce = header(request, "x-lark-request-nonce");
    const signature = header(request, "x-lark-signature");
    if (!timestamp || !nonce || !signature) {
      reject(response, "missing signature headers");
      return;
    }
    const expected = createHash("sha256").update(timestamp + nonce + options.encryptKey + raw).digest("hex");
    if (!sameText(expected, signature)) {
      reject(response, "bad signature");
      return;
    }
    if (!/^\d+$/.test(timestamp) || Math.abs(now() - Number(timestamp) * 1000) > MAX_AGE_MS) {
      reject(response, "stale timestamp");
      return;
    }
    sendJson(response, 200, {});
    pending.push(event);
    if (pending.length === 1) setImmediate(drain);
  };
  return (request, response) => {
    if (request.method !== "POST") {
      sendJson(response, 405, { error: "POST only" });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) sendJson(response, 413, { error: "body too large" });
      else handle(request, response, Buffer.concat(chunks).toString("utf8"));
    });
  };
}
