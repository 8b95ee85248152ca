import type { RequestHandler } from "express";
import { isLoopbackHost } from "./web-access.js";
import { HttpError } from "./http-error.js";

/**
 * For the login-free loopback mode: answers only requests addressed to this machine by name
 * (localhost, 127.x, ::1). A web page elsewhere that points its own domain at 127.0.0.1 (DNS
 * rebinding), or a proxy forwarding a public host name, gets 403 instead of the bulletins.
 */
export function localHostOnly(): RequestHandler {
  return (request, _response, next) => {
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    if (isLoopbackHost(host)) return next();
    next(
      new HttpError(
        403,
        `本服务只接受本机访问（请求的主机名：${host || "无"}）。如需让其他电脑、反向代理或域名访问，请设置 PUBLIC_BASE_URL，服务将要求使用飞书登录。`,
      ),
    );
  };
}
