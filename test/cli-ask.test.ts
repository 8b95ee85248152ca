import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess as runCli } from "./helpers/run-cli.js";
import { SAMPLES } from "./helpers/sample-application.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "cli-ask-"));
  const ingest = await runCli(["--data-dir", dataDir, "ingest", SAMPLES, "--json"]);
  expect(ingest.code).toBe(0);
}, 60_000);

describe("cli ask", () => {
  it("prints the citation contract with --json", async () => {
    const result = await runCli(["--data-dir", dataDir, "ask", "区农委春耕落实了多少亩小麦？", "--json", "--today", "2026-11-23"]);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(Object.keys(answer)).toEqual(["question", "intent", "answer", "citations"]);
    expect(answer.intent).toBe("fact");
    expect(answer.answer).toContain("5.2万亩");
    expect(answer.citations[0]).toEqual({
      n: 1, issue: 18, year: 2025, date: "2025-04-17", department: "区农委", departments: ["区农委"],
      title: "区农委多措并举抓好春耕备播", source: "2025-18.md", series: "上街信息", item: 3, score: expect.any(Number),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/issues\/\d+\?item=3&expires=\d+&signature=[\w-]+#item-3$/),
    });
  });

  it("answers a batch in input order, one JSON line each, carrying the ids", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "batch-")), "questions.jsonl");
    writeFileSync(file, ['{"id":"a","question":"总结峡窝镇今年的工作"}', '{"question":"第40期原文"}', '{"id":"c","question":"上街区的GDP是多少？"}'].join("\n"));
    const result = await runCli(["--data-dir", dataDir, "ask", "--batch", file, "--json", "--today", "2026-11-23"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.intent])).toEqual([["a", "summary"], [undefined, "source"], ["c", "fact"]]);
    expect(lines[0].citations.map((citation: { date: string }) => citation.date)).toEqual(["2026-01-15"]);
    expect(lines[1].citations.every((citation: { issue: number }) => citation.issue === 40)).toBe(true);
    expect(lines[2].citations).toEqual([]);
    expect(lines[2].answer).toContain("没有找到");
  });

  it("prints a readable answer with its citation list for people", async () => {
    const result = await runCli(["--data-dir", dataDir, "ask", "区医保局检查了多少家定点医药机构？"]);
    expect(result.stdout).toMatch(/93家.*\[1\]/);
    expect(result.stdout).toContain("[1] 《上街信息》第57期（2025-10-30）区医保局：区医保局加强医保基金常态化监管");
  });

  it("explains a malformed batch line", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "batch-")), "bad.jsonl");
    writeFileSync(file, '{"id":"a","question":"问题"}\n{"id":"b"}\n');
    const result = await runCli(["--data-dir", dataDir, "ask", "--batch", file, "--json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("第 2 行缺少 question 字段");
  });
});
