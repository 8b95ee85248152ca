/**
 * The Open API routes a bot uses (IM messages, files, CardKit, chat members, tenant info) and the
 * web-app OAuth login (authorize page, v2 token, user_info), with the state they build up.
 * Request plumbing (auth, recording, JSON/multipart parsing) lives in fake-feishu-server.ts.
 */
import { createHash } from "node:crypto";
import { validateCardJsonV2 } from "./card-json-v2.js";
import { createFakeCardKit, type RecordedCard } from "./fake-cardkit.js";
import { CARD_BODY_LIMIT_BYTES, TEXT_BODY_LIMIT_BYTES, feishuError, ok, parseJsonString, type RecordedCall, type Route, type RouteReply } from "./fake-feishu-routes.js";

export type { RecordedCall, Route, RouteReply } from "./fake-feishu-routes.js";
export type { RecordedCard } from "./fake-cardkit.js";
export { feishuError } from "./fake-feishu-routes.js";

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
  /** The request's `uuid` (idempotency key), when it had one. */
  uuid?: string;
  /** Size of the request body that sent it, in bytes. */
  bodyBytes: number;
  /** Parsed contents of later PATCH /im/v1/messages/:id calls, in order. */
  updates: any[];
}

/** A person who can sign in on the fake authorize page. */
export interface FakeFeishuUser {
  openId: string;
  name: string;
  /** Defaults to the fake app's own tenant (fakeTenantKey). */
  tenantKey?: string;
}

/** The tenant the fake app belongs to (GET /tenant/v2/tenant/query). */
export const fakeTenantKey = "736588c9260f175d";

const receiveIdTypes = new Set(["chat_id", "open_id", "user_id", "union_id", "email"]);
const uploadFileTypes = new Set(["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"]);
const UPLOAD_LIMIT_BYTES = 30 * 1024 * 1024;

function fileDownload(options: { bytes: Buffer; fileName: string }): RouteReply {
  const disposition = `attachment; filename="${encodeURIComponent(options.fileName)}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`;
  return { bytes: options.bytes, headers: { "content-type": "application/octet-stream", "content-disposition": disposition } };
}

/** The v2 OAuth token endpoint answers flat, RFC 6749 style: { code, error, error_description } on failure. */
function oauthError(options: { status?: number; code: number; error: string; description: string }): RouteReply {
  return { status: options.status ?? 400, json: { code: options.code, error: options.error, error_description: `fake Feishu: ${options.description}` } };
}

const CODE_TTL_MS = 5 * 60 * 1000;
/** Requests with the same uuid within this window send at most one message. */
const UUID_WINDOW_MS = 60 * 60 * 1000;

export function createOpenApi(options: { appId: string; appSecret: string }) {
  let nextId = 1;
  const messages = new Map<string, SentMessage>();
  const cardKit = createFakeCardKit();
  // Message uuid -> the message it sent: a repeated uuid within an hour sends nothing new.
  const sentByUuid = new Map<string, { messageId: string; at: number }>();
  const resources = new Map<string, { messageId?: string; bytes: Buffer; fileName: string }>();
  const uploads: { fileKey: string; fileName: string; fileType: string; bytes: Buffer }[] = [];
  const users = new Map<string, Required<FakeFeishuUser>>();
  const codes = new Map<string, { openId: string; redirectUri: string; codeChallenge?: string; expires: number; used: boolean }>();
  const userTokens = new Map<string, string>();
  const chatMembers = new Map<string, string[]>();
  let signedIn: { openId: string; decline: boolean } | undefined;

  /** Why a message body would be refused for its size or card JSON, or undefined. */
  function contentProblem(options: { call: RecordedCall; msgType: string; content: any }): RouteReply | undefined {
    const limit = options.msgType === "text" ? TEXT_BODY_LIMIT_BYTES : CARD_BODY_LIMIT_BYTES;
    if (options.call.bodyBytes > limit) {
      return feishuError({ status: 400, code: 230025, message: `${options.msgType} message body is ${options.call.bodyBytes} bytes; at most ${limit} (${limit / 1024} KB)` });
    }
    if (options.msgType === "interactive" && options.content?.type !== "card" && options.content?.schema === "2.0") {
      const problem = validateCardJsonV2(options.content);
      if (problem) return feishuError({ status: 400, code: 230099, message: `invalid card JSON 2.0: ${problem}` });
    }
    return undefined;
  }

  function sendMessage(options: { call: RecordedCall; via: SentMessage["via"]; replyTo?: string }): RouteReply {
    const { body, query } = options.call;
    const content = parseJsonString(body?.content);
    if (typeof body?.msg_type !== "string") return feishuError({ status: 400, code: 230001, message: "msg_type is required" });
    if (!content.ok) return feishuError({ status: 400, code: 230001, message: "content must be a JSON string" });
    const uuid = body?.uuid;
    if (uuid !== undefined && (typeof uuid !== "string" || uuid.length === 0 || uuid.length > 50)) return feishuError({ status: 400, code: 230001, message: "uuid must be a string of 1 to 50 characters" });
    const earlier = typeof uuid === "string" ? sentByUuid.get(uuid) : undefined;
    if (earlier && Date.now() - earlier.at < UUID_WINDOW_MS) {
      const message = messages.get(earlier.messageId)!;
      return ok({ message_id: message.messageId, msg_type: message.msgType, chat_id: message.receiveIdType === "chat_id" ? message.receiveId : undefined });
    }
    const problem = contentProblem({ call: options.call, msgType: body.msg_type, content: content.value });
    if (problem) return problem;
    // A file message names a file this app uploaded (POST /im/v1/files) or a resource of a message.
    if (body.msg_type === "file") {
      const fileKey = content.value?.file_key;
      if (typeof fileKey !== "string" || (!uploads.some((upload) => upload.fileKey === fileKey) && !resources.has(fileKey))) {
        return feishuError({ status: 400, code: 230001, message: `file message content needs the file_key of an uploaded file (got ${JSON.stringify(fileKey)})` });
      }
    }
    const message: SentMessage = {
      via: options.via,
      msgType: body.msg_type,
      content: content.value,
      replyInThread: body.reply_in_thread === true,
      messageId: `om_fake_${nextId++}`,
      ...(typeof uuid === "string" ? { uuid } : {}),
      bodyBytes: options.call.bodyBytes,
      updates: [],
    };
    if (options.via === "reply") message.replyTo = options.replyTo;
    else {
      if (!receiveIdTypes.has(query.receive_id_type ?? "")) return feishuError({ status: 400, code: 99992402, message: "receive_id_type query must be chat_id, open_id, user_id, union_id or email" });
      if (typeof body.receive_id !== "string" || body.receive_id === "") return feishuError({ status: 400, code: 99992402, message: "receive_id is required" });
      message.receiveId = body.receive_id;
      message.receiveIdType = query.receive_id_type;
    }
    if (message.msgType === "interactive" && content.value?.type === "card") {
      const refused = cardKit.claimForMessage({ cardId: content.value?.data?.card_id, messageId: message.messageId });
      if (refused) return refused;
    }
    messages.set(message.messageId, message);
    if (typeof uuid === "string") sentByUuid.set(uuid, { messageId: message.messageId, at: Date.now() });
    return ok({ message_id: message.messageId, msg_type: message.msgType, chat_id: message.receiveIdType === "chat_id" ? message.receiveId : undefined });
  }

  // The authorize page as the browser sees it once the person is signed in to Feishu: straight back to redirect_uri.
  function authorize(call: RecordedCall): RouteReply {
    const { query } = call;
    if (query.client_id !== options.appId) return feishuError({ status: 400, code: 20048, message: `client_id ${query.client_id ?? "(missing)"} is not this app` });
    if (query.response_type !== undefined && query.response_type !== "code") return feishuError({ status: 400, code: 20063, message: "response_type must be code" });
    if (query.code_challenge !== undefined && query.code_challenge_method !== "S256") return feishuError({ status: 400, code: 20063, message: "code_challenge_method must be S256" });
    let target: URL;
    try {
      target = new URL(query.redirect_uri ?? "");
    } catch {
      return feishuError({ status: 400, code: 20001, message: "redirect_uri is required and must be an absolute URL" });
    }
    if (!signedIn) return feishuError({ status: 401, code: 20008, message: "nobody is signed in on the fake authorize page; call signInAs() first" });
    if (query.state !== undefined) target.searchParams.set("state", query.state);
    if (signedIn.decline) target.searchParams.set("error", "access_denied");
    else {
      const code = `fake-code-${nextId++}`;
      codes.set(code, { openId: signedIn.openId, redirectUri: query.redirect_uri!, ...(query.code_challenge ? { codeChallenge: query.code_challenge } : {}), expires: Date.now() + CODE_TTL_MS, used: false });
      target.searchParams.set("code", code);
    }
    return { status: 302, bytes: Buffer.alloc(0), headers: { location: target.href } };
  }

  function exchangeCode(call: RecordedCall): RouteReply {
    const body = call.body ?? {};
    if (call.headers.authorization?.startsWith("Basic ")) return oauthError({ code: 20070, error: "invalid_request", description: "use client_secret or Basic authentication, not both" });
    if (body.grant_type !== "authorization_code") return oauthError({ code: 20036, error: "unsupported_grant_type", description: `grant_type ${String(body.grant_type)} is not supported` });
    if (body.client_id !== options.appId || body.client_secret !== options.appSecret) return oauthError({ code: 20002, error: "invalid_client", description: "client_id or client_secret is invalid" });
    if (typeof body.code !== "string" || body.code === "") return oauthError({ code: 20001, error: "invalid_request", description: "code is required" });
    const grant = codes.get(body.code);
    if (!grant) return oauthError({ code: 20003, error: "invalid_grant", description: "the authorization code is not found" });
    if (grant.used) return oauthError({ code: 20065, error: "invalid_grant", description: "the authorization code has been used" });
    if (grant.expires < Date.now()) return oauthError({ code: 20004, error: "invalid_grant", description: "the authorization code has expired" });
    if (body.redirect_uri !== undefined && body.redirect_uri !== grant.redirectUri) return oauthError({ code: 20071, error: "invalid_grant", description: "redirect_uri does not match the authorize request" });
    if (grant.codeChallenge !== undefined) {
      const verifier = typeof body.code_verifier === "string" ? body.code_verifier : "";
      if (createHash("sha256").update(verifier).digest("base64url") !== grant.codeChallenge) return oauthError({ code: 20049, error: "invalid_grant", description: "PKCE code challenge failed" });
    }
    grant.used = true;
    const token = `u-fake-${nextId++}`;
    userTokens.set(token, grant.openId);
    return { json: { code: 0, access_token: token, expires_in: 7200, token_type: "Bearer", scope: "" } };
  }

  function userInfo(call: RecordedCall): RouteReply {
    const openId = userTokens.get((call.headers.authorization ?? "").replace(/^Bearer /, ""));
    const user = openId ? users.get(openId) : undefined;
    if (!user) return feishuError({ status: 401, code: 99991668, message: "Invalid access token for authorization (user_access_token expected)" });
    return ok({
      name: user.name,
      en_name: user.name,
      avatar_url: "https://example.invalid/avatar.png",
      open_id: user.openId,
      union_id: `on_${user.openId.slice(3)}`,
      tenant_key: user.tenantKey,
    });
  }

  function listChatMembers(call: RecordedCall, chatId: string): RouteReply {
    const members = chatMembers.get(chatId);
    const idType = call.query.member_id_type ?? "open_id";
    const pageSize = Number(call.query.page_size ?? 20);
    if (!members) return feishuError({ status: 400, code: 232011, message: `the bot is not in chat ${chatId}; register it with setChatMembers()` });
    if (idType !== "open_id") return feishuError({ status: 400, code: 232001, message: "this fake lists members by open_id only" });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return feishuError({ status: 400, code: 232001, message: "page_size must be 1..100" });
    const start = Number(call.query.page_token ?? 0);
    const page = members.slice(start, start + pageSize);
    const hasMore = start + pageSize < members.length;
    return ok({
      items: page.map((openId) => ({ member_id_type: "open_id", member_id: openId, name: users.get(openId)?.name ?? openId, tenant_key: users.get(openId)?.tenantKey ?? fakeTenantKey })),
      has_more: hasMore,
      page_token: hasMore ? String(start + pageSize) : "",
      member_total: members.length,
    });
  }

  const routes: Route[] = [
    { method: "GET", pattern: /^\/open-apis\/authen\/v1\/authorize$/, auth: "none", handle: ({ call }) => authorize(call) },
    { method: "POST", pattern: /^\/open-apis\/authen\/v2\/oauth\/token$/, auth: "none", handle: ({ call }) => exchangeCode(call) },
    { method: "GET", pattern: /^\/open-apis\/authen\/v1\/user_info$/, auth: "user", handle: ({ call }) => userInfo(call) },
    {
      method: "GET",
      pattern: /^\/open-apis\/tenant\/v2\/tenant\/query$/,
      handle: () => ok({ tenant: { name: "上街区（测试）", display_id: "F000000001", tenant_tag: 0, tenant_key: fakeTenantKey, avatar: {} } }),
    },
    { method: "GET", pattern: /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/, handle: ({ call, params }) => listChatMembers(call, params[0] ?? "") },
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
        if (message.content?.type === "card") {
          return feishuError({ status: 400, code: 230001, message: `${message.messageId} shows card entity ${message.content?.data?.card_id}; change a card entity through CardKit (PUT /open-apis/cardkit/v1/cards/:card_id)` });
        }
        const content = parseJsonString(call.body?.content);
        if (!content.ok) return feishuError({ status: 400, code: 230001, message: "content must be a JSON string" });
        const problem = contentProblem({ call, msgType: "interactive", content: content.value });
        if (problem) return problem;
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
        // The platform refuses empty files and files over 30 MB.
        if (body.file.bytes.length === 0) return feishuError({ status: 400, code: 234001, message: "empty files cannot be uploaded" });
        if (body.file.bytes.length > UPLOAD_LIMIT_BYTES) return feishuError({ status: 400, code: 234001, message: `file is ${body.file.bytes.length} bytes; at most 30 MB` });
        const fileKey = `file_v3_fake_${nextId++}`;
        uploads.push({ fileKey, fileName, fileType, bytes: body.file.bytes });
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
  ];

  return {
    routes: [...routes, ...cardKit.routes],
    sentMessages: (): SentMessage[] => [...messages.values()],
    cards: (): Map<string, RecordedCard> => cardKit.cards(),
    addResource(options: { messageId?: string; fileKey: string; bytes: Buffer; fileName?: string }): void {
      resources.set(options.fileKey, { messageId: options.messageId, bytes: options.bytes, fileName: options.fileName ?? options.fileKey });
    },
    uploadedFiles: () => [...uploads],
    addUser(user: FakeFeishuUser): void {
      users.set(user.openId, { ...user, tenantKey: user.tenantKey ?? fakeTenantKey });
    },
    /** The person the authorize page acts for (undefined: nobody); `decline` sends them back with error=access_denied. */
    signInAs(openId: string | undefined, signInOptions: { decline?: boolean } = {}): void {
      if (openId !== undefined && !users.has(openId)) throw new Error(`fake Feishu: no user ${openId}; addUser() first`);
      signedIn = openId === undefined ? undefined : { openId, decline: signInOptions.decline ?? false };
    },
    setChatMembers(chat: { chatId: string; openIds: string[] }): void {
      chatMembers.set(chat.chatId, [...chat.openIds]);
    },
  };
}
