import { createHash } from "node:crypto";

/**
 * The `uuid` of a message send: derived from what caused it (the inbound message or callback
 * event id) and what the send is for, so that a retry of the same send, by the SDK, by us or by
 * another replica handling a redelivered event, posts at most one message (Feishu keeps a uuid
 * for an hour; at most 50 characters).
 *
 * @example messageUuid({ source: "om_123", purpose: "answer" }) // "answer-4f1c…"
 */
export function messageUuid(options: { source: string; purpose: string }): string {
  const digest = createHash("sha256").update(options.source).digest("base64url").slice(0, 32);
  return `${options.purpose.slice(0, 17)}-${digest}`;
}
