import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { answerJson } from "../src/answer/answer-json.js";
import { detectAnswerType } from "../src/query/answer-type.js";
import { FEE_ASKED } from "../src/query/fee-question.js";
import { cleanKeywords } from "../src/query/question-keywords.js";
import { asksChange, asksPriceChange, readYesNoClaim } from "../src/query/yes-no-claim.js";
import { saysApart } from "../src/text/said-apart.js";
import { ASKED_ON, bulletinApplication, ownIssue } from "./helpers/own-bulletins.js";

describe("reading whether a figure changed", () => {
  it.each([
    ["农村产权交易去年1-10月成交额涨没涨", true],
    ["前年1到10月福彩卖的比23年多了吧？", true],
    ["刑事案件降了没有", true],
    ["今年游客是不是比去年多", true],
    // A price that rose is settled by what the report says of the price, not by a change in a figure.
    ["去年给狗上户口的登记费涨没涨", false],
    ["21年春运车票涨价没有", false],
    // Nothing compared.
    ["去年暑假以后公办中小学应该都有智慧教室了吧？", false],
    ["去年福彩卖了多少", false],
  ])("%s -> %s", (question, change) => {
    expect(asksChange(question)).toBe(change);
  });

  it("tells a price from an amount done", () => {
    expect(asksPriceChange("去年冬天居民暖气费涨没涨")).toBe(true);
    expect(asksPriceChange("农村产权交易去年成交额涨没涨")).toBe(false);
  });

  it("checks no figure in the months or the year compared with, and asks for a change", () => {
    expect(readYesNoClaim("前年1到10月福彩卖的比23年多了吧？")).toEqual({ existence: false, completion: false, value: { words: [], type: { kind: "number", label: "增减变化", verb: "比", change: true } } });
    expect(readYesNoClaim("农村产权交易去年1-10月成交额涨没涨")?.value?.type.change).toBe(true);
    // The measure asked picks the change written in it.
    expect(detectAnswerType("去年中招体育平均分是不是比前一年高了")).toMatchObject({ kind: "number", measure: "分", change: true });
  });

  it("searches the thing whose change is asked, not the words asking it", () => {
    expect(cleanKeywords("前年1到10月福彩卖的比23年多了吧")).not.toMatch(/23|多/);
    expect(cleanKeywords("农村产权交易成交额涨没涨")).toBe("农村产权交易成交额");
  });
});

describe("saysApart: a word written with a modifier inside it", () => {
  it.each([
    ["成交金额5260万元", "成交额", true],
    ["未发生一般及以上道路交通安全责任事故", "交通事故", true],
    ["交通秩序良好，未发生火灾事故", "交通事故", false],
    ["成交额5260万元", "成交额", true],
    ["成交，金额", "成交额", false],
  ])("%s has %s: %s", (text, word, said) => {
    expect(saysApart(text, word) || text.includes(word)).toBe(said);
  });
});

describe("answers to whether a figure changed", () => {
  let own: Application;
  beforeAll(async () => {
    own = await bulletinApplication({
      "2025-60.txt": ownIssue(60, "2025-11-13",
        "区公共资源交易中心交易规模稳步扩大 今年 1—10 月，区公共资源交易中心完成各类交易 214 宗，成交金额 8.6 亿元，同比增长 12.4%，节约资金 3200 万元。（区公共资源交易中心）",
        "区图书馆阅读推广成效明显 今年 1—10 月，区图书馆接待读者 21.3 万人次，外借图书 16.8 万册。（区图书馆）"),
    });
  });
  afterAll(() => own?.close());
  const ask = async (question: string) => answerJson(await own.answerer()({ question, today: ASKED_ON }));

  it("answers with the change the report states, for an amount it names in other words", async () => {
    const answer = await ask("公共资源交易去年1-10月成交额涨没涨");
    expect(answer.answer).toBe("据第60期（2025-11-13）区公共资源交易中心报送：2025年1—10月，区公共资源交易中心完成各类交易214宗，成交金额8.6亿元，同比增长12.4%，节约资金3200万元。[1]");
  });

  it("gives no figure when the report states none against an earlier year", async () => {
    const answer = await ask("图书馆去年1到10月接待的读者比24年多了吧？");
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("但没有写明所问的增减变化");
  });
});

describe("whether something costs anything", () => {
  it("reads 收钱了吗 as a fee question", () => {
    expect(FEE_ASKED.test("去年抗旱服务队帮着浇地 跟农户收钱了吗")).toBe(true);
  });

  it("quotes nothing as related when the item on it says nothing of what it costs", async () => {
    const app = await bulletinApplication({ "2025-33.txt": ownIssue(33, "2025-07-03", "区武术协会举办传统武术展演 5 月 3 日，区武术协会在文化广场举办传统武术展演，16 支队伍 240 余名拳友参演，观众 1500 余人次。（区武术协会）") });
    try {
      const answer = answerJson(await app.answerer()({ question: "去年五一武术协会在文化广场搞的那个武术展演 看要买票不", today: ASKED_ON }));
      expect(answer.citations).toEqual([]);
      expect(answer.answer).not.toContain("相关的记载");
    } finally {
      app.close();
    }
  });
});
