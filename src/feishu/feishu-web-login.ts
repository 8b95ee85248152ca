import { Client, Domain, LoggerLevel, withUserAccessToken } from "@larksuiteoapi/node-sdk";
import type { Config } from "../config.js";
import { LoginError } from "../errors.js";
import type { Logger } from "../log.js";
import type { StaffLogin, StaffMember, StaffSignIn } from "../web/staff-login.js";
import { resolveFeishuDomain } from "./feishu-domain.js";
import { sdkLogger } from "./sdk-logger.js";

/** The authorize page is served by the accounts host, the APIs by the Open API host. */
function authorizeBase(domain: Domain | string): string {
  if (domain === Domain.Feishu) return "https://accounts.feishu.cn";
  if (domain === Domain.Lark) return "https://accounts.larksuite.com";
  return domain; // private deployments (and the test fake) serve both under one base URL
}

/** The v2 OAuth token endpoint answers flat (RFC 6749 style), not in the usual { code, msg, data } envelope. */
interface TokenResponse {
  code?: number;
  access_token?: string;
  error?: string;
  error_description?: string;
}

const TOKEN_HINTS: Record<number, string> = {
  20002: "check FEISHU_APP_ID and FEISHU_APP_SECRET",
  20010: "the person is outside the app's availability (可用范围); widen it in the Feishu console if they should use the page",
  20071: "the redirect_uri must match the authorize request; check PUBLIC_BASE_URL",
};

const MEMBER_PAGES = 50;

function loginError(options: { message: string; hint?: string; cause?: unknown }): LoginError {
  return new LoginError({ hint: "请检查飞书应用的凭据、重定向 URL 和权限（见 docs/feishu-setup.md）", ...options });
}

/**
 * Sign in with Feishu for the staff web page: the Open Platform's web-app OAuth flow (authorize
 * page with PKCE → v2 token endpoint → user_info), limited to the app's own tenant and, when
 * WEB_ALLOWED_USERS or FEISHU_ALLOWED_CHATS is set, to those users (plus FEISHU_ADMINS) and the
 * members of those chats.
 * @example const login = createFeishuWebLogin({ feishu: config.feishu, allowedUsers: config.web.allowedUsers, logger });
 */
export function createFeishuWebLogin(options: { feishu: NonNullable<Config["feishu"]>; allowedUsers: readonly string[]; logger: Logger }): StaffLogin {
  const { feishu, logger } = options;
  const domain = resolveFeishuDomain(feishu.domain);
  const common = { appId: feishu.appId, appSecret: feishu.appSecret, domain, logger: sdkLogger(logger), loggerLevel: LoggerLevel.warn };
  // Tenant token: tenant info and chat members.
  const app = new Client(common);
  // No tenant token attached: the token endpoint takes client_secret in the body, user_info the user's own token.
  const user = new Client({ ...common, disableTokenCache: true });
  const listedUsers = new Set([...options.allowedUsers, ...feishu.admins]);
  const restricted = options.allowedUsers.length > 0 || feishu.allowedChats.length > 0;
  let appTenantKey: Promise<string> | undefined;

  // SDK 1.74 has a typed method only for the v1 token endpoints, which Feishu marks as historical; v2 adds PKCE and redirect_uri binding.
  async function exchangeCode(request: { code: string; redirectUri: string; codeVerifier: string }): Promise<string> {
    let body: TokenResponse | undefined;
    try {
      body = await user.request<TokenResponse>({
        method: "POST",
        url: "/open-apis/authen/v2/oauth/token",
        headers: { "Content-Type": "application/json; charset=utf-8" },
        data: {
          grant_type: "authorization_code",
          client_id: feishu.appId,
          client_secret: feishu.appSecret,
          code: request.code,
          redirect_uri: request.redirectUri,
          code_verifier: request.codeVerifier,
        },
      });
    } catch (cause) {
      body = (cause as { response?: { data?: TokenResponse } }).response?.data;
      if (!body || typeof body !== "object") throw loginError({ message: "the token endpoint could not be reached", cause });
    }
    if (body.code !== 0 || !body.access_token) {
      throw loginError({ message: `code exchange failed: ${body.code} ${body.error ?? ""} ${body.error_description ?? ""}`.trim(), ...(TOKEN_HINTS[body.code ?? -1] ? { hint: TOKEN_HINTS[body.code ?? -1] } : {}) });
    }
    return body.access_token;
  }

  async function userInfo(token: string): Promise<StaffMember & { tenantKey: string }> {
    const response = await user.authen.v1.userInfo.get({}, withUserAccessToken(token));
    const data = response.data;
    if (response.code !== 0 || !data?.open_id || !data.tenant_key) throw loginError({ message: `user_info failed: ${response.code} ${response.msg ?? ""}` });
    return { id: data.open_id, name: data.name || data.en_name || data.open_id, tenantKey: data.tenant_key };
  }

  async function queryTenantKey(): Promise<string> {
    const hint = "enable 获取企业信息 (tenant:tenant:readonly) for the app in the Feishu console and publish a new version";
    try {
      const response = await app.tenant.v2.tenant.query();
      const key = response.data?.tenant?.tenant_key;
      if (response.code !== 0 || !key) throw loginError({ message: `tenant query failed: ${response.code} ${response.msg ?? ""}`, hint });
      return key;
    } catch (cause) {
      throw cause instanceof LoginError ? cause : loginError({ message: "cannot read the app's tenant", hint, cause });
    }
  }

  /** Only the app's own tenant; cached once known, retried after a failure. */
  function tenantKey(): Promise<string> {
    appTenantKey ??= queryTenantKey().catch((error: unknown) => {
      appTenantKey = undefined;
      throw error;
    });
    return appTenantKey;
  }

  async function isChatMember(chatId: string, openId: string): Promise<boolean> {
    try {
      let pageToken: string | undefined;
      for (let page = 0; page < MEMBER_PAGES; page += 1) {
        const response = await app.im.v1.chatMembers.get({
          path: { chat_id: chatId },
          params: { member_id_type: "open_id", page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) },
        });
        if (response.code !== 0) throw new Error(`${response.code} ${response.msg ?? ""}`);
        if (response.data?.items?.some((item) => item.member_id === openId)) return true;
        if (!response.data?.has_more || !response.data.page_token) return false;
        pageToken = response.data.page_token;
      }
    } catch (error) {
      logger.warn({ err: error, chatId }, "cannot list chat members for the web login; the bot must be in the chat and have 查看群成员 (im:chat.members:read)");
    }
    return false;
  }

  async function decide(person: StaffMember & { tenantKey: string }): Promise<StaffSignIn> {
    const staff = { id: person.id, name: person.name };
    if (person.tenantKey !== (await tenantKey())) return { status: "refused", reason: "other-tenant", staff };
    if (!restricted || listedUsers.has(person.id)) return { status: "allowed", staff };
    for (const chatId of feishu.allowedChats) {
      if (await isChatMember(chatId, person.id)) return { status: "allowed", staff };
    }
    return { status: "refused", reason: "not-listed", staff };
  }

  return {
    authorizeUrl: ({ redirectUri, state, codeChallenge }) => {
      const query = new URLSearchParams({
        client_id: feishu.appId,
        response_type: "code",
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
      });
      return `${authorizeBase(domain)}/open-apis/authen/v1/authorize?${query.toString()}`;
    },
    signIn: async (request) => decide(await userInfo(await exchangeCode(request))),
  };
}
