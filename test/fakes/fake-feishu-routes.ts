/** Shared plumbing of the fake Open API's route modules: recorded calls, replies and Feishu's error envelope. */

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or for multipart { fields, file? }, or undefined for an empty body. */
  body: any;
  /** Size of the request body as sent, in bytes. */
  bodyBytes: number;
  at: number;
  /** HTTP status the fake answered with (set once the route has run). */
  status?: number;
}

export interface RouteReply {
  status?: number;
  json?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Which token the server checks before the route runs: tenant (default), none (OAuth endpoints) or the route checks a user token itself. */
  auth?: "tenant" | "user" | "none";
  handle(context: { call: RecordedCall; params: string[] }): RouteReply;
}

/**
 * The platform's size limit for a card or rich-text (post) message and for a card entity:
 * 30 KB of request body. Text messages may be larger (150 KB).
 */
export const CARD_BODY_LIMIT_BYTES = 30 * 1024;
export const TEXT_BODY_LIMIT_BYTES = 150 * 1024;

export function feishuError(options: { status: number; code: number; message: string }): RouteReply {
  return { status: options.status, json: { code: options.code, msg: `fake Feishu: ${options.message}` } };
}

export const ok = (data?: object): RouteReply => ({ json: { code: 0, msg: "success", data: data ?? {} } });

export function parseJsonString(text: unknown): { ok: true; value: any } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
