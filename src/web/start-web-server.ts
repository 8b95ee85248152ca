import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { Answerer } from "../answer/answer-question.js";
import type { Application } from "../app/create-application.js";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import type { ChatModel } from "../models/chat-model.js";
import { createLinks, publicBaseUrl } from "./create-links.js";
import { createWebApp } from "./create-web-app.js";
import type { IssueLinks } from "./issue-links.js";
import type { StaffLogin } from "./staff-login.js";
import { resolveWebAccess } from "./web-access.js";
import { createWebSecurity } from "./web-security.js";

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the local web page and API on host:port (port 0 = any free port).
 * @example const server = await startWebServer({ application, config, logger, port: 0 }); console.log(server.url);
 */
export async function startWebServer(options: {
  application: Pick<Application, "catalog" | "answerer" | "dataDir" | "statistics" | "units">;
  config: Config;
  logger: Logger;
  host?: string;
  port?: number;
  /** Replaces the application's answerer (tests of the page itself). */
  answer?: Answerer;
  /** Replaces the application's chat model; null forces extractive answers. */
  chatModel?: ChatModel | null;
  manifest?: string;
  /**
   * Adds routes once links exist. Routes returned in `direct` (the Feishu webhook) are served
   * straight from the HTTP server, before express, so acknowledgements stay fast under load.
   */
  mount?: (context: { app: Express; links: IssueLinks; answer: Answerer }) => { direct?: Record<string, RequestListener> } | void;
  /** The staff login's identity provider (Feishu), required when the page needs a login (src/web/web-access.ts). */
  login?: StaffLogin;
}): Promise<WebServer & { links: ReturnType<typeof createLinks>["links"]; loginRedirectUri: string | undefined }> {
  const { application, config, logger } = options;
  const host = options.host ?? config.server.host;
  const dataDir = application.dataDir;
  const access = resolveWebAccess({ config, host });
  // Links need the final port, so the app is mounted after listen() has chosen it.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? config.server.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = publicBaseUrl(config, port);
  const { links, signer } = createLinks({ config, dataDir, baseUrl, ...(options.manifest ? { manifest: options.manifest } : {}) });
  const { redirectUri, ...security } = createWebSecurity({ access, config, login: options.login, baseUrl, dataDir, logger });
  const answer = options.answer ?? application.answerer({ links, chatModel: options.chatModel });
  let direct: Record<string, RequestListener> = {};
  const app = createWebApp({
    catalog: application.catalog, links, signer, answer, logger, security, series: config.bulletinSeries,
    statistics: { statistics: application.statistics, units: application.units, series: config.bulletinSeries },
    mount: (express) => {
      direct = options.mount?.({ app: express, links, answer })?.direct ?? {};
    },
  });
  server.on("request", (request, response) => {
    const route = direct[(request.url ?? "").split("?")[0]!];
    if (route) route(request, response);
    else app(request, response);
  });
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/`,
    links,
    loginRedirectUri: redirectUri,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
