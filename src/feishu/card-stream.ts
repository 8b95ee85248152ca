import type { Client } from "@larksuiteoapi/node-sdk";
import type { Logger } from "../log.js";
import type { FeishuMessenger, MessageTarget } from "./feishu-messenger.js";

/** The element the answer streams into. */
const ANSWER_ELEMENT = "answer";
/** A card entity takes at most 10 updates a second; 4 leaves room and still reads as live typing. */
export const DEFAULT_MIN_UPDATE_INTERVAL_MS = 250;
/** Tries for the final state, spaced by the update interval, before giving up. */
const FINAL_ATTEMPTS = 5;

export interface CardStream {
  readonly messageId: string;
  /** Shows `markdown` (the whole text so far, escaped); updates are batched to the rate limit. */
  update(markdown: string): void;
  /** Closes streaming and replaces the card with `card` (JSON 2.0); always attempted, even after failed updates. */
  finish(card: Record<string, unknown>): Promise<void>;
}

function streamingCard(placeholder: string): object {
  return {
    schema: "2.0",
    config: {
      update_multi: true,
      streaming_mode: true,
      summary: { content: "正在生成回答…" },
      streaming_config: { print_frequency_ms: { default: 50 }, print_step: { default: 2 }, print_strategy: "fast" },
    },
    body: { elements: [{ tag: "markdown", element_id: ANSWER_ELEMENT, content: placeholder }] },
  };
}

/**
 * A streamed answer on a CardKit card entity, our own instead of the Channel's: every change goes
 * through CardKit with a growing `sequence`; updates are spaced at least `minIntervalMs` apart
 * whatever the token rate (the latest text wins); a rejected update is logged and the stream goes
 * on; `finish` closes streaming mode and writes the final card, retrying until it is accepted.
 */
export async function startCardStream(options: {
  client: Client;
  messenger: FeishuMessenger;
  target: MessageTarget;
  uuid: string;
  logger: Logger;
  placeholder?: string;
  minIntervalMs?: number;
}): Promise<CardStream> {
  const { client, logger } = options;
  const minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_UPDATE_INTERVAL_MS;
  const created = await client.cardkit.v1.card.create({ data: { type: "card_json", data: JSON.stringify(streamingCard(options.placeholder ?? "正在思考…")) } });
  const cardId = created.data?.card_id;
  if (!cardId) throw new Error("cardkit card.create returned no card_id");
  const messageId = await options.messenger.sendCard({ target: options.target, card: { type: "card", data: { card_id: cardId } }, uuid: options.uuid });

  let sequence = 0;
  let lastRequestAt = 0;
  let latest: string | undefined;
  let shown: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let finished = false;

  /** Waits until the next request may go out, so requests never come closer than minIntervalMs. */
  const paced = async <T>(request: () => Promise<T>): Promise<T> => {
    const wait = lastRequestAt + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastRequestAt = Date.now();
    return request();
  };

  const flush = () => {
    timer = undefined;
    if (finished || latest === undefined || latest === shown) return;
    const text = latest;
    inFlight = inFlight.then(() =>
      paced(() => client.cardkit.v1.cardElement.content({ path: { card_id: cardId, element_id: ANSWER_ELEMENT }, data: { content: text, sequence: ++sequence, uuid: `c-${cardId}-${sequence}` } }))
        .then(() => {
          shown = text;
        })
        .catch((error: unknown) => logger.warn({ err: error, cardId }, "streaming card update rejected; the next one carries the text")),
    );
  };

  const finalStep = async (what: string, request: (sequence: number) => Promise<unknown>): Promise<boolean> => {
    for (let attempt = 1; attempt <= FINAL_ATTEMPTS; attempt += 1) {
      try {
        const next = ++sequence;
        await paced(() => request(next));
        return true;
      } catch (error) {
        logger.warn({ err: error, cardId, attempt, what }, "final card update rejected; retrying");
      }
    }
    logger.error({ cardId, what }, "final card update failed; the card keeps its last streamed text");
    return false;
  };

  return {
    messageId,
    update(markdown) {
      if (finished) return;
      latest = markdown;
      if (!timer) timer = setTimeout(flush, Math.max(0, lastRequestAt + minIntervalMs - Date.now()));
    },
    async finish(card) {
      finished = true;
      if (timer) clearTimeout(timer);
      await inFlight;
      await finalStep("close streaming", (next) =>
        client.cardkit.v1.card.settings({ path: { card_id: cardId }, data: { settings: JSON.stringify({ config: { streaming_mode: false } }), sequence: next, uuid: `s-${cardId}-${next}` } }),
      );
      const config = { ...(card.config as Record<string, unknown> | undefined), streaming_mode: false };
      await finalStep("final card", (next) =>
        client.cardkit.v1.card.update({ path: { card_id: cardId }, data: { card: { type: "card_json", data: JSON.stringify({ ...card, config }) }, sequence: next, uuid: `u-${cardId}-${next}` } }),
      );
    },
  };
}
