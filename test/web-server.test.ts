import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { StoreError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { createLinkSigner, loadLinkSecret } from "../src/web/link-signer.js";
import { startWebServer, type WebServer } from "../src/web/start-web-server.js";
import { SAMPLES, sampleApplication } from "./helpers/sample-application.js";

let application: Application;
let dataDir: string;
let server: WebServer;
const config = loadConfig({ LOG_LEVEL: "silent", LINK_TTL_HOURS: "2" });
const logger = createLogger({ level: "silent" });

const ask = async (body: unknown) => {
  const response = await fetch(`${server.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

beforeAll(async () => {
  ({ application, dataDir } = await sampleApplication({ paths: [SAMPLES] }));
  server = await startWebServer({ application, config, logger, port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
  application.close();
});

describe("web API", () => {
  it("answers over HTTP with signed links on every citation", async () => {
    const { status, body } = await ask({ question: "区农委春耕落实了多少亩小麦？" });
    expect(status).toBe(200);
    expect(body.answer).toContain("5.2万亩");
    expect(body.citations[0].url).toMatch(new RegExp(`^${server.url}issues/\\d+\\?item=3&expires=\\d+&signature=`));
    expect(typeof body.conversationId).toBe("string");
  });

  it("keeps a conversation's unit for a follow-up question", async () => {
    const first = await ask({ question: "总结区教育局的工作", conversationId: "web-1" });
    expect(first.body.citations).toHaveLength(4);
    const followUp = await ask({ question: "那2025年呢？", conversationId: "web-1" });
    expect(followUp.body.intent).toBe("summary");
    expect(followUp.body.citations.map((citation: { date: string }) => citation.date)).toEqual(["2025-10-30"]);
  });

  it("never lets a web conversation id join a Feishu thread's conversation", async () => {
    const answer = application.answerer();
    await answer({ question: "总结区教育局的工作", conversation: { channel: "feishu", id: "om_thread_1" } });
    // The Feishu thread itself keeps its unit for a follow-up...
    const inThread = await answer({ question: "那2025年呢？", conversation: { channel: "feishu", id: "om_thread_1" } });
    expect(inThread.intent).toBe("summary");
    // ...but the web page, whatever id it sends, starts a conversation of its own.
    for (const conversationId of ["om_thread_1", "feishu:om_thread_1"]) {
      const { body } = await ask({ question: "那2025年呢？", conversationId });
      expect(body.intent).not.toBe("summary");
      expect(body.conversationId).toBe(conversationId);
    }
  });

  it("rejects an empty question with a Chinese message", async () => {
    const { status, body } = await ask({ question: "  " });
    expect(status).toBe(400);
    expect(body.error).toBe("问题不能为空");
  });

  it("lists issues newest first, a page at a time with the total, and units", async () => {
    type Page = { total: number; offset: number; limit: number; issues: { date: string; url: string; units: string[] }[] };
    const page = (await (await fetch(`${server.url}api/issues`)).json()) as Page;
    expect([page.total, page.offset, page.limit]).toEqual([6, 0, 50]);
    expect(page.issues.map((issue) => issue.date)).toEqual(["2026-04-09", "2026-01-15", "2025-10-30", "2025-04-17", "2024-08-22", "2024-03-07"]);
    expect(page.issues[0]!.units).toEqual(["区市场监管局"]);
    const second = (await (await fetch(`${server.url}api/issues?offset=2&limit=3`)).json()) as Page;
    expect(second.issues.map((issue) => issue.date)).toEqual(["2025-10-30", "2025-04-17", "2024-08-22"]);
    expect((await fetch(`${server.url}api/issues?limit=1000`)).status).toBe(400);
    const units = (await (await fetch(`${server.url}api/units`)).json()) as { department: string }[];
    expect(units.map((unit) => unit.department)).toContain("区委社工部");
  });
});

describe("signed issue links", () => {
  it("opens the issue page with the cited item highlighted", async () => {
    const { body } = await ask({ question: "区农委春耕落实了多少亩小麦？" });
    const response = await fetch(body.citations[0].url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<section id="item-3" class="item highlight" aria-current="true">[\s\S]*5\.2万亩/);
    expect(html.match(/class="item highlight"/g)).toHaveLength(1);
    expect(html).toContain('id="item-1"');
  });

  it("refuses an unsigned, tampered or expired link with 403 and a Chinese explanation", async () => {
    const { body } = await ask({ question: "区农委春耕落实了多少亩小麦？" });
    const url = new URL(body.citations[0].url);
    const unsigned = await fetch(`${url.origin}${url.pathname}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain("没有有效签名");

    const tampered = new URL(url);
    tampered.pathname = tampered.pathname.replace(/\d+$/, (id) => String(Number(id) + 1));
    expect((await fetch(tampered)).status).toBe(403);

    const signer = createLinkSigner({ secret: loadLinkSecret({ configured: undefined, dataDir }), ttlHours: 2 });
    const old = signer.sign({ path: url.pathname, now: Date.now() - 3 * 3600 * 1000 });
    const expired = await fetch(`${url.origin}${url.pathname}?expires=${old.expires}&signature=${old.signature}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("已过期");
  });

  it("serves the original file, byte for byte, behind its own signed link", async () => {
    const { body } = await ask({ question: "第57期原文" });
    expect(body.intent).toBe("source");
    const originalUrl = /原文：(\S+)/.exec(body.answer)![1]!;
    const response = await fetch(originalUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent("2025-57-gbk.txt"));
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(SAMPLES, "2025-57-gbk.txt")))).toBe(true);
    expect((await fetch(originalUrl.replace(/signature=[^&]+/, "signature=AAAA"))).status).toBe(403);
  });

  it("links to an issue's external URL when the manifest lists one", async () => {
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), "manifest-")), "issue-links.json");
    writeFileSync(manifest, JSON.stringify({ links: [{ year: 2025, issue: 18, url: "https://docs.example.gov.cn/bulletins/2025-18" }] }));
    const other = await startWebServer({ application, config, logger, port: 0, host: "127.0.0.1", manifest });
    try {
      const response = await fetch(`${other.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }) });
      const answer = (await response.json()) as { citations: { url: string }[] };
      expect(answer.citations[0]!.url).toBe("https://docs.example.gov.cn/bulletins/2025-18");
    } finally {
      await other.close();
    }
  });
});

describe("the one error path", () => {
  it("answers a server fault with 500 and a Chinese message, and logs its cause for the operator", async () => {
    const logged: { msg: string; err?: { message: string; cause?: { message: string } } }[] = [];
    const recording = createLogger({ level: "info", destination: { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) } });
    const fault = new StoreError({ message: "cannot read /srv/bulletins/bulletins.db", hint: "check the disk", cause: new Error("SQLITE_IOERR") });
    const failing = await startWebServer({ application, config, logger: recording, port: 0, host: "127.0.0.1", answer: async () => Promise.reject(fault) });
    try {
      const response = await fetch(`${failing.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "区农委春耕落实了多少亩小麦？" }) });
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: string };
      expect(body.error).toBe("服务器内部错误，请稍后再试。");
      expect(JSON.stringify(body)).not.toContain("/srv/bulletins");
      const entry = logged.find((record) => record.msg === "request failed");
      expect(entry?.err?.message).toContain("cannot read /srv/bulletins/bulletins.db");
      expect(entry?.err?.cause?.message).toBe("SQLITE_IOERR");
    } finally {
      await failing.close();
    }
  });

  it("answers what the person got wrong with 400 and says what to fix, without logging an error", async () => {
    const response = await fetch(`${server.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("请求体不是合法的 JSON。");
  });
});
