import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess as runCli } from "./helpers/run-cli.js";
import { SAMPLES } from "./helpers/sample-application.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "cli-stats-"));
  const ingest = await runCli(["--data-dir", dataDir, "ingest", SAMPLES, "--json"]);
  expect(ingest.code).toBe(0);
}, 60_000);

/** The paragraphs of a .docx as mammoth reads them. */
async function docxParagraphs(file: string): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: readFileSync(file) });
  return value.split("\n").map((line) => line.trim()).filter(Boolean);
}

describe("cli stats", () => {
  it("prints the ranking of a year as a table, ties marked, with the rules for ties and joint reports", async () => {
    const result = await runCli(["--data-dir", dataDir, "stats", "--year", "2024"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("统计范围：2024年（2024-01-01 至 2024-12-31）");
    expect(lines[1]).toBe("共 2 期 14 条信息（报送 10 条、△短讯 4 条），13 个单位有信息被采用。");
    expect(lines[2]).toContain("联合报送的信息给每个署名单位各记一条");
    expect(lines[6]).toMatch(/^1 +区教育局 +2 +2 +0 +0 +2 +2024年第12期、2024年第40期$/);
    expect(lines[7]).toMatch(/^2= +工业路街道 +1 /);
    expect(result.stdout).toContain("2024年8月");
  });

  it("writes JSON with departments, the trend by quarter and one unit's issues", async () => {
    const result = await runCli(["--data-dir", dataDir, "stats", "--unit", "医保局", "--from", "2025-01-01", "--to", "2026-12-31", "--by", "quarter", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.departments).toEqual(["区医保局"]);
    expect(report.totals).toMatchObject({ items: 3, reports: 2, briefs: 1, joint: 1, issues: 3, units: 1 });
    expect(report.ranking.map((entry: { department: string; items: number }) => [entry.department, entry.items])).toEqual([["区医保局", 3]]);
    expect(report.trend.points.map((point: { period: string; items: number }) => `${point.period}:${point.items}`)).toEqual([
      "2025-Q1:0", "2025-Q2:1", "2025-Q3:0", "2025-Q4:1", "2026-Q1:1", "2026-Q2:0", "2026-Q3:0", "2026-Q4:0",
    ]);
  });

  it("writes CSV for a spreadsheet, and refuses an unknown unit with suggestions", async () => {
    const csv = await runCli(["--data-dir", dataDir, "stats", "--year", "2026", "--csv"]);
    expect(csv.stdout.startsWith("\uFEFF时间段,排名,并列,单位,条数")).toBe(true);
    expect(csv.stdout.split("\r\n")[1]).toBe("2026年,1,,区市场监管局,2,2,0,0,2,2026年第3期、2026年第15期");
    const unknown = await runCli(["--data-dir", dataDir, "stats", "--unit", "区档案馆"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("没有找到单位“区档案馆”");
  });
});

describe("cli export", () => {
  it("writes a unit's items of a period as .docx: title, period, every item in date order with issue and date, closing count", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "export-")), "教育局.docx");
    const result = await runCli(["--data-dir", dataDir, "export", "--unit", "教育局", "--from", "2024-01-01", "--to", "2025-12-31", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("共 3 期 3 条。");
    const paragraphs = await docxParagraphs(out);
    expect(paragraphs.slice(0, 2)).toEqual(["区教育局被《上街信息》采用信息汇编", "时间段：2024-01-01 至 2025-12-31"]);
    expect(paragraphs.filter((line) => /^\d{4}年第\d+期（/.test(line))).toEqual([
      "2024年第12期（2024-03-07） · 区教育局",
      "2024年第40期（2024-08-22） · 区教育局",
      "2025年第57期（2025-10-30） · 区教育局",
    ]);
    expect(paragraphs.filter((line) => /^\d+\. /.test(line))).toEqual(["1. 区教育局推进课后服务提质扩面", "2. 区教育局暑期集中开展校舍维修改造", "3. 区教育局扩容增位缓解入学压力"]);
    expect(paragraphs.at(-1)).toBe("共 3 期 3 条。");
  });

  it("answers an export question in `ask` with the export command that writes the file", async () => {
    const result = await runCli(["--data-dir", dataDir, "ask", "把区教育局2025年的信息导出来", "--today", "2026-11-28"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("导出 Word 文档：bulletin-bot export --unit 区教育局 --from 2025-01-01 --to 2025-12-31 --out 区教育局.docx");
  });

  it("writes a whole issue, and counts a joint report once with the rule stated", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "export-")), "18.docx");
    const result = await runCli(["--data-dir", dataDir, "export", "--issue", "18", "--year", "2025", "--out", out]);
    expect(result.code).toBe(0);
    const paragraphs = await docxParagraphs(out);
    expect(paragraphs.slice(0, 2)).toEqual(["《上街信息》2025年第18期", "时间段：2025-04-17"]);
    expect(paragraphs).toContain("2025年第18期（2025-04-17） · 区卫健委、区医保局");
    expect(paragraphs.at(-1)).toBe("共 1 期 6 条，其中联合报送 1 条（联合报送的信息给每个署名单位各记一条）。");
    const missing = await runCli(["--data-dir", dataDir, "export", "--issue", "99", "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("没有收录第99期");
  });
});
