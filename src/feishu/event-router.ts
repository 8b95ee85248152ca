import type { Logger } from "../log.js";
import type { CallbackResponse } from "./card-actions.js";

/** What the SDK's WSClient and our webhook handler hand events to (the EventDispatcher's shape). */
export interface EventSink {
  invoke(data: unknown, params?: { needCheck?: boolean }): Promise<unknown>;
}

/** A card callback envelope (schema 2.0 card.action.trigger). */
export function isCardCallback(envelope: unknown): boolean {
  const header = (envelope as { header?: { event_type?: unknown } } | null)?.header;
  return header?.event_type === "card.action.trigger";
}

/**
 * Sends card callbacks to our own handler and every other event to the Channel's dispatcher. The
 * Channel would put a click into the chat's queue behind an answer being written, and the
 * long-connection ack (which carries the callback response) would wait for it, past Feishu's
 * 3-second deadline.
 */
export function createEventRouter(options: { dispatcher: EventSink; onCardAction: (envelope: unknown) => CallbackResponse; logger: Logger }): EventSink {
  return {
    async invoke(data, params) {
      if (!isCardCallback(data)) return options.dispatcher.invoke(data, params);
      try {
        return options.onCardAction(data);
      } catch (error) {
        options.logger.error({ err: error }, "feishu card action failed");
        return { toast: { type: "error", content: "操作失败，请稍后再试。" } } satisfies CallbackResponse;
      }
    },
  };
}
