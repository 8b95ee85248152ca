import { validateCardJsonV2 } from "./card-json-v2.js";
import { encryptEvent, signRequest } from "./feishu-events.js";

/**
 * The card callback (card.action.trigger) as Feishu treats the bot's answer: it must come within
 * 3 seconds, else the user sees an error (code 200340); the answer may carry a toast and/or a
 * replacement card (card JSON 2.0), or be `{}`, which is valid but shows the user nothing.
 */
export const CALLBACK_DEADLINE_MS = 3_000;
export const CALLBACK_TIMEOUT_CODE = 200340;

export interface CallbackOutcome {
  /** The answer arrived in time and was a valid callback response. */
  ok: boolean;
  elapsedMs: number;
  /** 200340 when the deadline passed; otherwise why the response was refused. */
  error?: number | string;
  toast?: { type: string; content: string };
  card?: unknown;
}

const toastTypes = new Set(["info", "success", "warning", "error"]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Judges a callback response body as Feishu would. */
export function judgeCallbackResponse(options: { body: unknown; elapsedMs: number }): CallbackOutcome {
  const { body, elapsedMs } = options;
  if (elapsedMs > CALLBACK_DEADLINE_MS) return { ok: false, elapsedMs, error: CALLBACK_TIMEOUT_CODE };
  if (!isObject(body)) return { ok: false, elapsedMs, error: `callback response must be a JSON object, got ${JSON.stringify(body)}` };
  const unknown = Object.keys(body).filter((key) => key !== "toast" && key !== "card");
  if (unknown.length > 0) return { ok: false, elapsedMs, error: `callback response has unsupported fields ${unknown.join(", ")}` };
  const outcome: CallbackOutcome = { ok: true, elapsedMs };
  if (body.toast !== undefined) {
    const toast = body.toast;
    if (!isObject(toast) || !toastTypes.has(String(toast.type)) || typeof toast.content !== "string" || toast.content === "") {
      return { ok: false, elapsedMs, error: `toast must be { type: info|success|warning|error, content: non-empty string }, got ${JSON.stringify(toast)}` };
    }
    outcome.toast = { type: String(toast.type), content: toast.content };
  }
  if (body.card !== undefined) {
    const card = body.card;
    if (!isObject(card) || card.type !== "raw") return { ok: false, elapsedMs, error: 'card must be { type: "raw", data: <card JSON 2.0> }' };
    const problem = validateCardJsonV2(card.data);
    if (problem) return { ok: false, elapsedMs, error: `invalid card in callback response: ${problem}` };
    outcome.card = card.data;
  }
  return outcome;
}

/** POSTs a callback to a webhook URL as Feishu does (encrypted, signed) and judges the answer. */
export async function postCallback(options: { url: string; envelope: object; encryptKey: string }): Promise<CallbackOutcome> {
  const body = encryptEvent({ envelope: options.envelope, encryptKey: options.encryptKey });
  const headers = signRequest({ body, encryptKey: options.encryptKey });
  const started = performance.now();
  try {
    const response = await fetch(options.url, { method: "POST", headers, body, signal: AbortSignal.timeout(CALLBACK_DEADLINE_MS) });
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    if (response.status !== 200) return { ok: false, elapsedMs, error: `HTTP ${response.status}` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, elapsedMs, error: `callback response is not JSON: ${text.slice(0, 100)}` };
    }
    return judgeCallbackResponse({ body: parsed, elapsedMs });
  } catch (error) {
    const elapsedMs = performance.now() - started;
    if ((error as Error).name === "TimeoutError") return { ok: false, elapsedMs, error: CALLBACK_TIMEOUT_CODE };
    throw error;
  }
}
