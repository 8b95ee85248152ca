import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible HTTP server on 127.0.0.1 for tests that drive the real client
 * libraries. It records every request, answers POST /v1/embeddings out of the box, and lets
 * tests plug in other routes (e.g. POST /v1/chat/completions, streaming or not) with `route()`.
 *
 * @example
 * const server = await startFakeOpenAiServer();
 * server.route("POST /v1/chat/completions", ({ response }) =>
 *   sendServerSentEvents({ response, events: [{ choices: [{ delta: { content: "你好" } }] }] }));
 * server.failNext({ route: "POST /v1/embeddings", status: 503 });
 * ...
 * await server.close();
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/v1/embeddings". */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
}

export type FakeRouteHandler = (context: { request: RecordedRequest; response: ServerResponse }) => void | Promise<void>;

export interface FakeFailure {
  /** "METHOD /path", e.g. "POST /v1/embeddings". */
  route: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many consecutive requests to that route get this failure; default 1. */
  times?: number;
}

export interface FakeOpenAiServer {
  /** e.g. "http://127.0.0.1:54321/v1", the value to give a client as its base URL. */
  readonly baseUrl: string;
  /** Every request received, in arrival order, including failed ones. */
  readonly requests: RecordedRequest[];
  /** The recorded requests for one route ("POST /v1/embeddings"). */
  requestsTo(route: string): RecordedRequest[];
  /** Installs or replaces the handler of a route ("POST /v1/chat/completions"). */
  route(route: string, handler: FakeRouteHandler): void;
  /** Makes the next request(s) to a route fail with the given status before handlers run. */
  failNext(failure: FakeFailure): void;
  close(): Promise<void>;
}

export function sendJson(options: { response: ServerResponse; status?: number; body: unknown; headers?: Record<string, string> }): void {
  options.response.writeHead(options.status ?? 200, { "content-type": "application/json", ...options.headers });
  options.response.end(JSON.stringify(options.body));
}

/**
 * Streams `events` as OpenAI-style server-sent events, each JSON-encoded, then `data: [DONE]`;
 * `hold` keeps the stream open mid-answer, before event `index`, until `until` settles.
 */
export async function sendServerSentEvents(options: { response: ServerResponse; events: readonly unknown[]; delayMs?: number; hold?: { index: number; until: Promise<unknown> } }): Promise<void> {
  const { response, hold } = options;
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const [index, event] of options.events.entries()) {
    if (hold?.index === index) await hold.until;
    response.write(`data: ${JSON.stringify(event)}\n\n`);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  }
  response.end("data: [DONE]\n\n");
}

/** OpenAI's error envelope, which the openai client turns into `error.message`. */
export function openAiErrorBody(options: { message: string; type?: string; code?: string }): unknown {
  return { error: { message: options.message, type: options.type ?? "invalid_request_error", code: options.code ?? null } };
}

/**
 * A deterministic, deliberately un-normalised vector for `text`: element i is
 * (sum of code points · (i + 1)) mod 17 + 1, so different texts get different vectors.
 */
export function fakeVectorFor(options: { text: string; dimensions: number }): number[] {
  let sum = 0;
  for (const character of options.text) sum += character.codePointAt(0) ?? 0;
  return Array.from({ length: options.dimensions }, (_, index) => ((sum * (index + 1)) % 17) + 1);
}

/**
 * POST /v1/embeddings: one vector per input in input order, honouring `dimensions` and
 * `encoding_format` ("float" or "base64" float32 little-endian, as api.openai.com does).
 */
export function createEmbeddingsHandler(options: { dimensions?: number; vectorFor?: (text: string, dimensions: number) => number[] } = {}): FakeRouteHandler {
  const defaultDimensions = options.dimensions ?? 8;
  const vectorFor = options.vectorFor ?? ((text: string, dimensions: number) => fakeVectorFor({ text, dimensions }));
  return ({ request, response }) => {
    const body = (request.body ?? {}) as { model?: string; input?: string | string[]; dimensions?: number; encoding_format?: string };
    const inputs = typeof body.input === "string" ? [body.input] : Array.isArray(body.input) ? body.input : undefined;
    if (!inputs || typeof body.model !== "string") {
      sendJson({ response, status: 400, body: openAiErrorBody({ message: "model and input are required" }) });
      return;
    }
    const dimensions = body.dimensions ?? defaultDimensions;
    const data = inputs.map((text, index) => {
      const vector = vectorFor(text, dimensions);
      const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
      return { object: "embedding", index, embedding };
    });
    sendJson({ response, body: { object: "list", model: body.model, data, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } } });
  };
}

function notImplemented(route: string): FakeRouteHandler {
  return ({ response }) => {
    sendJson({ response, status: 501, body: openAiErrorBody({ message: `fake server: no handler for ${route}; install one with server.route()` }) });
  };
}

export async function startFakeOpenAiServer(options: { embeddingDimensions?: number } = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const handlers = new Map<string, FakeRouteHandler>([["POST /v1/embeddings", createEmbeddingsHandler({ dimensions: options.embeddingDimensions })]]);
  const failures: Array<FakeFailure & { remaining: number }> = [];

  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const method = incoming.method ?? "GET";
    const path = (incoming.url ?? "/").split("?")[0] ?? "/";
    const request: RecordedRequest = { method, path, headers: incoming.headers, rawBody, body };
    requests.push(request);
    const route = `${method} ${path}`;

    const failure = failures.find((candidate) => candidate.route === route && candidate.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      sendJson({ response, status: failure.status, body: failure.body ?? openAiErrorBody({ message: `fake failure ${failure.status}` }), headers: failure.headers });
      return;
    }
    try {
      await (handlers.get(route) ?? notImplemented(route))({ request, response });
    } catch (error) {
      if (!response.headersSent) sendJson({ response, status: 500, body: openAiErrorBody({ message: String(error) }) });
      else response.destroy(error as Error);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (route) => requests.filter((request) => `${request.method} ${request.path}` === route),
    route: (route, handler) => void handlers.set(route, handler),
    failNext: (failure) => void failures.push({ ...failure, remaining: failure.times ?? 1 }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
