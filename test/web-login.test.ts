import { request as httpRequest } from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createFeishuWebLogin } from "../src/feishu/feishu-web-login.js";
import { createLogger } from "../src/log.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { fakeAppId, fakeAppSecret, startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { rejection } from "./helpers/network.js";
import { SAMPLES, sampleApplication } from "./helpers/sample-application.js";

const PUBLIC = "https://bulletins.example.gov.cn";
const silent = createLogger({ level: "silent" });

let application: Application;
let dataDir: string;
let fake: FakeFeishu;
type Server = Awaited<ReturnType<typeof startWebServer>>;
const servers: Server[] = [];

beforeAll(async () => {
  ({ application, dataDir } = await sampleApplication({ paths: [SAMPLES] }));
  fake = await startFakeFeishu();
  fake.addUser({ openId: "ou_zhang", name: "张三" });
  fake.addUser({ openId: "ou_listed", name: "李四" });
  fake.addUser({ openId: "ou_member", name: "王五" });
  fake.addUser({ openId: "ou_other", name: "赵六" });
  fake.addUser({ openId: "ou_mallory", name: "钱七" });
  fake.addUser({ openId: "ou_outsider", name: "外单位人员", tenantKey: "2f0a9b7c1d3e5f71" });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  fake.signInAs(undefined);
});
afterAll(async () => {
  await fake.close();
  application.close();
});

async function start(options: { env?: Record<string, string>; feishu?: boolean; logger?: pino.Logger } = {}): Promise<Server> {
  const config = loadConfig({
    LOG_LEVEL: "silent",
    ...(options.feishu === false ? {} : { FEISHU_APP_ID: fakeAppId, FEISHU_APP_SECRET: fakeAppSecret, FEISHU_DOMAIN: fake.domain }),
    ...options.env,
  });
  const logger = options.logger ?? silent;
  const login = config.feishu ? createFeishuWebLogin({ feishu: config.feishu, allowedUsers: config.web.allowedUsers, logger }) : undefined;
  const server = await startWebServer({ application, config, port: 0, host: "127.0.0.1", logger, chatModel: null, ...(login ? { login } : {}) });
  servers.push(server);
  return server;
}

const exposed = (env: Record<string, string> = {}) => start({ env: { PUBLIC_BASE_URL: PUBLIC, ...env } });

/** The cookies a browser would keep: name → value, dropped again by Max-Age=0. */
class CookieJar {
  readonly values = new Map<string, string>();
  store(response: Response): string[] {
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (/;\s*Max-Age=0/i.test(line)) this.values.delete(name);
      else this.values.set(name, pair.slice(pair.indexOf("=") + 1));
    }
    return setCookies;
  }
  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** A request to the test server; absolute PUBLIC_BASE_URL addresses are sent to it too (as the reverse proxy would). */
async function send(server: Server, target: string, options: { jar?: CookieJar; method?: string; json?: unknown } = {}): Promise<Response> {
  const url = new URL(target, server.url);
  const local = new URL(`${url.pathname}${url.search}`, server.url);
  const headers: Record<string, string> = {};
  if (options.jar && options.jar.values.size > 0) headers.cookie = options.jar.header();
  if (options.json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(local, {
    method: options.method ?? (options.json === undefined ? "GET" : "POST"),
    headers,
    redirect: "manual",
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
  options.jar?.store(response);
  return response;
}

/** The browser's round trip: our login route → Feishu's authorize page (the fake, signed in as `openId`) → back with a code. */
async function startLogin(server: Server, openId: string, jar = new CookieJar()) {
  fake.signInAs(openId);
  const login = await send(server, "/auth/feishu/login", { jar });
  expect(login.status).toBe(302);
  const authorizeUrl = new URL(login.headers.get("location")!);
  const authorized = await fetch(authorizeUrl, { redirect: "manual" });
  expect(authorized.status).toBe(302);
  return { jar, login, authorizeUrl, callbackUrl: authorized.headers.get("location")! };
}

async function signIn(server: Server, openId: string) {
  const started = await startLogin(server, openId);
  const callback = await send(server, started.callbackUrl, { jar: started.jar });
  return { ...started, callback, html: await callback.text() };
}

const sessionCookie = (jar: CookieJar) => jar.values.get("__Host-bulletin_session");

describe("an exposed server (PUBLIC_BASE_URL set) without a session", () => {
  it("answers /api with 401 in Chinese and hands out no signed link", async () => {
    const server = await exposed();
    const issues = await send(server, "/api/issues");
    expect(issues.status).toBe(401);
    expect(await issues.json()).toEqual({ error: "请先使用飞书账号登录。" });
    for (const question of ["第57期原文", "区农委春耕落实了多少亩小麦？"]) {
      for (const path of ["/api/ask", "/api/ask/stream"]) {
        const answer = await send(server, path, { json: { question } });
        expect(answer.status).toBe(401);
        expect(await answer.text()).not.toMatch(/signature|issues\//);
      }
    }
    expect((await send(server, "/api/units")).status).toBe(401);
    expect((await send(server, "/api/me")).status).toBe(401);
  });

  it("sends the page and its assets to the login, and keeps /login, /healthz and signed links public", async () => {
    const server = await exposed();
    for (const path of ["/", "/index.html", "/app.js", "/style.css", "/no-such-page"]) {
      const response = await send(server, path);
      expect([path, response.status, response.headers.get("location")]).toEqual([path, 302, "/login"]);
    }
    const login = await send(server, "/login");
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<a class="button" href="/auth/feishu/login">使用飞书登录</a>');
    const health = await send(server, "/healthz");
    expect(await health.json()).toEqual({ ok: true });
    const document = application.catalog.listDocuments()[0]!;
    const link = server.links.issue({ documentId: document.id, year: document.year, issue: document.issue });
    expect(link.startsWith(`${PUBLIC}/issues/`)).toBe(true);
    expect((await send(server, link)).status).toBe(200);
  });

  it("refuses a forged or tampered session cookie", async () => {
    const server = await exposed();
    const { jar } = await signIn(server, "ou_zhang");
    const [payload, signature] = sessionCookie(jar)!.split(".");
    const forged = Buffer.from(JSON.stringify({ id: "ou_zhang", name: "张三", expires: 4102444800 })).toString("base64url");
    for (const value of [`${forged}.${signature}`, `${payload}.${signature!.slice(0, -2)}AA`, payload!, "x"]) {
      const other = new CookieJar();
      other.values.set("__Host-bulletin_session", value);
      expect((await send(server, "/api/issues", { jar: other })).status).toBe(401);
    }
  });
});

describe("sign in with Feishu", () => {
  it("goes to Feishu's authorize page with a fresh state and PKCE, and comes back with a session that opens the page, the API and signed links", async () => {
    const server = await exposed();
    const { jar, login, authorizeUrl, callbackUrl, callback } = await signIn(server, "ou_zhang");

    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.domain}/open-apis/authen/v1/authorize`);
    const query = Object.fromEntries(authorizeUrl.searchParams);
    expect(query).toMatchObject({ client_id: fakeAppId, response_type: "code", redirect_uri: `${PUBLIC}/auth/feishu/callback`, code_challenge_method: "S256" });
    expect(query.state).toMatch(/^[\w-]{43}$/);
    expect(login.headers.getSetCookie()).toEqual([`__Host-bulletin_login=${query.state}; Max-Age=600; Path=/; HttpOnly; Secure; SameSite=Lax`]);
    expect(callbackUrl.startsWith(`${PUBLIC}/auth/feishu/callback?`)).toBe(true);

    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/");
    const cookies = callback.headers.getSetCookie();
    expect(cookies).toContain("__Host-bulletin_login=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(cookies.find((line) => line.startsWith("__Host-bulletin_session="))).toMatch(/^__Host-bulletin_session=[\w-]+\.[\w-]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    // The real SDK made the calls: v2 token with client_secret and PKCE verifier (no tenant token), then user_info with the user's token.
    const token = fake.callsTo("POST", "/open-apis/authen/v2/oauth/token").at(-1)!;
    expect(token.body).toMatchObject({ grant_type: "authorization_code", client_id: fakeAppId, client_secret: fakeAppSecret, redirect_uri: `${PUBLIC}/auth/feishu/callback` });
    expect(token.body.code_verifier).toMatch(/^[\w-]{43}$/);
    expect(token.headers.authorization).toBeUndefined();
    expect(fake.callsTo("GET", "/open-apis/authen/v1/user_info").at(-1)!.headers.authorization).toMatch(/^Bearer u-fake-\d+$/);

    const issues = await send(server, "/api/issues", { jar });
    expect(issues.status).toBe(200);
    const list = ((await issues.json()) as { issues: { url: string }[] }).issues;
    expect(list).toHaveLength(6);
    for (const issue of list) expect(issue.url).toMatch(new RegExp(`^${PUBLIC}/issues/\\d+\\?expires=\\d+&signature=`));
    const source = await send(server, "/api/ask", { jar, json: { question: "第57期原文" } });
    const answer = (await source.json()) as { answer: string };
    expect(answer.answer).toMatch(new RegExp(`原文：${PUBLIC}/issues/\\d+/original\\?expires=\\d+&signature=`));
    expect(await (await send(server, "/api/me", { jar })).json()).toEqual({ name: "张三" });
    const page = await send(server, "/", { jar });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>上街信息问答</title>");
    expect((await send(server, "/login", { jar })).headers.get("location")).toBe("/");

    const logout = await send(server, "/auth/logout", { jar, method: "POST" });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("location")).toBe("/login?signed-out=1");
    expect(sessionCookie(jar)).toBeUndefined();
    expect((await send(server, "/api/issues", { jar })).status).toBe(401);
  });

  it("refuses a state that is reused, from another browser, missing or unknown, without exchanging the code", async () => {
    const server = await exposed();
    const first = await startLogin(server, "ou_zhang");
    const stateCookie = first.jar.values.get("__Host-bulletin_login")!;
    const tokenCalls = () => fake.callsTo("POST", "/open-apis/authen/v2/oauth/token").length;

    // An attacker's own finished authorization, opened in the victim's browser (login CSRF): the state is not this browser's.
    const attacker = await startLogin(server, "ou_mallory");
    const before = tokenCalls();
    const victim = new CookieJar();
    victim.values.set("__Host-bulletin_login", stateCookie);
    const attempts = [
      { jar: victim, url: attacker.callbackUrl },
      { jar: new CookieJar(), url: attacker.callbackUrl },
      { jar: first.jar, url: first.callbackUrl.replace(/state=[^&]+/, "state=forged-state") },
    ];
    for (const attempt of attempts) {
      const response = await send(server, attempt.url, { jar: attempt.jar });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("登录已失效");
      expect(sessionCookie(attempt.jar)).toBeUndefined();
    }
    expect(tokenCalls()).toBe(before);

    // The state survived the forged attempts and works once, in its own browser; replayed, it is refused.
    const browser = () => {
      const jar = new CookieJar();
      jar.values.set("__Host-bulletin_login", stateCookie);
      return jar;
    };
    const used = await send(server, first.callbackUrl, { jar: browser() });
    expect(used.status).toBe(302);
    const replay = browser();
    const again = await send(server, first.callbackUrl, { jar: replay });
    expect(again.status).toBe(400);
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it("refuses a person of another tenant with a Chinese page saying why and whom to ask", async () => {
    const server = await exposed();
    const { callback, html, jar } = await signIn(server, "ou_outsider");
    expect(callback.status).toBe(403);
    expect(html).toContain("不属于本单位的飞书企业");
    expect(html).toContain("请联系本系统的管理员");
    expect(sessionCookie(jar)).toBeUndefined();
    expect((await send(server, "/api/issues", { jar })).status).toBe(401);
  });

  it("says so when the person declines on Feishu", async () => {
    const server = await exposed();
    const jar = new CookieJar();
    fake.signInAs("ou_zhang", { decline: true });
    const login = await send(server, "/auth/feishu/login", { jar });
    const back = await fetch(login.headers.get("location")!, { redirect: "manual" });
    const callback = await send(server, back.headers.get("location")!, { jar });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain("您没有同意飞书授权");
    expect(sessionCookie(jar)).toBeUndefined();
  });

  it("with WEB_ALLOWED_USERS and FEISHU_ALLOWED_CHATS admits those users and the chats' members only", async () => {
    const staffChat = Array.from({ length: 150 }, (_, index) => `ou_filler_${index}`);
    fake.setChatMembers({ chatId: "oc_staff", openIds: [...staffChat, "ou_member"] });
    const server = await exposed({ WEB_ALLOWED_USERS: "ou_listed", FEISHU_ALLOWED_CHATS: "oc_staff" });

    const listed = await signIn(server, "ou_listed");
    expect(listed.callback.status).toBe(302);
    const member = await signIn(server, "ou_member");
    expect(member.callback.status).toBe(302);
    expect(fake.callsTo("GET", "/open-apis/im/v1/chats/oc_staff/members").map((call) => call.query.page_token ?? "")).toEqual(["", "100"]);
    expect((await send(server, "/api/issues", { jar: member.jar })).status).toBe(200);

    const other = await signIn(server, "ou_other");
    expect(other.callback.status).toBe(403);
    expect(other.html).toContain("还没有开通本页面的访问权限");
    expect(other.html).toContain("<code>ou_other</code>");
    expect(sessionCookie(other.jar)).toBeUndefined();
  });
});

describe("start-up", () => {
  it("refuses to start an exposed server without Feishu credentials, naming the fixes", async () => {
    for (const env of [{ PUBLIC_BASE_URL: PUBLIC }, { HOST: "0.0.0.0" }]) {
      const config = loadConfig({ LOG_LEVEL: "silent", ...env });
      const error = await rejection(startWebServer({ application, config, port: 0, logger: silent, chatModel: null }), "config");
      expect(error.message).toContain("FEISHU_APP_ID: the staff web page needs a login because");
      for (const fix of ["set FEISHU_APP_ID and FEISHU_APP_SECRET", "WEB_AUTH=none", "HOST=127.0.0.1"]) expect(error.message).toContain(fix);
    }
  });

  it("names WEB_ALLOWED_USERS when it lists something other than open_ids", () => {
    expect(() => loadConfig({ WEB_ALLOWED_USERS: "ou_listed, zhang@example.gov.cn" })).toThrow('[config] WEB_ALLOWED_USERS: "zhang@example.gov.cn" is not a Feishu open_id (ou_…)');
  });

  it("refuses Feishu login on all interfaces without PUBLIC_BASE_URL, where the callback address is unknown", async () => {
    const config = loadConfig({ LOG_LEVEL: "silent", HOST: "0.0.0.0", FEISHU_APP_ID: fakeAppId, FEISHU_APP_SECRET: fakeAppSecret });
    const error = await rejection(startWebServer({ application, config, port: 0, logger: silent, chatModel: null }), "config");
    expect(error.message).toContain("PUBLIC_BASE_URL: is required for Feishu login when HOST=0.0.0.0");
  });

  it("starts an exposed server with WEB_AUTH=none on purpose, open, with a loud warning", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn", base: undefined }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const server = await start({ feishu: false, logger, env: { PUBLIC_BASE_URL: PUBLIC, WEB_AUTH: "none" } });
    expect(lines.join("")).toContain("SECURITY WARNING: WEB_AUTH=none");
    expect((await send(server, "/api/issues")).status).toBe(200);
  });
});

describe("the loopback server without PUBLIC_BASE_URL", () => {
  it("stays open without a login", async () => {
    const server = await start({ feishu: false });
    expect((await send(server, "/")).status).toBe(200);
    expect(await (await send(server, "/api/me")).json()).toEqual({ name: null });
    const { issues } = (await (await send(server, "/api/issues")).json()) as { issues: { url: string }[] };
    expect(issues[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/issues\/\d+\?expires=\d+&signature=/);
  });

  it("answers only requests addressed to this machine (no DNS rebinding)", async () => {
    const server = await start({ feishu: false });
    const port = Number(new URL(server.url).port);
    const get = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest({ host: "127.0.0.1", port, path: "/api/issues", headers: { host } }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        request.end();
      });
    const rebound = await get(`attacker.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain("本服务只接受本机访问");
    expect(rebound.body).not.toContain("signature");
    expect((await get(`localhost:${port}`)).status).toBe(200);
    expect((await get(`[::1]:${port}`)).status).toBe(200);
  });

  it("answers a 100 KB body with 413 and a Chinese message", async () => {
    const server = await start({ feishu: false });
    const response = await send(server, "/api/ask", { json: { question: "问".repeat(35_000) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "请求内容太大（最多 64 KB），请缩短后再试。" });
  });
});

describe("security headers", () => {
  it("sends a strict CSP, no framing, nosniff and no Referer on pages, API answers and signed issue pages", async () => {
    const server = await start({ feishu: false });
    const { issues } = (await (await send(server, "/api/issues")).json()) as { issues: { url: string }[] };
    for (const path of ["/", "/app.js", "/api/units", issues[0]!.url, "/no-such-page"]) {
      const headers = (await send(server, path)).headers;
      const csp = headers.get("content-security-policy") ?? "";
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toContain("upgrade-insecure-requests");
      expect(headers.get("x-frame-options")).toBe("DENY");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("referrer-policy")).toBe("no-referrer");
      expect(headers.get("strict-transport-security")).toBeNull();
      expect(headers.get("x-powered-by")).toBeNull();
    }
  });

  it("adds HSTS and upgrade-insecure-requests behind an https PUBLIC_BASE_URL", async () => {
    const server = await exposed();
    const headers = (await send(server, "/login")).headers;
    expect(headers.get("strict-transport-security")).toBe("max-age=15552000; includeSubDomains");
    expect(headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
