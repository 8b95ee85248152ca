import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import express, { type Request } from "express";
import { z } from "zod";
import { answerJson } from "../answer/answer-json.js";
import type { Answerer } from "../answer/answer-question.js";
import type { Logger } from "../log.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import { errorHandler, HttpError } from "./http-error.js";
import type { IssueLinks } from "./issue-links.js";
import type { LinkCheck, LinkSigner } from "./link-signer.js";
import { localHostOnly } from "./local-host-only.js";
import { renderChatPage } from "./render-chat-page.js";
import { renderIssuePage } from "./render-issue-page.js";
import { securityHeaders } from "./security-headers.js";
import { answerLinks } from "./stats-links.js";
import { statisticsRoutes, vendorScripts, type StatisticsRouteParts } from "./stats-routes.js";
import type { StaffAuth } from "./staff-auth.js";

// From src/web and from the compiled dist/web alike: the page is served from the sources, not copied.
const PUBLIC_DIR = fileURLToPath(new URL("../../src/web/public/", import.meta.url));

/** /api/issues?offset=&limit=: the page asks for 50 at a time; 200 bounds one response at ~60 KB. */
const issuePage = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const askBody = z.object({
  question: z.string().trim().min(1, "问题不能为空").max(500, "问题太长（最多 500 字）"),
  conversationId: z.string().trim().min(1).max(100).optional(),
});

const LINK_MESSAGES: Record<Exclude<LinkCheck, "valid">, string> = {
  invalid: "这个链接没有有效签名（可能不完整或被修改过）。简报是内部材料，只能通过问答结果中的链接打开；请回到问答页面重新提问获取链接。",
  expired: "这个链接已过期。为保护内部材料，简报链接有有效期；请回到问答页面重新提问获取新链接。",
};

function checkSignature(signer: LinkSigner, request: Request, path: string): void {
  const query = request.query as Record<string, unknown>;
  const result = signer.verify({
    path,
    expires: typeof query.expires === "string" ? query.expires : undefined,
    signature: typeof query.signature === "string" ? query.signature : undefined,
  });
  if (result !== "valid") throw new HttpError(403, LINK_MESSAGES[result]);
}

/**
 * The local web page, its JSON API and the signed issue pages, as one express app. Public: /healthz,
 * the signed /issues links, the login and extra mounted routes; with `staffAuth`, the page, its
 * assets and /api need a session.
 */
export function createWebApp(options: {
  catalog: BulletinCatalog;
  links: IssueLinks;
  signer: LinkSigner;
  answer: Answerer;
  logger: Logger;
  /** Security headers, the loopback-only Host check and the staff login; start-web-server.ts decides which apply. */
  security: { https: boolean; localOnly: boolean; staffAuth: StaffAuth | undefined };
  /** Extra routes (the Feishu webhook), mounted before the page and the 404 handler. */
  mount?: (app: express.Express) => void;
  /** The series the page answers from (BULLETIN_SERIES); an issue page names its own. */
  series: string;
  /** The statistics view and Word exports; absent, the page has neither. */
  statistics?: StatisticsRouteParts;
}) {
  const { catalog, links, signer, logger, series } = options;
  const chatPage = renderChatPage({ publicDirectory: PUBLIC_DIR, series });
  // Namespaced: an id the page chooses never names a Feishu thread.
  const web = (id: string) => ({ channel: "web" as const, id });
  const app = express();
  app.disable("x-powered-by");
  // Never take the client's address, scheme or host from X-Forwarded-*: links and the login's redirect come from PUBLIC_BASE_URL.
  app.set("trust proxy", false);
  app.use(securityHeaders({ https: options.security.https }));
  if (options.security.localOnly) app.use(localHostOnly());
  const { staffAuth } = options.security;
  if (staffAuth) {
    app.use(staffAuth.routes);
    app.use("/api", staffAuth.requireStaff);
  }
  app.use("/api", express.json({ limit: "64kb" }));

  app.get("/healthz", (_request, response) => {
    response.json({ ok: true });
  });

  app.post("/api/ask", async (request, response) => {
    const parsed = askBody.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "请求格式不对");
    const conversationId = parsed.data.conversationId ?? randomUUID();
    const left = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) left.abort(new Error("the client closed the connection"));
    });
    const answer = await options.answer({ question: parsed.data.question, conversation: web(conversationId), signal: left.signal }).catch((error: unknown) => {
      if (left.signal.aborted) return undefined;
      throw error;
    });
    // The client left: nobody to answer.
    if (!answer) return;
    logger.info({ question: answer.question, intent: answer.intent, citations: answer.citations.length }, "web ask");
    response.json({ ...answerJson(answer), conversationId, ...answerLinks(answer) });
  });

  // Server-sent events: `token` events (grounded sentences) while an LLM writes, then one `answer`
  // event whose answer replaces everything the tokens showed (markers renumbered, or another answer).
  app.post("/api/ask/stream", async (request, response) => {
    const parsed = askBody.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "请求格式不对");
    const conversationId = parsed.data.conversationId ?? randomUUID();
    const left = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) left.abort(new Error("the client closed the stream"));
    });
    response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", Connection: "keep-alive" });
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    try {
      const answer = await options.answer({ question: parsed.data.question, conversation: web(conversationId), onToken: (token) => send("token", token), signal: left.signal });
      send("answer", { ...answerJson(answer), conversationId, ...answerLinks(answer) });
    } catch (error) {
      if (left.signal.aborted) {
        logger.info({ question: parsed.data.question }, "streamed ask: client left; model request aborted");
        return;
      }
      logger.error({ err: error }, "streamed ask failed");
      send("error", { error: "回答时出错，请稍后再试。" });
    }
    response.end();
  });

  // Newest first, one page at a time: the whole list was 5 MB at 100,000 items, loaded by every page open.
  app.get("/api/issues", (request, response) => {
    const parsed = issuePage.safeParse(request.query);
    if (!parsed.success) throw new HttpError(400, "offset 须为非负整数，limit 须为 1 到 200 的整数");
    const { offset, limit } = parsed.data;
    const { documents, total } = catalog.listDocumentPage({ offset, limit });
    const units = catalog.documentUnits(documents.map((document) => document.id));
    response.json({
      total,
      offset,
      limit,
      issues: documents.map((document) => ({
        id: document.id,
        issue: document.issue,
        year: document.year,
        date: document.date,
        source: document.source,
        kind: document.kind,
        itemCount: document.itemCount,
        units: units.get(document.id) ?? [],
        url: links.issue({ documentId: document.id, year: document.year, issue: document.issue }),
      })),
    });
  });

  app.get("/api/units", (_request, response) => {
    // The page reads `department`: the historical name of the field in the JSON contract.
    response.json(catalog.listUnits().map((entry) => ({ department: entry.unit, items: entry.items })));
  });

  // Who is signed in (the page shows the name and 退出登录); name is null when the page needs no login.
  app.get("/api/me", (_request, response) => {
    response.json({ name: (response.locals.staff as { name?: string } | undefined)?.name ?? null });
  });

  app.get("/issues/:id", (request, response) => {
    const id = Number(request.params.id);
    checkSignature(signer, request, `/issues/${request.params.id}`);
    const document = Number.isInteger(id) ? catalog.getDocument(id) : undefined;
    if (!document) throw new HttpError(404, "没有找到这一期简报，可能已被替换为新版本；请重新提问获取链接。");
    const item = Number(request.query.item);
    response.type("html").send(
      renderIssuePage({
        document,
        items: catalog.listItems({ documentId: id }),
        ...(Number.isInteger(item) ? { highlight: item } : {}),
        originalUrl: links.original({ documentId: id }),
        series,
      }),
    );
  });

  app.get("/issues/:id/original", (request, response) => {
    checkSignature(signer, request, `/issues/${request.params.id}/original`);
    const original = catalog.getOriginal(Number(request.params.id));
    if (!original) throw new HttpError(404, "没有找到这一期简报的原文。");
    response.setHeader("Content-Type", original.mediaType);
    response.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(original.source)}`);
    response.send(original.bytes);
  });

  if (options.statistics) app.use(statisticsRoutes({ ...options.statistics, catalog, links }));

  options.mount?.(app);
  if (staffAuth) app.use(staffAuth.requireStaff);
  if (options.statistics) app.use(vendorScripts());
  app.get(["/", "/index.html"], (_request, response) => {
    response.type("html").send(chatPage);
  });
  app.use(express.static(PUBLIC_DIR, { index: false }));
  app.use((_request, _response, next) => next(new HttpError(404, "没有这个页面。")));
  app.use(errorHandler({ logger, series }));
  return app;
}
