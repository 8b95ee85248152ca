import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { fakeAppId, fakeAppSecret, startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { messageEvent } from "./fakes/feishu-events.js";
import { spawnCli } from "./helpers/run-cli.js";

let fake: FakeFeishu | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  child = undefined;
  await fake?.close();
  fake = undefined;
});

/** Resolves with the first match of `pattern` in the child's stdout, or rejects when it exits first. */
function waitForOutput(process: ChildProcess, pattern: RegExp, output: { text: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = output.text.match(pattern);
      if (match) {
        process.stdout!.off("data", check);
        resolve(match);
      }
    };
    process.stdout!.on("data", check);
    process.once("exit", (code) => reject(new Error(`serve exited with ${code} before printing ${pattern}:\n${output.text}`)));
    check();
  });
}

describe("serve with the long connection", () => {
  it("keeps serving the web page when the first connection attempts are refused, retries, and then answers", async () => {
    fake = await startFakeFeishu();
    fake.refuseConnectionsNext({ times: 2 });
    const output = { text: "" };
    child = spawnCli(["serve"], {
      env: {
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "serve-ws-")),
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        FEISHU_APP_ID: fakeAppId,
        FEISHU_APP_SECRET: fakeAppSecret,
        FEISHU_TRANSPORT: "websocket",
        FEISHU_DOMAIN: fake.domain,
      },
    });
    const logs = { text: "" };
    child.stdout!.on("data", (chunk: Buffer) => (output.text += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (logs.text += chunk.toString("utf8")));
    const [url] = await waitForOutput(child, /http:\/\/127\.0\.0\.1:\d+\//, output);
    await waitForOutput(child, /飞书机器人暂未连上（长连接（WebSocket））/, output);

    expect((await fetch(`${url}healthz`)).status).toBe(200);
    // Two refusals, then backoff of 1 s and 2 s: connected within a generous bound.
    await fake.waitFor((current) => current.gatewayConnections() === 1, { timeoutMs: 15_000 });
    expect(fake.callsTo("POST", "/callback/ws/endpoint").length).toBe(3);
    expect(logs.text).toMatch(/feishu long connection retrying/);
    // The gateway sees the client before the child's log line reaches us through its pipe.
    await fake.waitFor(() => /feishu long connection connected/.test(logs.text));
    expect((await fetch(`${url}healthz`)).status).toBe(200);
    const messageId = `om_serve_ws_${Date.now()}`;
    const ack = await fake.pushEvent(messageEvent({ chatId: "oc_p2p_serve", chatType: "p2p", senderOpenId: "ou_staff", text: "/latest", messageId }));
    expect(ack.acked).toBe(true);
    await fake.waitFor((current) => current.sentMessages().some((message) => message.replyTo === messageId));
    expect(child.exitCode).toBeNull();
  }, 60_000);
});
