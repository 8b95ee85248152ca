import { validateCardJsonV2 } from "./card-json-v2.js";
import { CARD_BODY_LIMIT_BYTES, feishuError, ok, parseJsonString, type RecordedCall, type Route, type RouteReply } from "./fake-feishu-routes.js";

/**
 * CardKit card entities as the platform enforces them: card JSON 2.0 only (unknown attributes
 * refused), at most 30 KB, at most 10 updates a second per entity, a `sequence` that grows across
 * every update of one entity, an entity sent in at most one message.
 */

/** What a test can see of one card entity. */
export interface RecordedCard {
  created: any;
  /** The card as a client would now render it: created, then every accepted update applied. */
  current: any;
  /** Accepted element content updates (the typewriter stream), in order. */
  updates: { content: string; sequence: number }[];
  /** Accepted settings updates (parsed), in order. */
  settings: any[];
  /** Accepted full-card updates (parsed card JSON), in order. */
  replaced: any[];
  /** Every update attempt with its time and whether it was accepted. */
  attempts: { at: number; kind: "content" | "settings" | "card"; sequence: unknown; accepted: boolean; reason?: string }[];
  /** The message that shows this entity, once sent. */
  messageId?: string;
}

export const CARD_UPDATES_PER_SECOND = 10;

type CardState = RecordedCard & { lastSequence: number; uuids: Set<string> };

function findElement(node: unknown, elementId: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child, elementId);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== "object") return undefined;
  if ((node as { element_id?: unknown }).element_id === elementId) return node as Record<string, unknown>;
  for (const child of Object.values(node)) {
    const found = findElement(child, elementId);
    if (found) return found;
  }
  return undefined;
}

/** Parses and checks a card JSON string as CardKit would, or says why not. */
function parseCard(options: { data: unknown; call: RecordedCall }): { card: any } | { error: RouteReply } {
  if (options.call.bodyBytes > CARD_BODY_LIMIT_BYTES) {
    return { error: feishuError({ status: 400, code: 300309, message: `card is ${options.call.bodyBytes} bytes of request body; at most ${CARD_BODY_LIMIT_BYTES} (30 KB)` }) };
  }
  const parsed = parseJsonString(options.data);
  if (!parsed.ok) return { error: feishuError({ status: 400, code: 300301, message: "card data must be a card JSON string" }) };
  const problem = validateCardJsonV2(parsed.value);
  if (problem) return { error: feishuError({ status: 400, code: 300301, message: `invalid card JSON 2.0: ${problem}` }) };
  return { card: parsed.value };
}

export function createFakeCardKit() {
  let nextId = 1;
  const cards = new Map<string, CardState>();

  /** Rate and sequence, in the order the platform checks them; records the attempt either way. */
  function admit(options: { card: CardState; kind: RecordedCard["attempts"][number]["kind"]; call: RecordedCall }): RouteReply | undefined {
    const { card, kind, call } = options;
    const sequence = call.body?.sequence;
    const now = Date.now();
    const recent = card.attempts.filter((attempt) => attempt.accepted && now - attempt.at < 1000).length;
    let rejected: RouteReply | undefined;
    if (recent >= CARD_UPDATES_PER_SECOND) {
      rejected = feishuError({ status: 429, code: 99991400, message: `card entity updated ${recent} times in the last second; at most ${CARD_UPDATES_PER_SECOND} a second` });
    } else if (typeof sequence !== "number" || !Number.isInteger(sequence) || sequence <= card.lastSequence) {
      rejected = feishuError({ status: 400, code: 300317, message: `sequence ${String(sequence)} must be an integer greater than ${card.lastSequence}` });
    }
    card.attempts.push({ at: now, kind, sequence, accepted: rejected === undefined, ...(rejected ? { reason: (rejected.json as { msg: string }).msg } : {}) });
    if (!rejected) card.lastSequence = sequence as number;
    return rejected;
  }

  /** A repeated uuid is the same request again: answered as before, applied once. */
  function repeated(card: CardState, call: RecordedCall): boolean {
    const uuid = call.body?.uuid;
    if (typeof uuid !== "string" || uuid === "") return false;
    if (card.uuids.has(uuid)) return true;
    card.uuids.add(uuid);
    return false;
  }

  const cardOf = (cardId: string | undefined) => cards.get(cardId ?? "");
  const missing = (cardId: string | undefined) => feishuError({ status: 400, code: 300303, message: `card ${cardId} does not exist` });

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/open-apis\/cardkit\/v1\/cards$/,
      handle: ({ call }) => {
        if (call.body?.type !== "card_json") return feishuError({ status: 400, code: 300301, message: 'body must be { type: "card_json", data: <card JSON string> }' });
        const parsed = parseCard({ data: call.body?.data, call });
        if ("error" in parsed) return parsed.error;
        const cardId = `card_fake_${nextId++}`;
        cards.set(cardId, { created: parsed.card, current: structuredClone(parsed.card), updates: [], settings: [], replaced: [], attempts: [], lastSequence: 0, uuids: new Set() });
        return ok({ card_id: cardId });
      },
    },
    {
      method: "PUT",
      pattern: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/elements\/([^/]+)\/content$/,
      handle: ({ call, params }) => {
        const [cardId, elementId] = params;
        const card = cardOf(cardId);
        const { content } = call.body ?? {};
        if (!card) return missing(cardId);
        const element = findElement(card.current, elementId ?? "");
        if (!element) return feishuError({ status: 400, code: 300305, message: `card ${cardId} has no element_id ${elementId}` });
        if (typeof content !== "string") return feishuError({ status: 400, code: 300301, message: "content must be a string" });
        if (call.bodyBytes > CARD_BODY_LIMIT_BYTES) return feishuError({ status: 400, code: 300309, message: `content update is ${call.bodyBytes} bytes; at most ${CARD_BODY_LIMIT_BYTES}` });
        if (repeated(card, call)) return ok();
        const rejected = admit({ card, kind: "content", call });
        if (rejected) return rejected;
        element.content = content;
        card.updates.push({ content, sequence: call.body.sequence });
        return ok();
      },
    },
    {
      method: "PATCH",
      pattern: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/settings$/,
      handle: ({ call, params }) => {
        const card = cardOf(params[0]);
        const settings = parseJsonString(call.body?.settings);
        if (!card) return missing(params[0]);
        if (!settings.ok) return feishuError({ status: 400, code: 300301, message: "settings must be a JSON string" });
        const problem = validateCardJsonV2({ schema: "2.0", ...(settings.value.config ? { config: settings.value.config } : {}), ...(settings.value.card_link ? { card_link: settings.value.card_link } : {}) });
        if (problem) return feishuError({ status: 400, code: 300301, message: `invalid settings: ${problem}` });
        if (repeated(card, call)) return ok();
        const rejected = admit({ card, kind: "settings", call });
        if (rejected) return rejected;
        card.settings.push(settings.value);
        card.current.config = { ...card.current.config, ...settings.value.config };
        return ok();
      },
    },
    {
      method: "PUT",
      pattern: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)$/,
      handle: ({ call, params }) => {
        const card = cardOf(params[0]);
        if (!card) return missing(params[0]);
        if (call.body?.card?.type !== "card_json") return feishuError({ status: 400, code: 300301, message: 'body.card must be { type: "card_json", data: <card JSON string> }' });
        const parsed = parseCard({ data: call.body.card.data, call });
        if ("error" in parsed) return parsed.error;
        if (repeated(card, call)) return ok();
        const rejected = admit({ card, kind: "card", call });
        if (rejected) return rejected;
        card.replaced.push(parsed.card);
        card.current = structuredClone(parsed.card);
        return ok();
      },
    },
  ];

  return {
    routes,
    /** Marks the entity as shown by `messageId`; an error reply when it does not exist or was sent before. */
    claimForMessage(options: { cardId: unknown; messageId: string }): RouteReply | undefined {
      const card = typeof options.cardId === "string" ? cards.get(options.cardId) : undefined;
      if (!card) return feishuError({ status: 400, code: 230099, message: `card entity ${String(options.cardId)} does not exist` });
      if (card.messageId) return feishuError({ status: 400, code: 230099, message: `card entity ${String(options.cardId)} was already sent in ${card.messageId}; an entity can be sent once` });
      card.messageId = options.messageId;
      return undefined;
    },
    cards: (): Map<string, RecordedCard> =>
      new Map([...cards].map(([cardId, { lastSequence: _sequence, uuids: _uuids, ...card }]) => [cardId, card])),
  };
}
