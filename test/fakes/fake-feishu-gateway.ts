import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import protobuf from "protobufjs";

/**
 * The Feishu long-connection ("WebSocket mode") gateway as @larksuiteoapi/node-sdk sees it:
 * POST /callback/ws/endpoint hands out a ws:// URL, then binary pbbp2.Frame messages flow
 * both ways (ping/pong control frames, event data frames acknowledged by the client).
 */

// `ws` comes with the Feishu SDK but has no type declarations installed, so it is typed here by hand.
interface GatewaySocket {
  readonly readyState: number;
  send(data: Uint8Array): void;
  terminate(): void;
  on(event: "message", listener: (data: Buffer) => void): void;
  on(event: "close", listener: () => void): void;
}
interface GatewaySocketServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback: (socket: GatewaySocket) => void): void;
  close(): void;
}
const { WebSocketServer } = createRequire(import.meta.url)("ws") as {
  WebSocketServer: new (options: { noServer: true }) => GatewaySocketServer;
};
const socketOpen = 1;

// Mirrors the schema the SDK compiles in (pbbp2.proto); field ids must match exactly.
const frameType = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: { fields: { key: { rule: "required", type: "string", id: 1 }, value: { rule: "required", type: "string", id: 2 } } },
        Frame: {
          fields: {
            SeqID: { rule: "required", type: "uint64", id: 1 },
            LogID: { rule: "required", type: "uint64", id: 2 },
            service: { rule: "required", type: "int32", id: 3 },
            method: { rule: "required", type: "int32", id: 4 },
            headers: { rule: "repeated", type: "Header", id: 5 },
            payloadEncoding: { type: "string", id: 6 },
            payloadType: { type: "string", id: 7 },
            payload: { type: "bytes", id: 8 },
            LogIDNew: { type: "string", id: 9 },
          },
        },
      },
    },
  },
}).lookupType("pbbp2.Frame");

export interface GatewayFrame {
  SeqID: number;
  LogID: number;
  service: number;
  /** 0 = control (ping/pong), 1 = data (event and its ack). */
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export function encodeFrame(frame: GatewayFrame): Uint8Array {
  return frameType.encode(frameType.fromObject(frame)).finish();
}

export function decodeFrame(data: Uint8Array): GatewayFrame {
  return frameType.toObject(frameType.decode(data), { longs: Number, defaults: true }) as GatewayFrame;
}

export interface GatewayAck {
  acked: boolean;
  /** The client's ack payload, e.g. { code: 200 } or { code: 500 }; `data` (base64 JSON) is decoded. */
  ackPayload?: unknown;
}

export interface FakeGateway {
  /** Body of a successful POST /callback/ws/endpoint for a server listening on `port`. */
  endpointResponse(port: number): object;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  connections(): number;
  pushEvent(envelope: object, options?: { timeoutMs?: number }): Promise<GatewayAck>;
  dropConnections(): void;
  close(): void;
}

const serviceId = 42;
const pingIntervalSeconds = 120;
const clientConfig = { PingInterval: pingIntervalSeconds, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };

function headerValue(frame: GatewayFrame, key: string): string | undefined {
  return frame.headers.find((header) => header.key === key)?.value;
}

function decodeAckPayload(payload: Uint8Array | undefined): unknown {
  if (!payload || payload.length === 0) return undefined;
  const parsed = JSON.parse(Buffer.from(payload).toString("utf8")) as { code?: number; data?: string };
  if (typeof parsed.data === "string") return { ...parsed, data: JSON.parse(Buffer.from(parsed.data, "base64").toString("utf8")) };
  return parsed;
}

export function createFakeGateway(options: { onUpgrade: (upgrade: { path: string; status: number }) => void }): FakeGateway {
  const socketServer = new WebSocketServer({ noServer: true });
  const ticket = randomUUID();
  const sockets: GatewaySocket[] = [];
  // A client listens for events only once it has handled its own "open" (the SDK attaches its
  // message listener after that); its first ping is sent from that handler, so a socket counts
  // as connected from its first ping on. Counting it at the upgrade lost events sent in between.
  const pinged = new WeakSet<GatewaySocket>();
  const pendingAcks = new Map<string, (ack: GatewayAck) => void>();

  function onFrame(socket: GatewaySocket, data: Buffer): void {
    const frame = decodeFrame(data);
    if (frame.method === 0 && headerValue(frame, "type") === "ping") {
      pinged.add(socket);
      const pong = { key: "type", value: "pong" };
      socket.send(encodeFrame({ SeqID: 0, LogID: 0, service: frame.service, method: 0, headers: [pong], payload: Buffer.from(JSON.stringify(clientConfig)) }));
      return;
    }
    const messageId = headerValue(frame, "message_id");
    const resolve = messageId === undefined ? undefined : pendingAcks.get(messageId);
    if (frame.method === 1 && resolve) resolve({ acked: true, ackPayload: decodeAckPayload(frame.payload) });
  }

  function liveSockets(): GatewaySocket[] {
    return sockets.filter((socket) => socket.readyState === socketOpen && pinged.has(socket));
  }

  async function waitForSocket(timeoutMs: number): Promise<GatewaySocket> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = liveSockets().at(-1);
      if (socket) return socket;
      if (Date.now() > deadline) throw new Error(`fake Feishu gateway: no client connected within ${timeoutMs} ms; start the bot's WSClient first`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return {
    endpointResponse(port) {
      // device_id/service_id must not come first: the SDK parses the whole URL with qs.
      const url = `ws://127.0.0.1:${port}/ws/v2?fpid=1&device_id=fake_device&service_id=${serviceId}&ticket=${ticket}`;
      return { code: 0, msg: "ok", data: { URL: url, ClientConfig: clientConfig } };
    },
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (url.pathname !== "/ws/v2" || url.searchParams.get("ticket") !== ticket) {
        options.onUpgrade({ path: url.pathname, status: 403 });
        socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
        return;
      }
      options.onUpgrade({ path: url.pathname, status: 101 });
      socketServer.handleUpgrade(request, socket, head, (client) => {
        sockets.push(client);
        client.on("message", (data) => onFrame(client, data));
        client.on("close", () => {
          const index = sockets.indexOf(client);
          if (index >= 0) sockets.splice(index, 1);
        });
      });
    },
    connections: () => liveSockets().length,
    async pushEvent(envelope, pushOptions = {}) {
      const timeoutMs = pushOptions.timeoutMs ?? 10_000;
      const socket = await waitForSocket(5_000);
      const messageId = `fake_frame_${randomUUID()}`;
      const headers = [
        { key: "type", value: "event" },
        { key: "message_id", value: messageId },
        { key: "sum", value: "1" },
        { key: "seq", value: "0" },
        { key: "trace_id", value: randomUUID() },
      ];
      const acknowledged = new Promise<GatewayAck>((resolve) => {
        const timer = setTimeout(() => resolve({ acked: false }), timeoutMs);
        pendingAcks.set(messageId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      socket.send(encodeFrame({ SeqID: 0, LogID: 0, service: serviceId, method: 1, headers, payload: Buffer.from(JSON.stringify(envelope)) }));
      try {
        return await acknowledged;
      } finally {
        pendingAcks.delete(messageId);
      }
    },
    dropConnections() {
      for (const socket of sockets.splice(0)) socket.terminate();
    },
    close() {
      for (const socket of sockets.splice(0)) socket.terminate();
      socketServer.close();
    },
  };
}
