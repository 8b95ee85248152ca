import { rmSync } from "node:fs";
import mammoth from "mammoth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { chromiumMissingReason, launchBrowser, type TestBrowser } from "./helpers/browser.js";
import { sampleApplication, SAMPLES } from "./helpers/sample-application.js";

const missing = chromiumMissingReason();
if (missing !== null && process.env.CI) {
  test("chromium is available for the statistics page test", () => {
    throw new Error(`[web-stats-page] ${missing}; .ci/run installs it before the tests`);
  });
}

describe.skipIf(missing !== null)("statistics page in headless chromium", () => {
  let application: Application | undefined;
  let dataDir: string | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: TestBrowser | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ application, dataDir } = await sampleApplication({ paths: [SAMPLES], today: "2026-11-28" }));
    server = await startWebServer({ application, config: loadConfig({}), port: 0, host: "127.0.0.1", logger: createLogger({ level: "warn" }) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    application?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    // A script blocked by the Content-Security-Policy shows up here.
    expect(problems).toEqual([]);
  });

  async function open(path: string): Promise<Page> {
    const page = await browser!.context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      // The browser asks for /favicon.ico on its own; the page has none.
      if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) problems.push(`${message.text()} ${message.location().url}`);
    });
    await page.goto(`${server!.url}${path}`);
    await page.locator("body[data-ready='true']").waitFor({ state: "attached" });
    return page;
  }

  async function docxText(page: Page, href: string): Promise<string[]> {
    const response = await page.request.get(new URL(href, page.url()).href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const { value } = await mammoth.extractRawText({ buffer: await response.body() });
    return value.split("\n").map((line) => line.trim()).filter(Boolean);
  }

  test("draws the units as bars and the monthly trend, and a click on a bar opens that unit's summary with a Word download", async () => {
    const page = await open("stats.html?from=2025-01-01&to=2025-12-31");
    expect(await page.locator("#totals").textContent()).toBe("2025年：共 2 期 13 条信息（报送 11 条、△短讯 2 条），12 个单位有信息被采用。");
    const charts = await page.evaluate(() => {
      const read = (id: string) => {
        const chart = (window as unknown as { Chart: { getChart(canvas: Element): { data: { labels: string[]; datasets: { data: number[] }[] } } } }).Chart.getChart(document.getElementById(id)!);
        return { labels: chart.data.labels, data: chart.data.datasets.map((dataset) => dataset.data) };
      };
      return { units: read("unit-chart"), trend: read("trend-chart") };
    });
    expect(charts.units.labels.slice(0, 2)).toEqual(["区委社工部", "区医保局"]);
    expect(charts.units.labels).toHaveLength(12);
    expect(charts.units.data[0]!.slice(0, 2)).toEqual([2, 2]);
    expect(charts.trend.labels).toEqual(Array.from({ length: 12 }, (_, index) => `2025年${index + 1}月`));
    expect(charts.trend.data[0]).toEqual([0, 0, 0, 6, 0, 0, 0, 0, 0, 7, 0, 0]);
    expect(await page.locator("#ranking tbody tr").first().textContent()).toBe("1（并列）区委社工部2202");
    // The canvas is drawn: some pixels are not blank.
    const inked = await page.evaluate(() => {
      const canvas = document.getElementById("unit-chart") as HTMLCanvasElement;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) count += 1;
      return count;
    });
    expect(inked).toBeGreaterThan(1000);
    await page.screenshot({ path: "/tmp/web-stats-page.png", fullPage: true });

    // Click the middle of 区医保局's bar, where Chart.js drew it.
    const bar = await page.evaluate(() => {
      const chart = (window as unknown as { Chart: { getChart(canvas: Element): { getDatasetMeta(index: number): { data: { x: number; y: number; base: number }[] } } } }).Chart.getChart(document.getElementById("unit-chart")!);
      const element = chart.getDatasetMeta(0).data[1]!;
      return { x: (element.x + element.base) / 2, y: element.y };
    });
    await page.locator("#unit-chart").click({ position: bar });
    await page.locator("#unit-summary:not([hidden])").waitFor();
    expect(await page.locator("#unit-title").textContent()).toBe("区医保局 · 2025年");
    expect(await page.locator("#unit-figures").textContent()).toBe("被采用 2 条（报送 2 条、△短讯 0 条），出现在 2 期；其中联合报送 1 条（联合报送的信息给每个署名单位各记一条）。");
    expect(await page.locator("#unit-items li").allTextContents()).toEqual([
      "2025年第18期（2025-04-17）区卫健委 区医保局联合推进家庭医生签约服务",
      "2025年第57期（2025-10-30）区医保局加强医保基金常态化监管",
    ]);
    expect(new URL(page.url()).searchParams.get("department")).toBe("区医保局");
    const paragraphs = await docxText(page, (await page.locator("#unit-download").getAttribute("href"))!);
    expect(paragraphs.slice(0, 2)).toEqual(["区医保局被《上街信息》采用信息汇编", "时间段：2025年"]);
    expect(paragraphs.at(-1)).toBe("共 2 期 2 条，其中联合报送 1 条（联合报送的信息给每个署名单位各记一条）。");
  });

  test("opens on the latest year, and a chat answer to an export question offers the Word file", async () => {
    const page = await open("stats.html");
    expect(await page.locator("#year").inputValue()).toBe("2026");
    expect(await page.locator("#silent").textContent()).toContain("区公安局（最近一次 2025-10-30）");

    const chat = await browser!.context.newPage();
    chat.on("pageerror", (error) => problems.push(error.message));
    await chat.goto(server!.url);
    await chat.getByLabel("问题").fill("把区教育局2025年的信息导出来");
    await chat.getByRole("button", { name: "提问" }).click();
    const reply = chat.locator(".turn").last().locator(".reply:not(.pending)");
    await reply.waitFor();
    expect(await reply.locator(".answer").textContent()).toContain("区教育局在2025年被《上街信息》采用的 1 条信息（1 期）可导出为 Word 文档");
    const paragraphs = await docxText(chat, (await reply.getByRole("link", { name: "下载 Word" }).getAttribute("href"))!);
    expect(paragraphs).toContain("2025年第57期（2025-10-30） · 区教育局");
    expect(paragraphs.at(-1)).toBe("共 1 期 1 条。");
  });
});
