import { timingSafeEqual } from "node:crypto";
import { stringifySetCookie } from "cookie";
import express, { type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "../log.js";
import { HttpError } from "./http-error.js";
import { loginPage, loginProblemPage } from "./login-pages.js";
import type { LoginStates } from "./login-states.js";
import type { StaffLogin, StaffRefusal, StaffSignIn } from "./staff-login.js";
import { cookieName, readCookie, type StaffSessions } from "./staff-sessions.js";

export const CALLBACK_PATH = "/auth/feishu/callback";
const LOGIN_STATE_SECONDS = 10 * 60;
const ADMIN = "本系统的管理员（负责简报问答飞书机器人的同事）";

const REFUSALS: Record<StaffRefusal, (name: string) => { title: string; message: string; hint: string }> = {
  "other-tenant": (name) => ({
    title: "无法登录",
    message: `您登录的飞书账号（${name}）不属于本单位的飞书企业，本页面只对本单位工作人员开放。`,
    hint: `请改用本单位的飞书账号登录；如有疑问，请联系${ADMIN}。`,
  }),
  "not-listed": (name) => ({
    title: "尚未开通访问权限",
    message: `您的飞书账号（${name}）还没有开通本页面的访问权限。`,
    hint: `如需使用，请把下面的飞书用户 ID 发给${ADMIN}，由其加入访问名单，或把您拉入已授权的工作群：`,
  }),
};

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendProblem(response: Response, status: number, options: Parameters<typeof loginProblemPage>[0]): void {
  response.status(status).type("html").send(loginProblemPage(options));
}

/**
 * The staff login: /login, the Feishu OAuth round trip (/auth/feishu/login → provider → /auth/feishu/callback)
 * with a single-use, browser-bound, short-lived state, POST /auth/logout, and `requireStaff`, which puts
 * the session in `response.locals.staff`, and without one answers 401 JSON under /api and sends pages to /login.
 */
export function createStaffAuth(options: {
  login: StaffLogin;
  sessions: StaffSessions;
  states: LoginStates;
  redirectUri: string;
  secure: boolean;
  /** Names the login pages, e.g. 上街信息问答. */
  siteName: string;
  logger: Logger;
}) {
  const { login, sessions, states, redirectUri, siteName, logger } = options;
  const stateCookie = cookieName({ base: "bulletin_login", secure: options.secure });
  const setStateCookie = (response: Response, value: string, maxAge: number) =>
    response.append("Set-Cookie", stringifySetCookie(stateCookie, value, { httpOnly: true, secure: options.secure, sameSite: "lax", path: "/", maxAge }));
  const routes = express.Router();

  routes.get("/login", (request, response) => {
    if (sessions.read({ request })) return response.redirect(302, "/");
    response.type("html").send(loginPage({ signedOut: request.query["signed-out"] === "1", siteName }));
  });

  routes.get("/auth/feishu/login", (_request, response) => {
    const pending = states.start();
    setStateCookie(response, pending.state, LOGIN_STATE_SECONDS);
    response.redirect(302, login.authorizeUrl({ redirectUri, state: pending.state, codeChallenge: pending.codeChallenge }));
  });

  routes.get(CALLBACK_PATH, async (request, response) => {
    const query = request.query as Record<string, unknown>;
    const state = typeof query.state === "string" ? query.state : "";
    const cookie = readCookie(request, stateCookie) ?? "";
    setStateCookie(response, "", 0);
    // CSRF: the state must be one this server issued, unused and fresh, and come back to the browser that started the login.
    const pending = state && cookie && sameText(state, cookie) ? states.take({ state }) : undefined;
    if (!pending) {
      logger.warn({ hasState: state !== "", hasCookie: cookie !== "" }, "web login refused: unknown, reused, expired or foreign state");
      return sendProblem(response, 400, { siteName, title: "登录已失效", message: "这个登录请求已经失效：超过了 10 分钟、已经使用过，或者不是从这个浏览器发起的。请重新登录。" });
    }
    if (typeof query.code !== "string" || query.code === "") {
      return sendProblem(response, 403, { siteName, title: "没有登录", message: "您没有同意飞书授权，因此没有登录。需要使用本页面时，请重新登录并在飞书中点击“授权”。" });
    }
    let result: StaffSignIn;
    try {
      result = await login.signIn({ code: query.code, redirectUri, codeVerifier: pending.codeVerifier });
    } catch (error) {
      logger.error({ err: error }, "web login failed at the identity provider");
      return sendProblem(response, 502, { siteName, title: "登录失败", message: "飞书登录没有完成，请稍后重试。", hint: `如果多次失败，请联系${ADMIN}，服务器日志中记录了原因。` });
    }
    if (result.status === "refused") {
      logger.warn({ staff: result.staff.id, reason: result.reason }, "web login refused");
      return sendProblem(response, 403, { siteName, ...REFUSALS[result.reason](result.staff.name), ...(result.reason === "not-listed" ? { id: result.staff.id } : {}) });
    }
    sessions.issue({ response, staff: result.staff });
    logger.info({ staff: result.staff.id }, "web login");
    response.redirect(302, "/");
  });

  routes.post("/auth/logout", (_request, response) => {
    sessions.clear({ response });
    response.redirect(303, "/login?signed-out=1");
  });

  const requireStaff: RequestHandler = (request: Request, response, next) => {
    const session = sessions.read({ request });
    if (session) {
      response.locals.staff = session;
      return next();
    }
    if (request.originalUrl.startsWith("/api/") || request.originalUrl === "/api") return next(new HttpError(401, "请先使用飞书账号登录。"));
    if (request.method === "GET" || request.method === "HEAD") return response.redirect(302, "/login");
    next(new HttpError(401, "请先使用飞书账号登录。"));
  };

  return { routes, requireStaff };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
