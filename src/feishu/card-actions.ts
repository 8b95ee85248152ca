import type { Logger } from "../log.js";
import type { FeedbackStore } from "../store/feedback-store.js";
import { messageCard } from "./cards.js";
import type { FeishuMessenger } from "./feishu-messenger.js";
import { messageUuid } from "./message-uuid.js";

/** What the bot answers a card callback with: Feishu shows the toast to the person who clicked. */
export interface CallbackResponse {
  toast?: { type: "success" | "info" | "warning" | "error"; content: string };
}

/** A button click, read from a card.action.trigger envelope. */
export interface CardAction {
  eventId: string;
  messageId: string;
  chatId: string;
  operatorOpenId: string;
  value: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The click in a card.action.trigger envelope, or undefined when a field it needs is missing. */
export function readCardAction(envelope: unknown): CardAction | undefined {
  if (!isObject(envelope) || !isObject(envelope.event)) return undefined;
  const { event } = envelope;
  const header = isObject(envelope.header) ? envelope.header : {};
  const context = isObject(event.context) ? event.context : {};
  const operator = isObject(event.operator) ? event.operator : {};
  const action = isObject(event.action) ? event.action : {};
  const fields = { eventId: header.event_id, messageId: context.open_message_id, chatId: context.open_chat_id, operatorOpenId: operator.open_id };
  if (!Object.values(fields).every((value) => typeof value === "string" && value !== "")) return undefined;
  return { ...(fields as Omit<CardAction, "value">), value: isObject(action.value) ? action.value : {} };
}

const toast = (type: NonNullable<CallbackResponse["toast"]>["type"], content: string): CallbackResponse => ({ toast: { type, content } });

/**
 * Card button clicks, answered at once and outside the per-chat queue (Feishu gives a callback
 * 3 seconds): 👍/👎 is stored (a quick SQLite write) and acknowledged with a toast, every time it
 * is clicked; "查看全文" answers with a toast and sends the item's text afterwards.
 */
export function createCardActionHandler(options: {
  feedback: FeedbackStore;
  /** FEISHU_ALLOWED_CHATS, applied as for messages (logs the refusal). */
  chatAllowed: (event: { chatId: unknown; messageId: unknown }, kind: string) => boolean;
  /** The item's full text as card markdown, or undefined when it is gone. */
  itemText: (value: Record<string, unknown>) => string | undefined;
  messenger: FeishuMessenger;
  logger: Logger;
}): (envelope: unknown) => CallbackResponse {
  const { feedback, messenger, logger } = options;

  const sendItemText = async (action: CardAction) => {
    const text = options.itemText(action.value) ?? "这条信息已不在库中（可能该期已被替换），请重新提问。";
    // A card, not a post: card markdown is where escapeMarkdown's entities are documented to work.
    await messenger.sendCard({ target: { replyTo: action.messageId, replyInThread: true }, card: messageCard({ title: "信息全文", text }), uuid: messageUuid({ source: action.eventId, purpose: "item-text" }) });
  };

  return (envelope) => {
    const action = readCardAction(envelope);
    if (!action) {
      logger.warn("card action without message, chat or operator; ignored");
      return {};
    }
    if (!options.chatAllowed(action, "card action")) return toast("warning", "本群未开通简报问答，操作未生效。");
    const { value } = action;
    if (value.action === "feedback" && typeof value.answerId === "string" && (value.rating === "up" || value.rating === "down")) {
      const stored = feedback.rate({ answerId: value.answerId, rating: value.rating, userId: action.operatorOpenId, chatId: action.chatId });
      logger.info({ answerId: value.answerId, rating: value.rating, stored }, "feishu feedback");
      return stored ? toast("success", "已记录，谢谢") : toast("warning", "这条回答已无法评价，请重新提问。");
    }
    if (value.action === "item_text") {
      setImmediate(() => {
        sendItemText(action).catch((error: unknown) => logger.error({ err: error, messageId: action.messageId }, "sending an item's full text failed"));
      });
      return toast("info", "正在发送全文…");
    }
    logger.info({ value, messageId: action.messageId }, "unknown card action");
    return toast("info", "这个按钮已失效，请重新提问。");
  };
}
