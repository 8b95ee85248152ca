import { rmSync } from "node:fs";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { chromiumMissingReason, launchBrowser, type TestBrowser } from "./helpers/browser.js";
import { sampleApplication, SAMPLES } from "./helpers/sample-application.js";

const missing = chromiumMissingReason();
if (missing !== null) {
  // A developer without chromium may skip; CI must not pass silently without the browser test.
  if (process.env.CI) {
    test("chromium is available for the web page test", () => {
      throw new Error(`[web-page] ${missing}; .ci/run installs it before the tests`);
    });
  } else {
    console.warn(`[web-page] skipping the browser test: ${missing}`);
  }
}

describe.skipIf(missing !== null)("web chat page in headless chromium", () => {
  let application: Application | undefined;
  let dataDir: string | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: TestBrowser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ application, dataDir } = await sampleApplication({ paths: [SAMPLES] }));
    server = await startWebServer({ application, config: loadConfig({}), port: 0, host: "127.0.0.1", logger: createLogger({ level: "warn" }) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    application?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });

  async function openChat(options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const page = await browser!.context.newPage();
    if (options.viewport) await page.setViewportSize(options.viewport);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(server!.url);
    await page.locator("#issues li a").first().waitFor({ state: "attached" });
    return page;
  }

  /** Types a question, presses 提问 and waits until the newest turn has its reply. */
  async function ask(page: Page, question: string) {
    await page.getByLabel("问题").fill(question);
    await page.getByRole("button", { name: "提问" }).click();
    const reply = page.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    return reply;
  }

  test("answers a fact question with a citation that opens the highlighted item", async () => {
    const page = await openChat();
    expect(await page.title()).toBe("上街信息问答");

    const reply = await ask(page, "区农委春耕落实了多少亩小麦？");
    expect(await page.locator(".turn .question").last().textContent()).toBe("问：区农委春耕落实了多少亩小麦？");
    expect(await reply.locator(".answer").textContent()).toContain("5.2万亩");
    expect(await reply.locator(".answer").getAttribute("class")).toBe("answer");
    const citations = await reply.locator(".citations a").allTextContents();
    expect(citations[0]).toBe("[1] 《上街信息》第18期 · 2025-04-17 · 区农委 — 区农委多措并举抓好春耕备播");
    expect(await page.getByLabel("问题").isEnabled()).toBe(true);

    await page.screenshot({ path: "/tmp/web-page.png", fullPage: true });

    const [issuePage] = await Promise.all([browser!.context.waitForEvent("page"), reply.locator("a.marker", { hasText: "[1]" }).click()]);
    await issuePage.waitForLoadState();
    const landed = new URL(issuePage.url());
    expect(landed.pathname).toMatch(/^\/issues\/\d+$/);
    expect(landed.hash).toBe("#item-3");
    const item = issuePage.locator("#item-3");
    expect((await item.getAttribute("class"))?.split(/\s+/)).toContain("highlight");
    expect(await item.textContent()).toMatch(/5\.2 ?万亩/);
    await issuePage.close();
    await page.close();
  });

  test("shows a question with no answer in the not-found style, without citation links", async () => {
    const page = await openChat();
    const reply = await ask(page, "上街区的GDP是多少？");
    expect(await reply.locator(".answer").getAttribute("class")).toBe("answer not-found");
    expect(await reply.locator(".answer").textContent()).toContain("没有找到");
    expect(await reply.locator("a").count()).toBe(0);
    await page.close();
  });

  test("lists the six ingested issues, newest first, linking to their pages", async () => {
    const page = await openChat();
    const issues = page.locator("#issues li a");
    expect(await issues.allTextContents()).toEqual([
      "2026年第15期 · 2026-04-09 · 1 条",
      "2026年第3期 · 2026-01-15 · 7 条",
      "2025年第57期 · 2025-10-30 · 7 条",
      "2025年第18期 · 2025-04-17 · 6 条",
      "2024年第40期 · 2024-08-22 · 7 条",
      "2024年第12期 · 2024-03-07 · 7 条",
    ]);
    const [issuePage] = await Promise.all([browser!.context.waitForEvent("page"), issues.nth(3).click()]);
    await issuePage.waitForLoadState();
    expect(await issuePage.locator("body").textContent()).toContain("区农委多措并举抓好春耕备播");
    await issuePage.close();
    await page.close();
  });

  test("shows a near miss without citations, its items under 相关信息", async () => {
    const page = await openChat();
    const reply = await ask(page, "小麦种植补贴一亩多少钱");
    expect(await reply.locator(".answer").innerText()).toContain("但没有写明所问的金额");
    expect(await reply.locator('.citations[aria-label="出处"]').count()).toBe(0);
    expect(await reply.locator(".related-heading").textContent()).toBe("相关信息");
    expect((await reply.locator('.citations[aria-label="相关信息"] li').allTextContents())[0]).toContain("区农委");
    await page.close();
  });

  test("shows the issues a page at a time, with 更多 for the rest", async () => {
    const page = await browser!.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // 120 issues, served 50 at a time as the real API would page them.
    const all = Array.from({ length: 120 }, (_, index) => ({ id: index + 1, issue: 120 - index, year: 2026, date: "2026-01-01", source: `${index}.md`, kind: "bulletin", itemCount: 7, units: [], url: null }));
    const requested: string[] = [];
    await page.route("**/api/issues?*", async (route) => {
      const url = new URL(route.request().url());
      requested.push(url.search);
      const offset = Number(url.searchParams.get("offset"));
      const limit = Number(url.searchParams.get("limit"));
      await route.fulfill({ json: { total: all.length, offset, limit, issues: all.slice(offset, offset + limit) } });
    });
    await page.goto(server!.url);
    const items = page.locator("#issues li:not(.more-issues)");
    await page.getByRole("button", { name: "更多（还有 70 期）" }).waitFor();
    expect(await items.count()).toBe(50);
    await page.getByRole("button", { name: "更多（还有 70 期）" }).click();
    await page.getByRole("button", { name: "更多（还有 20 期）" }).click();
    await page.locator("#issues li", { hasText: "2026年第1期" }).waitFor();
    expect(await items.count()).toBe(120);
    expect(await page.locator("#issues .more-issues").count()).toBe(0);
    expect(requested).toEqual(["?offset=0&limit=50", "?offset=50&limit=50", "?offset=100&limit=50"]);
    await page.close();
  });

  test("keeps one conversation id for follow-ups, and 新对话 starts another", async () => {
    const page = await openChat();
    const sent: { question: string; conversationId: string }[] = [];
    page.on("request", (request: Request) => {
      if (request.url().endsWith("/api/ask")) sent.push(request.postDataJSON() as { question: string; conversationId: string });
    });

    await page.locator("#units").getByRole("button", { name: "区委社工部" }).click();
    let reply = page.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    // Summary lines stay on their own lines.
    expect((await reply.locator(".answer").innerText()).split("\n").filter((line) => line.startsWith("- "))).toHaveLength(3);
    expect(await reply.locator(".citations li").count()).toBe(3);

    reply = await ask(page, "那2024年呢？");
    expect(await reply.locator(".citations a").allTextContents()).toEqual(['[1] 《上街信息》第12期 · 2024-03-07 · 区委社工部 — 区委社工部实施社区工作者"赋能计划"']);

    await page.getByRole("button", { name: "新对话" }).click();
    expect(await page.locator(".turn").count()).toBe(0);
    await ask(page, "上街区注册志愿者有多少人？");

    expect(sent.map((body) => body.question)).toEqual(["总结区委社工部的工作", "那2024年呢？", "上街区注册志愿者有多少人？"]);
    expect(sent[0]!.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.conversationId).toBe(sent[0]!.conversationId);
    expect(sent[2]!.conversationId).not.toBe(sent[0]!.conversationId);
    await page.close();
  });

  test("Enter sends, Shift+Enter adds a line, and the box waits with 正在检索… while the server works", async () => {
    const page = await openChat();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/ask", async (route) => {
      await held;
      await route.continue();
    });
    const box = page.getByLabel("问题");
    await box.fill("区农委春耕");
    await box.press("Shift+Enter");
    await box.pressSequentially("落实了多少亩小麦？");
    expect(await box.inputValue()).toBe("区农委春耕\n落实了多少亩小麦？");
    await box.press("Enter");

    await page.getByText("正在检索…").waitFor();
    expect(await box.isDisabled()).toBe(true);
    expect(await page.locator("#ask-button").isDisabled()).toBe(true);
    release();
    const reply = page.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    expect(await reply.locator(".answer").textContent()).toContain("5.2万亩");
    expect(await box.isEnabled()).toBe(true);
    await page.close();
  });

  test("shows the server's error message, and server text never becomes markup", async () => {
    const page = await openChat();
    await page.route("**/api/ask", (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "检索服务暂时不可用，请稍后再试。" }) }));
    let reply = await ask(page, "区农委春耕落实了多少亩小麦？");
    expect(await reply.locator(".answer.error").textContent()).toBe("检索服务暂时不可用，请稍后再试。");

    await page.unroute("**/api/ask");
    await page.route("**/api/ask", (route) =>
      route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({
          question: "x",
          intent: "fact",
          answer: '<img src=x onerror="window.injected=1">答案[1]',
          citations: [{ n: 1, issue: 9, year: 2025, date: "2025-01-02", department: "<b>单位</b>", departments: ["<b>单位</b>"], title: "<script>标题</script>", source: "a.md", item: 1, score: 1, url: "/issues/1?item=1#item-1" }],
          conversationId: "c",
        }),
      }),
    );
    reply = await ask(page, "转义");
    expect(await reply.locator(".answer").textContent()).toBe('<img src=x onerror="window.injected=1">答案[1]');
    expect(await reply.locator("img, b, script").count()).toBe(0);
    expect(await reply.locator(".citations a").textContent()).toBe("[1] 第9期 · 2025-01-02 · <b>单位</b> — <script>标题</script>");
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    await page.close();
  });

  test("on a phone the panel folds behind 各期简报, and a unit there asks for its summary", async () => {
    const page = await openChat({ viewport: { width: 390, height: 844 } });
    const panel = page.locator("#side-panel");
    expect(await panel.isVisible()).toBe(false);
    const toggle = page.getByRole("button", { name: "各期简报" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await panel.isVisible()).toBe(true);
    await page.screenshot({ path: "/tmp/web-page-phone-panel.png" });

    await panel.getByRole("button", { name: "区农委" }).click();
    expect(await panel.isVisible()).toBe(false);
    const reply = page.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    expect(await page.locator(".turn .question").last().textContent()).toBe("问：总结区农委的工作");
    expect(await reply.locator(".citations li").count()).toBe(2);
    await page.screenshot({ path: "/tmp/web-page-phone.png", fullPage: true });
    await page.close();
  });
});
