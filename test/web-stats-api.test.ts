import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";
import { startWebServer, type WebServer } from "../src/web/start-web-server.js";
import { sampleApplication, SAMPLES } from "./helpers/sample-application.js";

let application: Application;
let server: WebServer;
beforeAll(async () => {
  ({ application } = await sampleApplication({ paths: [SAMPLES], today: "2026-11-28" }));
  server = await startWebServer({ application, config: loadConfig({ LOG_LEVEL: "silent" }), port: 0, host: "127.0.0.1", chatModel: null, logger: createLogger({ level: "silent" }) });
});
afterAll(async () => {
  await server?.close();
  application?.close();
});

const get = (path: string) => fetch(`${server.url}${path}`);

describe("statistics API", () => {
  it("answers the report as stats --json does, with the years that have issues", async () => {
    const response = await get("api/stats?from=2024-01-01&to=2024-12-31&by=quarter");
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.totals).toEqual({ items: 14, reports: 10, briefs: 4, joint: 0, issues: 2, units: 13 });
    expect(report.ranking[0]).toMatchObject({ rank: 1, tied: false, department: "区教育局", items: 2 });
    expect(report.periods.map((period: { label: string }) => period.label)).toEqual(["2024年第一季度", "2024年第二季度", "2024年第三季度", "2024年第四季度"]);
    expect(report.coverage).toEqual({ first: "2024-03-07", last: "2026-04-09", years: [2024, 2025, 2026] });
  });

  it("serves CSV and Chart.js as files, and refuses bad dates and unknown units in Chinese", async () => {
    const csv = await get("api/stats.csv?from=2026-01-01&to=2026-12-31");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(decodeURIComponent(csv.headers.get("content-disposition")!)).toContain("上街信息统计-2026年.csv");
    expect((await csv.text()).split("\r\n")[1]).toBe("2026年,1,,区市场监管局,2,2,0,0,2,2026年第3期、2026年第15期");
    const chart = await get("vendor/chart.umd.min.js");
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain("Chart");
    expect((await get("api/stats?from=2024-13")).status).toBe(400);
    const unknown = await get("api/stats/department?department=区档案馆");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toContain("没有找到单位“区档案馆”");
    const empty = await get("api/export.docx?department=区城管局");
    expect(empty.status).toBe(404);
  });

  it("adds a Word download to one-unit summaries and the full list to counts in /api/ask", async () => {
    const ask = async (question: string) => (await fetch(`${server.url}api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) })).json();
    const summary = await ask("总结区教育局2025年的工作");
    expect(summary.download).toBe("api/export.docx?department=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80&from=2025-01-01&to=2025-12-31");
    const count = await ask("区教育局2025年被采用了几条？");
    expect(count.intent).toBe("count");
    expect(count.statistics).toBe("stats.html?department=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80&from=2025-01-01&to=2025-12-31");
    const fact = await ask("区农委春耕落实了多少亩小麦？");
    expect(Object.keys(fact)).toEqual(["question", "intent", "answer", "citations", "conversationId"]);
  });
});
