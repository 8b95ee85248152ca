import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createFeishuWebLogin } from "../src/feishu/feishu-web-login.js";
import { createLogger } from "../src/log.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { fakeAppId, fakeAppSecret, startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { chromiumMissingReason, launchBrowser, type TestBrowser } from "./helpers/browser.js";
import { closedPort } from "./helpers/network.js";
import { sampleApplication, SAMPLES } from "./helpers/sample-application.js";

const missing = chromiumMissingReason();

// web-page.test.ts covers the page itself on loopback; this is the exposed server: login, CSP, 401 and logout in a real browser.
describe.skipIf(missing !== null)("staff login in headless chromium", () => {
  let application: Application | undefined;
  let fake: FakeFeishu | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: TestBrowser | undefined;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [SAMPLES] }));
    fake = await startFakeFeishu();
    fake.addUser({ openId: "ou_zhang", name: "张三" });
    fake.signInAs("ou_zhang");
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({ PUBLIC_BASE_URL: base, PORT: String(port), FEISHU_APP_ID: fakeAppId, FEISHU_APP_SECRET: fakeAppSecret, FEISHU_DOMAIN: fake.domain });
    const logger = createLogger({ level: "error" });
    const login = createFeishuWebLogin({ feishu: config.feishu!, allowedUsers: [], logger });
    server = await startWebServer({ application, config, host: "127.0.0.1", logger, chatModel: null, login });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
    application?.close();
    // Script errors and CSP refusals ("Refused to load/apply/execute ...") on any page of the flow.
    expect(problems).toEqual([]);
  });

  async function newPage(): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    return page;
  }

  test("sends a visitor through Feishu to the page, shows who is signed in, and answers with working links", async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByRole("link", { name: "使用飞书登录" }).click();
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.locator("#staff-name").textContent()).toBe("张三");
    expect(await page.getByRole("button", { name: "退出登录" }).isVisible()).toBe(true);
    await page.locator("#issues li a").first().waitFor();

    await page.getByLabel("问题").fill("区农委春耕落实了多少亩小麦？");
    await page.getByRole("button", { name: "提问" }).click();
    const reply = page.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    expect(await reply.locator(".answer").textContent()).toContain("5.2万亩");
    const [issuePage] = await Promise.all([browser!.context.waitForEvent("page"), reply.locator("a.marker", { hasText: "[1]" }).click()]);
    await issuePage.waitForLoadState();
    expect(await issuePage.locator("#item-3").textContent()).toMatch(/5\.2 ?万亩/);
    await issuePage.close();
    await page.close();
  });

  test("goes back to the login when the session is gone, and 退出登录 signs out", async () => {
    await browser!.context.clearCookies();
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole("link", { name: "使用飞书登录" }).click();
    await page.waitForURL(`${base}/`);
    await page.locator("#units li button").first().waitFor();

    await browser!.context.clearCookies();
    await page.locator("#units li button").first().click();
    await page.waitForURL(`${base}/login`);
    expect(await page.getByRole("link", { name: "使用飞书登录" }).isVisible()).toBe(true);

    await page.getByRole("link", { name: "使用飞书登录" }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(`${base}/login?signed-out=1`);
    expect(await page.locator("body").textContent()).toContain("您已退出登录");
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });
});
