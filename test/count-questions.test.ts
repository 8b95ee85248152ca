import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { readEvalQuestions } from "../src/eval/eval-question.js";
import { scoreQuestion } from "../src/eval/score-citations.js";
import { readCountQuery, type CountQuery } from "../src/query/count-intent.js";
import { understandQuery } from "../src/query/understand-query.js";
import { createUnitMatcher } from "../src/query/unit-aliases.js";
import { ROOT } from "./helpers/run-cli.js";
import { CORPUS, SAMPLES, sampleApplication } from "./helpers/sample-application.js";
import { describeWithShared } from "./helpers/shared.js";

const TODAY = "2026-11-28";
const COUNT_QUESTIONS = path.join(ROOT, "test/fixtures/eval/counts.jsonl");
const units = createUnitMatcher({
  units: ["区委社工部", "工业路街道", "新安路街道", "峡窝镇", "区教育局", "区医保局", "区卫健委", "区公安局"],
  aliasLines: ["区公安局: 公安, 公安局", "区城管局: 城管局, 城管"],
});

function read(text: string): CountQuery | undefined {
  return readCountQuery({ understanding: understandQuery({ text, today: TODAY, units }), today: TODAY, units });
}

describe("count, ranking and export questions", () => {
  it("reads counts with units, periods, issues, briefs and the figure asked for", () => {
    expect(read("区教育局去年被采用了几条？")).toMatchObject({ intent: "count", measure: "items", units: ["区教育局"], periods: [{ from: "2025-01-01", to: "2025-12-31", label: "2025年" }] });
    expect(read("社工部25年出了几条稿子")).toMatchObject({ intent: "count", measure: "items", units: ["区委社工部"] });
    expect(read("峡窝镇一共上过几期简报")).toMatchObject({ intent: "count", measure: "issues", units: ["峡窝镇"], periods: [] });
    expect(read("23年和25年社工部各上了几条信息")).toMatchObject({ units: ["区委社工部"], periods: [{ label: "2023年" }, { label: "2025年" }] });
    expect(read("2025年第57期刊登了多少条信息")).toMatchObject({ intent: "count", issue: { number: 57, year: 2025 } });
    expect(read("今年有几个单位的信息被采用了")).toMatchObject({ intent: "count", measure: "units", periods: [{ label: "2026年" }] });
    expect(read("去年的△简讯一共几条")).toMatchObject({ kinds: ["brief"], periods: [{ label: "2025年" }] });
    expect(read("区委社工部今年上半年的报送情况")).toMatchObject({ intent: "count", units: ["区委社工部"], periods: [{ label: "2026年上半年" }] });
  });

  it("reads rankings, comparisons, families, trends and silent units", () => {
    expect(read("今年各单位信息采用情况排个名")).toMatchObject({ intent: "ranking", units: [], periods: [{ label: "2026年" }] });
    expect(read("去年哪个单位上简报最少")).toMatchObject({ intent: "ranking", order: "least" });
    expect(read("前三名是哪几个单位？按信息采用排名")).toMatchObject({ intent: "ranking", limit: 3 });
    expect(read("新安路街道和工业路街道谁上的信息多")).toMatchObject({ intent: "ranking", units: ["新安路街道", "工业路街道"] });
    expect(read("各街道报送情况排个名")).toMatchObject({ intent: "ranking", family: "street" });
    // The district's place in the city, which a report gives, is no ranking of the units' items.
    expect(read("22年营商环境第三方评价最后结果咋样 全市排第几")).toBeUndefined();
    expect(read("今年全市哪个单位上的信息最多 排第几")).toMatchObject({ intent: "ranking" });
    expect(read("今年每个月采用了多少条信息")).toMatchObject({ intent: "count", measure: "trend", trendBy: "month" });
    expect(read("今年哪些单位还没有信息被采用")).toMatchObject({ measure: "silent", periods: [{ label: "2026年" }] });
  });

  it("reads exports of a unit's items or of a whole issue", () => {
    expect(read("把工业路街道2025年的信息导出来")).toMatchObject({ intent: "export", units: ["工业路街道"], periods: [{ label: "2025年" }] });
    expect(read("第64期整理成word文档发我")).toMatchObject({ intent: "export", issue: { number: 64 } });
  });

  it("names a unit it does not know instead of counting everything", () => {
    expect(read("区档案馆今年被采用了几条")).toMatchObject({ intent: "count", units: [], unknownUnits: [{ name: "区档案馆" }] });
    // A known unit (listed in the alias file) with nothing carried is not unknown.
    expect(read("城管局上过简报没，几条")).toMatchObject({ units: ["区城管局"], unknownUnits: [] });
  });

  it("leaves fact questions that happen to count something else to search", () => {
    for (const text of [
      "区司法局出台了几条措施？", "宣传部交办处置了多少条敏感信息？", "55期里都有哪些单位报了东西", "哪个街道的志愿者最多",
      "峡窝镇每年发了多少补贴", "区应急管理局开展了几次应急演练", "总结区委社工部今年的工作", "第64期原文",
      // 信息 that is part of another word is not a bulletin item.
      "反诈预警信息推送了多少条？", "区公安局推送预警信息多少条",
      // A unit's own articles on a topic are not its items in the bulletin.
      "公安局23年过年下基层一共出了多少条稿子",
      // What a report collected (收录) on a topic of its own.
      "地名故事收录几篇",
      // Suggestions adopted (采纳) are a topic's figure, not the unit's items carried.
      "统战部组织党外人士提的建议 区里采纳了几条",
    ]) {
      expect(read(text), text).toBeUndefined();
    }
  });

  it("keeps counting in a follow-up that only changes the period", () => {
    const first = understandQuery({ text: "区委社工部今年被采用了几条？", today: TODAY, units });
    const followUp = understandQuery({ text: "那去年呢？", today: TODAY, units, previous: first });
    expect(readCountQuery({ understanding: followUp, today: TODAY, units, previous: first })).toMatchObject({ intent: "count", units: ["区委社工部"], periods: [{ label: "2025年" }] });
  });
});

describe("count answers over the bundled samples", () => {
  let application: Application;
  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [SAMPLES], today: TODAY }));
  });
  afterAll(() => application?.close());
  const ask = (question: string) => application.answerer()({ question });

  it("counts a unit's items with its issues cited, and says how a joint report was counted", async () => {
    const answer = await ask("医保局一共被采用了几条信息？");
    expect(answer.intent).toBe("count");
    expect(answer.answer.split("\n")).toEqual([
      "区医保局在已收录的简报中被《上街信息》采用 3 条信息（报送 2 条、△短讯 1 条），出现在 3 期：",
      "- 2025年第18期（2025-04-17）区卫健委 区医保局联合推进家庭医生签约服务 [1]",
      "- 2025年第57期（2025-10-30）区医保局加强医保基金常态化监管 [2]",
      "- 2026年第3期（2026-01-15）1月1日起，区医保局落实新一轮门诊慢特病政策，新增门诊慢特病病种6个，病种总数达… [3]",
      "其中 1 条是与区卫健委联合报送的（联合报送的信息给每个署名单位各记一条）。",
    ]);
    expect(answer.citations.map((citation) => [citation.issue, citation.date])).toEqual([[18, "2025-04-17"], [57, "2025-10-30"], [3, "2026-01-15"]]);
  });

  it("ranks with ties on one line and the rule for ties stated", async () => {
    const answer = await ask("2024年各单位信息采用情况排个名");
    expect(answer.intent).toBe("ranking");
    const lines = answer.answer.split("\n");
    expect(lines[0]).toBe("2024年各单位被《上街信息》采用信息最多的是区教育局，共 2 条。");
    expect(lines[2]).toBe("1. 区教育局 2 条（2024年第12期、2024年第40期） [1][2]");
    expect(lines[3]).toMatch(/^2\. 并列第 2 名（各 1 条）：工业路街道、区公安局、.*/);
    expect(lines.at(-1)).toBe("条数相同的单位名次并列（如两个第2名之后是第4名），并列单位按名称排序。");
    expect(answer.citations).toHaveLength(2);
  });

  it("answers a unit that carried nothing, and a unit it does not know, without citations", async () => {
    const zero = await ask("城管局今年被采用了几条？");
    expect(zero.answer).toBe("区城管局在2026年没有被《上街信息》采用的信息（0 条）。");
    expect(zero.citations).toEqual([]);
    const unknown = await ask("区档案馆今年被采用了几条？");
    expect(unknown.answer).toMatch(/^已收录的《上街信息》中没有“区档案馆”这个报送单位/);
    expect(unknown.citations).toEqual([]);
  });

  it("hands an export question over with what to compile", async () => {
    const answer = await ask("把工业路街道2025年的信息导出来");
    expect(answer.intent).toBe("export");
    expect(answer.export).toEqual({ kind: "unit", units: ["工业路街道"], ranges: [{ from: "2025-01-01", to: "2025-12-31", label: "2025年" }] });
    expect(answer.citations.map((citation) => citation.date)).toEqual(["2025-04-17"]);
  });
});

describeWithShared("the 32 count questions of test/fixtures/eval/counts.jsonl", () => {
  let application: Application;
  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [CORPUS, SAMPLES], today: TODAY }));
  });
  afterAll(() => application?.close());

  it("all pass as `cli eval` scores them: the expected items cited (none for none) and the expected figures in the answer", async () => {
    const questions = readEvalQuestions(COUNT_QUESTIONS);
    // Questions with 今年/去年 carry "today": 2026-11-28, the day the application is built with.
    const todays = new Set(readFileSync(COUNT_QUESTIONS, "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { today?: string }).today ?? TODAY));
    expect([...todays]).toEqual([TODAY]);
    const answer = application.answerer();
    const failures: string[] = [];
    for (const question of questions) {
      const result = await answer({ question: question.question });
      const score = scoreQuestion(question, result.citations);
      const missing = question.answer_contains.filter((word) => !result.answer.includes(word));
      if (!score.passed || missing.length > 0) failures.push(`${question.id} ${question.question}: passed=${score.passed} missing=${missing.join(",")}\n${result.answer}`);
    }
    expect(questions).toHaveLength(32);
    expect(failures).toEqual([]);
  });
}, [CORPUS, COUNT_QUESTIONS]);
