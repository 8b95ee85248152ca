import { createDecipheriv, createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log.js";

/** Events older than this are refused: a captured request cannot be replayed later. */
const MAX_AGE_MS = 5 * 60 * 1000;
const MAX_BODY_BYTES = 1024 * 1024;

/** A plain Node handler: the webhook is answered without the web framework in the way. */
export type WebhookHandler = (request: IncomingMessage, response: ServerResponse) => void;

type JsonObject = Record<string, unknown>;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

/** Feishu's encryption: AES-256-CBC, key = sha256(encrypt key), IV = first 16 bytes of the payload. Throws on any malformed input. */
export function decryptEvent(options: { encrypt: string; encryptKey: string }): unknown {
  const key = createHash("sha256").update(options.encryptKey).digest();
  const payload = Buffer.from(options.encrypt, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, payload.subarray(0, 16));
  const plain = Buffer.concat([decipher.update(payload.subarray(16)), decipher.final()]).toString("utf8");
  return JSON.parse(plain);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The event inside a body `{"encrypt": "..."}`, or undefined when either layer is not a JSON object. */
function openEncryptedBody(options: { raw: Buffer; encryptKey: string }): JsonObject | undefined {
  try {
    const outer: unknown = JSON.parse(options.raw.toString("utf8"));
    if (!isObject(outer) || typeof outer.encrypt !== "string") return undefined;
    const event = decryptEvent({ encrypt: outer.encrypt, encryptKey: options.encryptKey });
    return isObject(event) ? event : undefined;
  } catch {
    return undefined;
  }
}

/** A signed body may also arrive in plain JSON (the signature already vouches for it). */
function openSignedBody(options: { raw: Buffer; encryptKey: string }): JsonObject | undefined {
  const encrypted = openEncryptedBody(options);
  if (encrypted) return encrypted;
  try {
    const plain: unknown = JSON.parse(options.raw.toString("utf8"));
    return isObject(plain) && !("encrypt" in plain) ? plain : undefined;
  } catch {
    return undefined;
  }
}

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** schema 2.0 events carry the token in `header`, v1 events and the URL challenge at the top. */
function eventToken(event: JsonObject): unknown {
  return isObject(event.header) ? event.header.token : event.token;
}

function eventId(event: JsonObject): unknown {
  return isObject(event.header) ? event.header.event_id : event.uuid;
}

/**
 * POST /feishu/events. On top of the SDK (whose dispatcher answers 200 to a bad signature and
 * never checks the timestamp or the verification token): the signature
 * (sha256(timestamp + nonce + encrypt key + raw body)) and a timestamp within 5 minutes are checked
 * on the raw bytes before anything is decrypted or parsed; then the verification token. Feishu
 * sends the URL challenge encrypted but unsigned, so an unsigned body is answered only when it
 * decrypts to a url_verification object with the right token, and with its challenge only.
 * A valid event is acknowledged at once and handed to `dispatch` afterwards, so Feishu never
 * redelivers a slow answer; a card callback is answered with what `callback` returns (a toast),
 * which must come within Feishu's 3 seconds. Every other request gets 401 (or 405/413) and never throws.
 */
export function createWebhookHandler(options: {
  encryptKey: string;
  verificationToken: string | undefined;
  dispatch: (event: JsonObject) => Promise<unknown>;
  /** Answers card callbacks (card.action.trigger); without it they are acknowledged with {} and dispatched. */
  callback?: (event: JsonObject) => Promise<unknown>;
  /** False until events can be handled (the bot's identity is known): other events get 503, and Feishu delivers them again later. */
  ready?: () => boolean;
  logger: Logger;
  now?: () => number;
}): WebhookHandler {
  const { encryptKey, verificationToken, logger } = options;
  const now = options.now ?? Date.now;
  // `detail` is only logged: what a client without the key learns must not depend on the body.
  const reject = (response: ServerResponse, reason: string, detail?: string) => {
    logger.warn({ reason, ...(detail ? { detail } : {}) }, "feishu webhook rejected");
    sendJson(response, 401, { error: reason });
  };
  const tokenMatches = (event: JsonObject) => {
    if (!verificationToken) return true;
    const token = eventToken(event);
    return typeof token === "string" && sameText(token, verificationToken);
  };
  // Accepted events are handed on one per event-loop turn, so a burst of deliveries is
  // acknowledged first and processed in between, never the other way round.
  const pending: JsonObject[] = [];
  const drain = () => {
    const event = pending.shift();
    if (!event) return;
    // Through a promise, so a dispatcher that throws synchronously is caught as well.
    Promise.resolve()
      .then(() => options.dispatch(event))
      .catch((error: unknown) => logger.error({ err: error, eventId: eventId(event) }, "feishu event handling failed"));
    if (pending.length > 0) setImmediate(drain);
  };
  const header = (request: IncomingMessage, name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

  const answerCallback = (response: ServerResponse, event: JsonObject, callback: (event: JsonObject) => Promise<unknown>) => {
    Promise.resolve()
      .then(() => callback(event))
      .then(
        (answer) => sendJson(response, 200, isObject(answer) ? answer : {}),
        (error: unknown) => {
          logger.error({ err: error, eventId: eventId(event) }, "feishu card callback failed");
          sendJson(response, 200, {});
        },
      );
  };

  const answerUnsignedChallenge = (response: ServerResponse, raw: Buffer) => {
    const event = openEncryptedBody({ raw, encryptKey });
    if (!event || event.type !== "url_verification" || typeof event.challenge !== "string") {
      reject(response, "missing signature headers");
    } else if (!verificationToken) {
      reject(response, "missing signature headers", "unsigned URL challenge refused: set FEISHU_VERIFICATION_TOKEN to the Verification Token from the Feishu console (事件与回调 > 加密策略)");
    } else if (!tokenMatches(event)) {
      reject(response, "missing signature headers", "unsigned URL challenge with a wrong verification token");
    } else {
      sendJson(response, 200, { challenge: event.challenge });
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: Buffer) => {
    const timestamp = header(request, "x-lark-request-timestamp");
    const nonce = header(request, "x-lark-request-nonce");
    const signature = header(request, "x-lark-signature");
    if (!timestamp || !nonce || !signature) {
      answerUnsignedChallenge(response, raw);
      return;
    }
    const expected = createHash("sha256").update(timestamp + nonce + encryptKey).update(raw).digest("hex");
    if (!sameText(expected, signature)) {
      reject(response, "bad signature");
      return;
    }
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now() - Number(timestamp) * 1000) > MAX_AGE_MS) {
      reject(response, "stale timestamp");
      return;
    }
    const event = openSignedBody({ raw, encryptKey });
    if (!event) {
      reject(response, "body is not a Feishu event (not a JSON object, or not decryptable with FEISHU_ENCRYPT_KEY)");
      return;
    }
    if (!tokenMatches(event)) {
      reject(response, "wrong verification token");
      return;
    }
    if (event.type === "url_verification") {
      if (typeof event.challenge === "string") sendJson(response, 200, { challenge: event.challenge });
      else reject(response, "URL challenge without a challenge");
      return;
    }
    if (options.callback && isObject(event.header) && event.header.event_type === "card.action.trigger") {
      answerCallback(response, event, options.callback);
      return;
    }
    if (options.ready && !options.ready()) {
      logger.warn({ eventId: eventId(event) }, "feishu event refused with 503: the bot is not connected yet; Feishu will deliver it again");
      sendJson(response, 503, { error: "not ready" });
      return;
    }
    sendJson(response, 200, {});
    pending.push(event);
    if (pending.length === 1) setImmediate(drain);
  };

  // The last line of defence: nothing a client sends may throw out of here and stop the process.
  const guarded = (response: ServerResponse, run: () => void) => {
    try {
      run();
    } catch (error) {
      logger.error({ err: error }, "feishu webhook failed");
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.end();
    }
  };

  return (request, response) =>
    guarded(response, () => {
      if (request.method !== "POST") {
        sendJson(response, 405, { error: "POST only" });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      request.on("error", (error) => logger.warn({ err: error }, "feishu webhook request aborted"));
      request.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      request.on("end", () =>
        guarded(response, () => {
          if (size > MAX_BODY_BYTES) sendJson(response, 413, { error: "body too large" });
          else handle(request, response, Buffer.concat(chunks));
        }),
      );
    });
}
