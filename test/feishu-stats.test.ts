import mammoth from "mammoth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { cardRequestBytes } from "../src/feishu/fit-answer-card.js";
import { statsCard } from "../src/feishu/stats-card.js";
import { statsCommandRange } from "../src/feishu/stats-replies.js";
import { JOINT_RULE, rankUnits, TIE_RULE } from "../src/stats/rank-units.js";
import type { StatisticsReport } from "../src/stats/statistics-report.js";
import { startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { messageEvent, postEvent } from "./fakes/feishu-events.js";
import { ENCRYPT_KEY, startBot, type RunningBot } from "./helpers/feishu-bot-harness.js";
import { SAMPLES, sampleApplication } from "./helpers/sample-application.js";

let application: Application;
let fake: FakeFeishu;
let running: RunningBot | undefined;

beforeAll(async () => {
  ({ application } = await sampleApplication({ paths: [SAMPLES], today: "2026-11-28" }));
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await fake.close();
  application.close();
});

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(16)}_${(counter += 1)}`;
const repliesTo = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId);

async function send(text: string): Promise<string> {
  const messageId = unique("om_stats");
  await postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_p2p_stats", chatType: "p2p", senderOpenId: "ou_staff", text, messageId }) });
  return messageId;
}

describe("statistics in Feishu", () => {
  it("answers /stats with a year's ranking card, ties on one line, and the months", async () => {
    running = await startBot({ application, fake });
    const messageId = await send("/stats 2025");
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    const [reply] = repliesTo(messageId);
    expect(reply!.msgType).toBe("interactive");
    const text = JSON.stringify(reply!.content);
    expect(text).toContain("《上街信息》2025年采用情况");
    expect(text).toContain("共 2 期 13 条信息（报送 11 条、△短讯 2 条），12 个单位有信息被采用");
    expect(text).toContain("1. 并列第 1 名（各 **2** 条）：区委社工部、区医保局");
    expect(text).toContain("4月 6 · 5月 0");
    expect(text).toContain(JOINT_RULE);
    expect(reply!.bodyBytes).toBeLessThan(30 * 1024);
  });

  it("answers a ranking question as an answer card naming the leaders and citing their items", async () => {
    running = await startBot({ application, fake });
    const messageId = await send("2025年哪个单位上的信息最多？");
    await fake.waitFor(() => repliesTo(messageId).length === 1);
    const text = JSON.stringify(repliesTo(messageId)[0]!.content);
    expect(text).toContain("2025年各单位被《上街信息》采用信息最多的是区委社工部、区医保局，并列第 1 名，各 2 条。");
    expect(text).toContain("第18期 · 2025-04-17 · 区卫健委、区医保局");
    expect(text).toContain("依据 4 条简报信息");
  });

  it("uploads the Word file of an export question and sends it as a file message in the thread", async () => {
    running = await startBot({ application, fake });
    const messageId = await send("把区教育局今年的信息导出来");
    await fake.waitFor(() => repliesTo(messageId).length === 2);
    const [card, file] = repliesTo(messageId);
    expect(JSON.stringify(card!.content)).toContain("区教育局在2026年被《上街信息》采用的 1 条信息（1 期）可导出为 Word 文档");
    expect(file!.msgType).toBe("file");
    expect(file!.replyInThread).toBe(true);
    const upload = fake.uploadedFiles().find((candidate) => candidate.fileKey === file!.content.file_key)!;
    expect(upload).toMatchObject({ fileName: "区教育局-2026年-上街信息.docx", fileType: "doc" });
    const { value } = await mammoth.extractRawText({ buffer: upload.bytes });
    const paragraphs = value.split("\n").map((line) => line.trim()).filter(Boolean);
    expect(paragraphs.slice(0, 2)).toEqual(["区教育局被《上街信息》采用信息汇编", "时间段：2026年"]);
    expect(paragraphs).toContain("2026年第3期（2026-01-15） · 区教育局");
    expect(paragraphs.at(-1)).toBe("共 1 期 1 条。");
  });
});

describe("the /stats card", () => {
  it("reads the period of /stats, this year by default", () => {
    expect(statsCommandRange({ argument: "", today: "2026-11-28" })).toEqual({ from: "2026-01-01", to: "2026-12-31", label: "2026年" });
    expect(statsCommandRange({ argument: "2025", today: "2026-11-28" })).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(statsCommandRange({ argument: "去年上半年", today: "2026-11-28" })).toMatchObject({ from: "2025-01-01", to: "2025-06-30" });
    expect(statsCommandRange({ argument: "随便", today: "2026-11-28" })).toBeUndefined();
  });

  it("stays under 30 KB with 1,500 ranked units, leaving the lowest ranks out and saying so", () => {
    const tallies = Array.from({ length: 1500 }, (_, index) => ({ unit: `上街区第${index + 1}个很长名字的报送单位`, items: 3000 - index, reports: 3000 - index, briefs: 0, joint: 0, issues: 50, first: "2025-01-02", last: "2025-12-30" }));
    const report: StatisticsReport = {
      range: { from: "2025-01-01", to: "2025-12-31", label: "2025年" },
      units: [],
      kinds: ["report", "brief"],
      totals: { items: 3_373_500, reports: 3_373_500, briefs: 0, joint: 0, issues: 50, units: 1500 },
      ranking: rankUnits(tallies).map((entry) => ({ ...entry, issueList: [] })),
      trend: { by: "month", points: [] },
      silent: Array.from({ length: 400 }, (_, index) => ({ unit: `沉默单位${index}`, itemsBefore: 1, lastSeen: "2024-01-01" })),
      rules: { joint: JOINT_RULE, ties: TIE_RULE },
    };
    const card = statsCard({ report, series: "上街信息", pageUrl: "https://bulletins.example.gov.cn/stats.html?from=2025-01-01&to=2025-12-31" });
    expect(cardRequestBytes(card)).toBeLessThanOrEqual(28 * 1024);
    const text = JSON.stringify(card);
    expect(text).toMatch(/其余 \d+ 个名次未列出/);
    expect(text).toContain("等 400 个单位");
    expect(text).toContain("(https://bulletins.example.gov.cn/stats.html?from=2025-01-01&to=2025-12-31)");
  });
});
