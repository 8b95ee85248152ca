import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { generateCorpus, generateItems, renderIssue } from "../scripts/generate-corpus.js";

const temporaryDirectories: string[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "generate-corpus-"));
  temporaryDirectories.push(directory);
  return directory;
}

function readAll(directory: string): Map<string, string> {
  return new Map(readdirSync(directory).sort().map((name) => [name, readFileSync(join(directory, name), "utf8")]));
}

afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("generateCorpus", () => {
  it("writes identical files for the same seed and different ones for another seed", () => {
    const first = temporaryDirectory();
    const second = temporaryDirectory();
    const third = temporaryDirectory();
    generateCorpus({ count: 30, seed: 42, outDir: first });
    generateCorpus({ count: 30, seed: 42, outDir: second });
    generateCorpus({ count: 30, seed: 43, outDir: third });
    expect(readAll(second)).toEqual(readAll(first));
    expect([...readAll(third).keys()]).toEqual([...readAll(first).keys()]);
    expect(readAll(third).get("2026-01.txt")).not.toEqual(readAll(first).get("2026-01.txt"));
  });

  it("writes exactly count files, restarting issue numbers every year and ending in 2026", () => {
    const directory = temporaryDirectory();
    const paths = generateCorpus({ count: 120, seed: 1, outDir: directory });
    const names = readdirSync(directory).sort();
    expect(paths).toHaveLength(120);
    expect(names).toHaveLength(120);
    expect(names.slice(0, 2)).toEqual(["2024-01.txt", "2024-02.txt"]);
    expect(names.slice(49, 52)).toEqual(["2024-50.txt", "2025-01.txt", "2025-02.txt"]);
    expect(names.at(-1)).toBe("2026-20.txt");
  });

  it("prints masthead, issue line, publisher, date, attributed items and footer", () => {
    const directory = temporaryDirectory();
    generateCorpus({ count: 60, seed: 9, outDir: directory });
    const text = readFileSync(join(directory, "2026-03.txt"), "utf8");
    const paragraphs = text.trim().split("\n\n");
    expect(paragraphs.slice(0, 4)).toEqual(["上街信息", "第 3 期", "中共上街区委办公室", "2026 年 1 月 17 日"]);
    expect(paragraphs.slice(-3, -1)).toEqual(["本期送：区县处级领导", "发：峡窝镇、各街道办事处、区直各单位负责同志"]);
    expect(paragraphs.at(-1)).toMatch(/^责任编辑：\p{Script=Han}{3} \p{Script=Han}{3}$/u);
    const items = paragraphs.slice(4, -3);
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.length).toBeLessThanOrEqual(8);
    for (const item of items) {
      expect(item).toMatch(/^(△ |区|工业路|新安路|峡窝镇|槐荫路).+\d.+（[^（）]+）$/);
      expect(item).not.toContain("{");
    }
  });

  it("writes Markdown with a # masthead and bold headlines when asked", () => {
    const directory = temporaryDirectory();
    generateCorpus({ count: 2, seed: 5, outDir: directory, format: "md" });
    expect(readdirSync(directory).sort()).toEqual(["2026-01.md", "2026-02.md"]);
    const text = readFileSync(join(directory, "2026-02.md"), "utf8");
    expect(text.startsWith("# 上街信息\n\n第 2 期\n\n中共上街区委办公室\n\n2026 年 1 月 10 日\n\n**")).toBe(true);
    expect(text).toContain("本期送：区县处级领导\n\n---\n\n发：");
  });
});

describe("generateItems", () => {
  it("returns exactly count items, the same for the same seed", () => {
    const items = generateItems({ count: 10_000, seed: 3 });
    expect(items).toHaveLength(10_000);
    expect(generateItems({ count: 10_000, seed: 3 })).toEqual(items);
    expect(generateItems({ count: 7, seed: 3 })).toHaveLength(7);
  });

  it("fills every template with a unit, figures and an ISO date", () => {
    const items = generateItems({ count: 500, seed: 11 });
    for (const item of items) {
      expect(item.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.body).toMatch(/\d/);
      expect(`${item.title}${item.body}`).not.toMatch(/[{}]/);
      if (item.kind === "report") expect(item.title.startsWith(item.unit)).toBe(true);
      else expect(item.title).toBe("");
    }
    expect(new Set(items.map((item) => item.unit)).size).toBeGreaterThan(10);
  });

  it("renders a joint report with both units in one attribution", () => {
    const text = renderIssue({
      format: "txt",
      issue: {
        year: 2025,
        issue: 18,
        date: "2025-05-02",
        editors: ["周明远", "韩晓璐"],
        items: [{ kind: "report", unit: "区卫健委 区医保局", title: "区卫健委 区医保局推进家庭医生签约服务", body: "签约率达 70.1%。", date: "2025-05-02" }],
      },
    });
    expect(text).toBe(
      "上街信息\n\n第 18 期\n\n中共上街区委办公室\n\n2025 年 5 月 2 日\n\n" +
        "区卫健委 区医保局推进家庭医生签约服务 签约率达 70.1%。（区卫健委 区医保局）\n\n" +
        "本期送：区县处级领导\n\n发：峡窝镇、各街道办事处、区直各单位负责同志\n\n责任编辑：周明远 韩晓璐\n",
    );
  });
});

describe("data/samples", () => {
  const directory = join(import.meta.dirname, "..", "data", "samples");

  it("keeps every sample small (under 8 KB)", () => {
    for (const name of readdirSync(directory)) expect(statSync(join(directory, name)).size).toBeLessThan(8 * 1024);
  });

  it("keeps 2025-57-gbk.txt in GBK, not UTF-8", () => {
    const bytes = readFileSync(join(directory, "2025-57-gbk.txt"));
    expect(bytes.toString("utf8")).toContain("\uFFFD");
    const text = iconv.decode(bytes, "gbk");
    expect(text.startsWith("上街信息\n\n第 57 期\n\n中共上街区委办公室\n\n2025 年 10 月 30 日\n\n")).toBe(true);
    expect(text).toContain("（区红十字会）\n\n本期送：区县处级领导");
  });
});
