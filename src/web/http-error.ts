import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../errors.js";
import type { Logger } from "../log.js";

export { HttpError };

/**
 * The one error middleware: HttpErrors keep their status and public message, everything else is
 * logged and answered 500. `series` (BULLETIN_SERIES) titles the error page.
 */
export function errorHandler(options: { logger: Logger; series: string }) {
  const { logger } = options;
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const wantsJson = request.path.startsWith("/api/") || request.path.startsWith("/feishu/");
    let status = 500;
    let message = "服务器内部错误，请稍后再试。";
    if (error instanceof HttpError) {
      status = error.status;
      message = error.publicMessage;
      if (status >= 500) logger.error({ err: error, path: request.path }, "request failed");
    } else if ((error as { type?: string }).type === "entity.parse.failed") {
      status = 400;
      message = "请求体不是合法的 JSON。";
    } else if ((error as { type?: string }).type === "entity.too.large") {
      status = 413;
      const limit = (error as { limit?: number }).limit;
      message = `请求内容太大${limit ? `（最多 ${Math.round(limit / 1024)} KB）` : ""}，请缩短后再试。`;
    } else {
      // Server faults (an endpoint down, the store unreadable) and bugs: written for the operator
      // (URLs, variable names), so logged with their cause and never shown to the person at the browser.
      logger.error({ err: error, path: request.path }, "request failed");
    }
    if (wantsJson) response.status(status).json({ error: message });
    else response.status(status).type("html").send(errorPage({ status, message, series: options.series }));
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

export function errorPage(options: { status: number; message: string; series: string }): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${options.status} · ${escapeHtml(options.series)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.25rem}</style></head>
<body><h1>无法打开（${options.status}）</h1><p>${escapeHtml(options.message)}</p><p><a href="/">返回问答首页</a></p></body></html>`;
}
