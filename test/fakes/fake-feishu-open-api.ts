/**
 * The Open API routes a bot uses (IM messages, files, CardKit), with the state they build up.
 * Request plumbing (auth, recording, JSON/multipart parsing) lives in fake-feishu-server.ts.
 */

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or for multipart { fields, file? }, or undefined for an empty body. */
  body: any;
  at: number;
  /** HTTP status the fake answered with (set once the route has run). */
  status?: number;
}

export interface MultipartBody {
  fields: Record<string, string>;
  file?: { name: string; bytes: Buffer };
}

export interface SentMessage {
  via: "reply" | "create";
  replyTo?: string;
  receiveId?: string;
  receiveIdType?: string;
  msgType: string;
  /** The message's `content`, parsed from its JSON string. */
  content: any;
  replyInThread: boolean;
  messageId: string;
  /** Parsed contents of later PATCH /im/v1/messages/:id calls, in order. */
  updates: any[];
}

export interface RecordedCard {
  created: any;
  updates: { content: string; sequence: number }[];
  settings: any[];
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
  handle(context: { call: RecordedCall; params: string[] }): RouteReply;
}

export function feishuError(options: { status: number; code: number; message: string }): RouteReply {
  return { status: options.status, json: { code: options.code, msg: `fake Feishu: ${options.message}` } };
}

const ok = (data?: object): RouteReply => ({ json: { code: 0, msg: "success", data: data ?? {} } });
const receiveIdTypes = new Set(["chat_id", "open_id", "user_id", "union_id", "email"]);
const uploadFileTypes = new Set(["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"]);

function parseJsonString(text: unknown): { ok: true; value: any } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function containsElement(node: unknown, elementId: string): boolean {
  if (Array.isArray(node)) return node.some((child) => containsElement(child, elementId));
  if (node === null || typeof node !== "object") return false;
  if ((node as { element_id?: unknown }).element_id === elementId) return true;
  return Object.values(node).some((child) => containsElement(child, elementId));
}

function fileDownload(options: { bytes: Buffer; fileName: string }): RouteReply {
  const disposition = `attachment; filename="${encodeURIComponent(options.fileName)}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`;
  return { bytes: options.bytes, headers: { "content-type": "application/octet-stream", "content-disposition": disposition } };
}

export function createOpenApi() {
  let nextId = 1;
  const messages = new Map<string, SentMessage>();
  const cards = new Map<string, RecordedCard & { lastSequence: number }>();
  const resources = new Map<string, { messageId?: string; bytes: Buffer; fileName: string }>();
  const uploads: { fileKey: string; fileName: string; bytes: Buffer }[] = [];

  function sendMessage(options: { call: RecordedCall; via: SentMessage["via"]; replyTo?: string }): RouteReply {
    const { body, query } = options.call;
    const content = parseJsonString(body?.content);
    if (typeof body?.msg_type !== "string") return feishuError({ status: 400, code: 230001, message: "msg_type is required" });
    if (!content.ok) return feishuError({ status: 400, code: 230001, message: "content must be a JSON string" });
    const message: SentMessage = { via: options.via, msgType: body.msg_type, content: content.value, replyInThread: body.reply_in_thread === true, messageId: `om_fake_${nextId++}`, updates: [] };
    if (options.via === "reply") message.replyTo = options.replyTo;
    else {
      if (!receiveIdTypes.has(query.receive_id_type ?? "")) return feishuError({ status: 400, code: 99992402, message: "receive_id_type query must be chat_id, open_id, user_id, union_id or email" });
      if (typeof body.receive_id !== "string" || body.receive_id === "") return feishuError({ status: 400, code: 99992402, message: "receive_id is required" });
      message.receiveId = body.receive_id;
      message.receiveIdType = query.receive_id_type;
    }
    messages.set(message.messageId, message);
    return ok({ message_id: message.messageId, msg_type: message.msgType, chat_id: message.receiveIdType === "chat_id" ? message.receiveId : undefined });
  }

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/,
      handle: ({ call, params }) => sendMessage({ call, via: "reply", replyTo: params[0] }),
    },
    { method: "POST", pattern: /^\/open-apis\/im\/v1\/messages$/, handle: ({ call }) => sendMessage({ call, via: "create" }) },
    {
      method: "PATCH",
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
      handle: ({ call, params }) => {
        const message = messages.get(params[0] ?? "");
        if (!message) return feishuError({ status: 400, code: 230002, message: `message ${params[0]} was not sent by this bot` });
        if (message.msgType !== "interactive") return feishuError({ status: 400, code: 230001, message: `only interactive (card) messages can be patched, ${message.messageId} is ${message.msgType}` });
        const content = parseJsonString(call.body?.content);
        if (!content.ok) return feishuError({ status: 400, code: 230001, message: "content must be a JSON string" });
        message.updates.push(content.value);
        return ok();
      },
    },
    {
      method: "POST",
      pattern: /^\/open-apis\/im\/v1\/files$/,
      handle: ({ call }) => {
        const body = call.body as MultipartBody | undefined;
        const fileType = body?.fields?.file_type ?? "";
        const fileName = body?.fields?.file_name ?? "";
        if (!uploadFileTypes.has(fileType)) return feishuError({ status: 400, code: 234001, message: `file_type "${fileType}" is not one of ${[...uploadFileTypes].join(", ")}` });
        if (!fileName || !body?.file) return feishuError({ status: 400, code: 234001, message: "file_name and file are required (multipart/form-data)" });
        const fileKey = `file_v3_fake_${nextId++}`;
        uploads.push({ fileKey, fileName, bytes: body.file.bytes });
        return ok({ file_key: fileKey });
      },
    },
    {
      method: "GET",
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
      handle: ({ call, params }) => {
        const [messageId, fileKey] = params;
        const resource = resources.get(fileKey ?? "");
        if (call.query.type !== "file" && call.query.type !== "image") return feishuError({ status: 400, code: 234001, message: "query type must be file or image" });
        if (!resource || (resource.messageId !== undefined && resource.messageId !== messageId)) {
          return feishuError({ status: 400, code: 234003, message: `no resource ${fileKey} in message ${messageId}; register it with addResource()` });
        }
        return fileDownload(resource);
      },
    },
    {
      method: "GET",
      pattern: /^\/open-apis\/im\/v1\/files\/([^/]+)$/,
      handle: ({ params }) => {
        const fileKey = params[0] ?? "";
        const file = resources.get(fileKey) ?? uploads.find((upload) => upload.fileKey === fileKey);
        return file ? fileDownload(file) : feishuError({ status: 400, code: 234003, message: `no file ${fileKey}; register it with addResource()` });
      },
    },
    {
      method: "POST",
      pattern: /^\/open-apis\/cardkit\/v1\/cards$/,
      handle: ({ call }) => {
        const data = parseJsonString(call.body?.data);
        if (call.body?.type !== "card_json" || !data.ok) return feishuError({ status: 400, code: 300301, message: 'body must be { type: "card_json", data: <card JSON string> }' });
        const cardId = `card_fake_${nextId++}`;
        cards.set(cardId, { created: data.value, updates: [], settings: [], lastSequence: 0 });
        return ok({ card_id: cardId });
      },
    },
    {
      method: "PUT",
      pattern: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/elements\/([^/]+)\/content$/,
      handle: ({ call, params }) => {
        const [cardId, elementId] = params;
        const card = cards.get(cardId ?? "");
        const { content, sequence } = call.body ?? {};
        if (!card) return feishuError({ status: 400, code: 300303, message: `card ${cardId} does not exist` });
        if (!containsElement(card.created, elementId ?? "")) return feishuError({ status: 400, code: 300305, message: `card ${cardId} has no element_id ${elementId}` });
        if (typeof content !== "string") return feishuError({ status: 400, code: 300301, message: "content must be a string" });
        const rejected = checkSequence(card, sequence);
        if (rejected) return rejected;
        card.updates.push({ content, sequence });
        return ok();
      },
    },
    {
      method: "PATCH",
      pattern: /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)\/settings$/,
      handle: ({ call, params }) => {
        const card = cards.get(params[0] ?? "");
        const settings = parseJsonString(call.body?.settings);
        if (!card) return feishuError({ status: 400, code: 300303, message: `card ${params[0]} does not exist` });
        if (!settings.ok) return feishuError({ status: 400, code: 300301, message: "settings must be a JSON string" });
        const rejected = checkSequence(card, call.body?.sequence);
        if (rejected) return rejected;
        card.settings.push(settings.value);
        return ok();
      },
    },
  ];

  // CardKit rejects a sequence that does not grow, across all operations on one card.
  function checkSequence(card: { lastSequence: number }, sequence: unknown): RouteReply | undefined {
    if (typeof sequence !== "number" || !Number.isInteger(sequence) || sequence <= card.lastSequence) {
      return feishuError({ status: 400, code: 300317, message: `sequence ${String(sequence)} must be an integer greater than ${card.lastSequence}` });
    }
    card.lastSequence = sequence;
    return undefined;
  }

  return {
    routes,
    sentMessages: (): SentMessage[] => [...messages.values()],
    cards: (): Map<string, RecordedCard> =>
      new Map([...cards].map(([cardId, card]) => [cardId, { created: card.created, updates: card.updates, settings: card.settings }])),
    addResource(options: { messageId?: string; fileKey: string; bytes: Buffer; fileName?: string }): void {
      resources.set(options.fileKey, { messageId: options.messageId, bytes: options.bytes, fileName: options.fileName ?? options.fileKey });
    },
    uploadedFiles: () => [...uploads],
  };
}
