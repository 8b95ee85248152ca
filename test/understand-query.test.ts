import { isYesNoQuestion } from "../src/query/yes-no-claim.js";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHARED_QUESTIONS, describeWithShared } from "./helpers/shared.js";
import { createUnitMatcher, readUnitAliasLines } from "../src/query/unit-aliases.js";
import { understandQuery, type QueryUnderstanding } from "../src/query/understand-query.js";

const today = "2026-11-23";
const corpusUnits = [
  "区教育局", "区司法局", "区公安局", "区委宣传部", "区委社工部", "工业路街道", "区委编办", "矿山街道",
  "中心路街道", "区政务服务中心", "区文广旅体局", "区法院", "区科工信局", "济源路街道", "新安路街道",
  "区督查局", "区委老干部局", "区农委", "市生态环境局上街分局", "区统计局", "区检察院",
];
const units = createUnitMatcher({
  units: corpusUnits,
  aliasLines: readUnitAliasLines({ path: new URL("../data/dictionary/unit-aliases.txt", import.meta.url).pathname }),
});
const understand = (text: string, previous?: QueryUnderstanding) =>
  understandQuery({ text, today, units, series: ["上街信息"], ...(previous ? { previous } : {}) });

const year = (value: number) => ({ from: `${value}-01-01`, to: `${value}-12-31`, label: `${value}年`, explicit: true });

describe("understandQuery: words that only place a question in time", () => {
  it("are no keywords (当年, 那年, 当时, 那会)", () => {
    expect(understand("22年秋天林场当年有没有着过山火").keywords).toBe("林场 着过山火");
    expect(understand("23年9月那会 施肥建议卡发到农户手里了吗").keywords).toBe("施肥建议卡发到农户手");
  });
});

describe("understandQuery: words that only say the whole district, or the whole of it", () => {
  it("are no keywords (区里, 咱区, 加起来), but 社区里 keeps 社区", () => {
    expect(understand("区里避难点加起来能装下多少人").keywords).toBe("避难点 能装下");
    expect(understand("咱区居民暖气费一平米多少钱").keywords).not.toContain("咱区");
    expect(understand("社区里有多少老人").keywords).toContain("社区");
  });
});

describe("understandQuery: a holiday and the words around it", () => {
  it("keeps the holiday's name as a word and drops 前后, 期间, 那段时间", () => {
    expect(understand("23年清明前后森林公园有没有起火").keywords).toBe("清明 森林公园 起火");
    expect(understand("前年春节元宵那段时间照明所修了多少盏路灯").keywords).toBe("春节元宵 照明所修 路灯");
  });
});

describe("understandQuery: 中 after a year", () => {
  it("begins 中考 or 中秋, not 年中, and stays in the search words", () => {
    const exam = understand("23年中考实际到考多少人");
    expect([exam.period?.label, exam.keywords]).toEqual(["2023年", "中考实际到考"]);
    expect(understand("去年中秋活动来了多少人").keywords).toContain("中秋活动");
  });

  it("takes 到3月中旬 whole as the months up to it, and 几发 as the question word", () => {
    const until = understand("23年春防 到3月中旬猪打了多少头疫苗了");
    expect([until.period?.label, until.keywords]).toEqual(["2023年1月至3月", "春防 猪打 疫苗"]);
    expect(understand("23年6月人工降雨打了几发炮弹").keywords).toBe("人工降雨打 炮弹");
  });

  it("reads holidays of two years as two periods, and keeps the holidays as words", () => {
    const both = understand("23年中秋和24年国庆 分别检了多少台电梯");
    expect([both.period?.label, both.periods?.length, both.keywords]).toEqual(["2023年中秋前后、2024年国庆前后", 2, "中秋 国庆 检 电梯"]);
  });

  it("runs a year asked up to two spans of months to the later one, and searches neither span as words", () => {
    const matcher = createUnitMatcher({ units: ["区体育彩票管理中心"] });
    const both = understandQuery({ text: "21年体彩1到8月的公益金和福彩1到10月的公益金 分别是多少", today: "2026-11-28", units: matcher });
    expect([both.period?.from, both.period?.to]).toEqual(["2021-01-01", "2021-10-31"]);
    expect(both.period?.reportedAs).toEqual(expect.arrayContaining(["1—8月", "1—10月"]));
    expect(both.keywords).not.toMatch(/10/);
  });

  it("does not take 整理 said of what a report did (整理的口述史料) for a summary request", () => {
    const matcher = createUnitMatcher({ units: ["区党史研究室"] });
    expect(understandQuery({ text: "党史室21年做红色资源普查 顺带整理的口述史料有几篇", today: "2026-11-28", units: matcher }).intent).toBe("fact");
    expect(understandQuery({ text: "党史室这几年的工作帮我整理一下", today: "2026-11-28", units: matcher }).intent).toBe("summary");
  });

  it("summarizes the unit a shortened name reads as", () => {
    const matcher = createUnitMatcher({ units: ["区农村电影放映服务中心", "区教育局"] });
    const summary = understandQuery({ text: "农村电影放映中心历年报过哪些工作 梳理一下", today: "2026-11-28", units: matcher });
    expect([summary.intent, summary.units]).toEqual(["summary", ["区农村电影放映服务中心"]]);
    // Nothing but units typed short and a period: the question is about those units.
    const two = createUnitMatcher({ units: ["区快递行业协会", "区农村公路管理所", "区教育局"] });
    const both = understandQuery({ text: "快递协会和农路所前年都干了啥", today: "2026-11-28", units: two });
    expect(both.units).toEqual(["区快递行业协会", "区农村公路管理所"]);
    // With words of a topic besides, a short name stays a hint.
    expect(understandQuery({ text: "农路所前年提档升级修了多少公里", today: "2026-11-28", units: two }).units).toEqual([]);
  });

  it("keeps the kind asked for (哪个村) a word apart from the verb after it", () => {
    expect(understand("23年丰收节在哪个村办的").keywords).toBe("丰收节在 村 办");
    // "那个村级巡河员" points at something: 村级 is a word.
    expect(understand("河长办那个村级巡河员一个月补贴多少钱").keywords).toContain("村级巡河员");
  });
});

describe("understandQuery: the question word for a date", () => {
  it("is no keyword (哪天, 什么时候)", () => {
    expect(understand("食堂检查要求哪天之前查完").keywords).toBe("食堂检查要求 之前查完");
    expect(understand("零工市场什么时候开的").keywords).toBe("零工市场 开");
  });
});

describe("understandQuery: spoken amounts", () => {
  it("searches 过百万 and 五十万 as the bulletins write them", () => {
    expect(understand("村集体收入过百万的村有几个").keywords).toContain("100万");
    expect(understand("补贴五十万以上的企业有几家").keywords).toContain("50万");
    // Not an adverb (千万别), nor a vague amount (几十万).
    expect(understand("千万别漏了几十万的项目").keywords).toContain("千万别漏了几十万");
  });

  it("reads a month in Chinese numerals as the bulletins write it (到九月底 as 到9月底)", () => {
    expect(understand("垃圾分类22年示范小区 到九月底建成几个了").period).toMatchObject({ from: "2022-01-01", to: "2022-09-30" });
    // A count of months is no month.
    expect(understand("两个月建成几个示范小区").period).toBeUndefined();
  });
});

describe("understandQuery: a deadline asked about is no period of reports", () => {
  it("does not filter by 11月底 in 11月底前能弄完不, and reads the trailing 不 as a yes/no", () => {
    const read = understand("小区泵房剩下那几座11月底前能弄完不");
    expect(read.period).toBeUndefined();
    expect(read.keywords).toContain("11月底前");
    expect(isYesNoQuestion("小区泵房剩下那几座11月底前能弄完不")).toBe(true);
    expect(understand("24年11月底前完成了多少").period).toMatchObject({ to: "2024-11-30" });
  });
});

describe("understandQuery: a thing named 电子版 is not a request for the document", () => {
  it("asks a fact about 电子版社保卡, and the document for 64期电子版发我", () => {
    expect(understand("手机上那个电子版社保卡多少人开通了").intent).toBe("fact");
    expect(understand("64期电子版发我").intent).toBe("source");
    expect(understand("64期有电子版吗").intent).toBe("source");
  });
});

describe("understandQuery: periods named apart", () => {
  it("filters on all of them when each unit's part names its own year, and keeps no year in the words", () => {
    const read = understand("教育局23年新增多少学位，司法局25年化解了多少纠纷");
    // The later year's figures may come out in the half year after it, naming the year.
    expect(read.period).toEqual({ from: "2023-01-01", to: "2025-12-31", label: "2023年、2025年", explicit: true, reportedAs: ["2025年"] });
    expect(read.keywords).not.toMatch(/年/);
  });

  it("lists each period named apart, where it stands, so each part is answered by its own period's item", () => {
    const read = understand("工商联23年授信多少 去年授信总额又是多少");
    expect(read.periods).toEqual([
      { from: "2023-01-01", to: "2023-12-31", start: 3, end: 6 },
      { from: "2025-01-01", to: "2025-12-31", start: 11, end: 13 },
    ]);
    expect(understand("峡窝镇前年和去年报的东西梳理下").periods).toHaveLength(2);
    // The months after a later year belong to it, not to the first ("22年全年…去年1到10月").
    expect(understand("市监新开的经营主体 22年全年多少户 去年1到10月多少户").periods).toEqual([
      { from: "2022-01-01", to: "2022-12-31", start: 10, end: 13 },
      { from: "2025-01-01", to: "2025-10-31", start: 19, end: 26 },
    ]);
    // "23年多少" names 2023 (not "23 years and more"); a whole year named last is found in the next year's report.
    expect(understand("商会贷授信 23年多少 去年多少").periods).toHaveLength(2);
    expect(understand("城镇新增就业 23年1到9月多少 前年全年多少").period?.reportedAs).toEqual(["2024年", "2024年度"]);
    expect(understand("保租房23年新筹了多少套 去年又筹了多少").period?.reportedAs).toEqual(["2025年"]);
    // A figure of one year named may come early the next year, in a report naming the year; what was done that year need not.
    expect(understand("残联21年给多少个残疾小孩做了康复救助").period?.reportedAs).toEqual(["2021年"]);
    expect(understand("残联21年做了哪些工作").period?.reportedAs).toBeUndefined();
    // Whole years named as a range: the report naming the last of them, early the year after.
    const range = understand("从21年到23年累计新增耕地多少亩");
    expect(range.period).toMatchObject({ from: "2021-01-01", to: "2023-12-31", reportedAs: ["2023年"] });
    expect(range.keywords).toBe("累计新增耕地");
    // A part of the year named a few words after its year is that part of it; two parts asked are the whole year.
    expect(understand("前年体彩上半年卖了多少").period).toMatchObject({ from: "2024-01-01", to: "2024-06-30", reportedAs: expect.arrayContaining(["上半年"]) });
    expect(understand("23年企业上半年产值多少 下半年多少").period).toMatchObject({ from: "2023-01-01", to: "2023-12-31" });
    // Emphasis and pointing (那么多, 那些) are no search words.
    expect(understand("峡窝21年五一游客那么多 有没有出安全事故").keywords).not.toMatch(/那么多/);
    expect(understand("矿山那些规上企业都开工了没").keywords).not.toMatch(/那些/);
    // A range is one period; a single period lists none.
    expect(understand("应急局2023到2025年报过啥").periods).toBeUndefined();
    expect(understand("公安局今年化解了多少纠纷").periods).toBeUndefined();
  });

  it("keeps how a report names the last of them, so the quarter's report that came out after it is found", () => {
    const read = understand("工业路21年和文旅局22年一季度各签了几个项目");
    expect(read.period).toMatchObject({ from: "2021-01-01", to: "2022-03-31", reportedAs: expect.arrayContaining(["一季度", "1-3月"]) });
  });
});

describe("understandQuery: exact readings", () => {
  it.each<[string, Omit<QueryUnderstanding, "text" | "carriedOver">]>([
    ["上街区注册志愿者有多少人？", { intent: "fact", units: [], unitMentions: [], keywords: "注册志愿者" }],
    ["总结区委社工部今年的工作", {
      intent: "summary", units: ["区委社工部"], unitMentions: [{ unit: "区委社工部", alias: "区委社工部" }],
      period: year(2026), keywords: "",
    }],
    ["公安局今年化解了多少纠纷", {
      intent: "fact", units: ["区公安局"], unitMentions: [{ unit: "区公安局", alias: "公安局" }],
      period: year(2026), keywords: "化解 纠纷",
    }],
    ["生态环境局帮了多少企业", {
      intent: "fact", units: ["市生态环境局上街分局"], unitMentions: [{ unit: "市生态环境局上街分局", alias: "生态环境局" }],
      keywords: "帮 企业",
    }],
    ["新启用的那所初中叫什么名字", { intent: "fact", units: [], unitMentions: [], keywords: "新启用 初中" }],
    ["多少个体户升级成企业了", { intent: "fact", units: [], unitMentions: [], keywords: "个体户升级成企业" }],
    ["人社追发工资和退役军人招聘会各是多少", {
      intent: "fact", units: [], unitMentions: [], keywords: "人社追发工资和退役军人招聘会",
      hintedUnits: [{ unit: "区人社局", alias: "人社" }, { unit: "区退役军人事务局", alias: "退役军人" }],
    }],
    ["第64期原文", { intent: "source", units: [], unitMentions: [], issue: { number: 64 }, keywords: "" }],
    ["第55期上街信息的原文", { intent: "source", units: [], unitMentions: [], issue: { number: 55 }, keywords: "" }],
    ["给我2026年第8期", { intent: "source", units: [], unitMentions: [], issue: { number: 8, year: 2026 }, keywords: "" }],
    ["下载2026年第8期pdf", { intent: "source", units: [], unitMentions: [], issue: { number: 8, year: 2026 }, keywords: "" }],
    ["请把第64期的链接发我", { intent: "source", units: [], unitMentions: [], issue: { number: 64 }, keywords: "" }],
    ["第64期的文件发我", { intent: "source", units: [], unitMentions: [], issue: { number: 64 }, keywords: "" }],
    ["64期", { intent: "source", units: [], unitMentions: [], issue: { number: 64 }, keywords: "" }],
    ["第八期", { intent: "source", units: [], unitMentions: [], issue: { number: 8 }, keywords: "" }],
    ["/source 64", { intent: "source", units: [], unitMentions: [], issue: { number: 64 }, keywords: "" }],
    ["/原文 2026年第8期", { intent: "source", units: [], unitMentions: [], issue: { number: 8, year: 2026 }, keywords: "" }],
    ["2023年8月14日的上街信息", {
      intent: "source", units: [], unitMentions: [],
      period: { from: "2023-08-14", to: "2023-08-14", label: "2023年8月14日", explicit: true }, date: "2023-08-14", keywords: "",
    }],
    ["第 8 期有哪些内容", { intent: "overview", units: [], unitMentions: [], issue: { number: 8 }, keywords: "" }],
    ["区委编办出台了什么文件", {
      intent: "fact", units: ["区委编办"], unitMentions: [{ unit: "区委编办", alias: "区委编办" }], keywords: "出台 文件",
    }],
    ["近三个月", {
      intent: "fact", units: [], unitMentions: [],
      period: { from: "2026-08-23", to: "2026-11-23", label: "近三个月（2026-08-23 至 2026-11-23）", explicit: false }, keywords: "",
    }],
    ["2023年上半年", {
      intent: "fact", units: [], unitMentions: [],
      period: { from: "2023-01-01", to: "2023-06-30", label: "2023年上半年", explicit: true, reportedAs: ["上半年", "1-6月", "1—6月", "1至6月", "1~6月"] }, keywords: "",
    }],
    ["/summary 工业路街道 2023", {
      intent: "summary", units: ["工业路街道"], unitMentions: [{ unit: "工业路街道", alias: "工业路街道" }],
      period: year(2023), keywords: "",
    }],
    ["/总结 社工部", {
      intent: "summary", units: ["区委社工部"], unitMentions: [{ unit: "区委社工部", alias: "社工部" }], keywords: "",
    }],
    ["区委社工部报了哪些工作", {
      intent: "summary", units: ["区委社工部"], unitMentions: [{ unit: "区委社工部", alias: "区委社工部" }], keywords: "",
    }],
    ["2023年8月工业路街道报送了什么工作？", {
      intent: "fact", units: ["工业路街道"], unitMentions: [{ unit: "工业路街道", alias: "工业路街道" }],
      period: { from: "2023-08-01", to: "2023-08-31", label: "2023年8月", explicit: true, reportedAs: ["8月"] }, keywords: "",
    }],
    ["区委社工部2023年报了哪些工作", {
      intent: "summary", units: ["区委社工部"], unitMentions: [{ unit: "区委社工部", alias: "区委社工部" }],
      period: year(2023), keywords: "",
    }],
    ["矿山街道的工作情况", {
      intent: "summary", units: ["矿山街道"], unitMentions: [{ unit: "矿山街道", alias: "矿山街道" }], keywords: "",
    }],
    ["梳理一下工业路街道2023年以来的工作", {
      intent: "summary", units: ["工业路街道"], unitMentions: [{ unit: "工业路街道", alias: "工业路街道" }],
      period: { from: "2023-01-01", to: "2026-11-23", label: "2023年以来（2023-01-01 至 2026-11-23）", explicit: true }, keywords: "",
    }],
    ["近三个月公安局做了哪些工作", {
      intent: "summary", units: ["区公安局"], unitMentions: [{ unit: "区公安局", alias: "公安局" }],
      period: { from: "2026-08-23", to: "2026-11-23", label: "近三个月（2026-08-23 至 2026-11-23）", explicit: false }, keywords: "",
    }],
    ["社工部和宣传部今年做了哪些工作", {
      intent: "summary", units: ["区委社工部", "区委宣传部"],
      unitMentions: [{ unit: "区委社工部", alias: "社工部" }, { unit: "区委宣传部", alias: "宣传部" }],
      period: year(2026), keywords: "",
    }],
    ["宣传部和文旅局去年办了几场活动", {
      intent: "fact", units: ["区委宣传部", "区文广旅体局"],
      unitMentions: [{ unit: "区委宣传部", alias: "宣传部" }, { unit: "区文广旅体局", alias: "文旅局" }],
      period: { ...year(2025), reportedAs: ["2025年"] }, keywords: "办 活动",
    }],
    ["上街区智慧城市运行中心上半年受理了多少事件？", {
      intent: "fact", units: [], unitMentions: [],
      period: { from: "2026-01-01", to: "2026-06-30", label: "2026年上半年", explicit: false, reportedAs: ["上半年", "1-6月", "1—6月", "1至6月", "1~6月"] }, keywords: "智慧城市运行中心 受理 事件",
    }],
    ["一季度政务服务中心办了多少件", {
      intent: "fact", units: ["区政务服务中心"], unitMentions: [{ unit: "区政务服务中心", alias: "政务服务中心" }],
      period: { from: "2026-01-01", to: "2026-03-31", label: "2026年第一季度", explicit: false, reportedAs: ["一季度", "1-3月", "1—3月", "1至3月", "1~3月"] }, keywords: "办",
    }],
    ["区法院今年审结了多少案件？", {
      intent: "fact", units: ["区法院"], unitMentions: [{ unit: "区法院", alias: "区法院" }], period: year(2026), keywords: "审结 案件",
    }],
    ["上街区2024年的GDP是多少？", { intent: "fact", units: [], unitMentions: [], period: { ...year(2024), reportedAs: ["2024年"] }, keywords: "GDP" }],
    ["“信托制”物业改革效果怎么样？", { intent: "fact", units: [], unitMentions: [], keywords: "信托制 物业改革效果" }],
    ["郑州玉发精瓷和哪所大学合作？", { intent: "fact", units: [], unitMentions: [], keywords: "郑州玉发精瓷 大学合作" }],
    ["区督查局推进民生实事有哪些做法？", {
      intent: "fact", units: ["区督查局"], unitMentions: [{ unit: "区督查局", alias: "区督查局" }], keywords: "推进民生实事 做法",
    }],
    ["哪些小学教育集团获评市级优质教育集团？", {
      intent: "fact", units: [], unitMentions: [], keywords: "小学教育集团获评市级优质教育集团",
    }],
    ["几乎所有社区都建了驿站吗", { intent: "fact", units: [], unitMentions: [], keywords: "几乎所有社区都建了驿站" }],
  ])("%s", (text, expected) => {
    expect(understand(text)).toEqual({ text, carriedOver: [], ...expected });
  });

  it("returns every candidate of an ambiguous alias", () => {
    const ambiguous = createUnitMatcher({ units: ["矿山街道", "矿山镇"] });
    const result = understandQuery({ text: "矿山的志愿者有多少", today, units: ambiguous });
    expect(result.units).toEqual(["矿山街道", "矿山镇"]);
    expect(result.unitMentions).toEqual([{ unit: "矿山街道", alias: "矿山" }, { unit: "矿山镇", alias: "矿山" }]);
  });

  it("drops the names of the series it is given, whichever they are, and no other", () => {
    const read = (text: string, series: string[]) => understandQuery({ text, today, units, series });
    expect(read("信息简报第7期原文", ["某某简报", "信息简报"])).toMatchObject({ intent: "source", issue: { number: 7 }, keywords: "" });
    expect(read("某某简报防汛检查", ["某某简报"]).keywords).toBe("防汛检查");
    expect(read("上街信息防汛检查", ["某某简报"]).keywords).toBe("上街信息防汛检查");
  });
});

describe("understandQuery: follow-ups", () => {
  const summary = understand("总结区委社工部今年的工作");
  const fact = understand("公安局今年化解了多少纠纷");

  it("那2023年呢？ keeps the unit and the intent, replaces the period", () => {
    expect(understand("那2023年呢？", summary)).toEqual({
      text: "那2023年呢？", intent: "summary", units: ["区委社工部"], unitMentions: [{ unit: "区委社工部", alias: "区委社工部" }],
      period: year(2023), keywords: "", carriedOver: ["units", "intent"],
    });
  });

  it("工业路街道呢？ keeps the period, replaces the unit", () => {
    expect(understand("工业路街道呢？", summary)).toEqual({
      text: "工业路街道呢？", intent: "summary", units: ["工业路街道"], unitMentions: [{ unit: "工业路街道", alias: "工业路街道" }],
      period: year(2026), keywords: "", carriedOver: ["period", "intent"],
    });
  });

  it("a fact follow-up also keeps what was asked", () => {
    expect(understand("那2023年呢？", fact)).toEqual({
      text: "那2023年呢？", intent: "fact", units: ["区公安局"], unitMentions: [{ unit: "区公安局", alias: "公安局" }],
      period: year(2023), keywords: "化解 纠纷", carriedOver: ["units", "keywords"],
    });
  });

  it("再看看去年的 replaces the period only", () => {
    expect(understand("再看看去年的", fact)).toMatchObject({
      units: ["区公安局"], period: year(2025), keywords: "化解 纠纷", carriedOver: ["units", "keywords"],
    });
  });

  it("still chains: a carried unit survives a second follow-up", () => {
    const second = understand("那2023年呢？", summary);
    expect(understand("去年呢", second)).toMatchObject({ units: ["区委社工部"], period: year(2025), intent: "summary" });
  });

  it("an issue in a follow-up drops the previous period but keeps the unit", () => {
    expect(understand("第8期呢", fact)).toEqual({
      text: "第8期呢", intent: "fact", units: ["区公安局"], unitMentions: [{ unit: "区公安局", alias: "公安局" }],
      issue: { number: 8 }, keywords: "化解 纠纷", carriedOver: ["units", "keywords"],
    });
  });

  it("a self-contained question with its own unit inherits nothing", () => {
    expect(understand("区农委给种粮农民发放了多少一次性补贴？", summary)).toEqual({
      text: "区农委给种粮农民发放了多少一次性补贴？", intent: "fact", units: ["区农委"],
      unitMentions: [{ unit: "区农委", alias: "区农委" }], keywords: "给种粮农民发放 一次性补贴", carriedOver: [],
    });
  });

  it("a short question with its own content and unit inherits nothing", () => {
    expect(understand("区农委发了多少补贴", fact).carriedOver).toEqual([]);
  });

  it("a short question with its own intent word is new", () => {
    expect(understand("总结社工部的工作", fact)).toMatchObject({ intent: "summary", carriedOver: [] });
    expect(understand("总结社工部的工作", fact).period).toBeUndefined();
  });

  it("a self-contained question without a unit inherits nothing", () => {
    expect(understand("哪些小学教育集团获评市级优质教育集团？", summary)).toMatchObject({ units: [], carriedOver: [] });
  });
});

const evalFile = SHARED_QUESTIONS;
describeWithShared("understandQuery on ../shared/eval/questions.jsonl", () => {
  const questions = existsSync(evalFile)
    ? readFileSync(evalFile, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as { id: string; question: string; kind: string })
    : [];
  // "none" marks questions the bulletins cannot answer; they are still asked as facts.
  it.each(questions.map((question) => [question.id, question.question, question.kind === "none" ? "fact" : question.kind]))(
    "%s %s -> %s",
    (_id, question, intent) => {
      expect(understand(question).intent).toBe(intent);
    },
  );
}, [SHARED_QUESTIONS]);

describe("understandQuery: a unit's line of work, as staff say it", () => {
  it("reads 宣传口 and 农委那块 as the unit, leaving only the topic to search", () => {
    expect(understand("宣传口读书活动")).toMatchObject({ units: ["区委宣传部"], keywords: "读书活动" });
    expect(understand("农委那块麦田管理")).toMatchObject({ units: ["区农委"], keywords: "麦田管理" });
    expect(understand("出入口改造").keywords).toBe("出入口改造");
  });
});

describe("understandQuery: a town or street where another unit did something", () => {
  it("is the place, not a unit that reports it, and stays a word of the question", () => {
    const units = createUnitMatcher({ units: ["区农技推广站", "峡窝镇", "中心路街道"] });
    const placed = understandQuery({ text: "去年秋播 农技站在峡窝弄的小麦高产示范方多大", today: "2026-11-28", units });
    expect(placed.units).toEqual(["区农技推广站"]);
    expect(placed.keywords).toContain("峡窝");
    // Named alone, a town is the unit asked about wherever it is put.
    expect(understandQuery({ text: "在峡窝镇办了几场招聘会", today: "2026-11-28", units }).units).toEqual(["峡窝镇"]);
    expect(understandQuery({ text: "峡窝镇在中心路搞的集市卖了多少钱", today: "2026-11-28", units }).units).toEqual(["峡窝镇"]);
    // The other unit may be typed by sound ("公基金" for 公积金).
    const typed = understandQuery({ text: "前年3月公基金去工业路街道宣讲那次 来了几家企业", today: "2026-11-28", units: createUnitMatcher({ units: ["区公积金管理部", "工业路街道"] }) });
    expect(typed.units).toEqual([]);
    expect(typed.hintedUnits?.map((mention) => mention.unit)).toEqual(["区公积金管理部"]);
    expect(typed.keywords).toContain("工业路街道");
  });
});

describe("understandQuery: a unit something is handed to", () => {
  it("is no unit that reports it: its name stays a word of the question", () => {
    const handed = understand("今年春天农资打假有没有案子移交给公安的");
    expect(handed.units).toEqual([]);
    expect(handed.keywords).toContain("公安");
    expect(understand("涉嫌犯罪的移送公安局处理了几起").units).toEqual([]);
    expect(understand("公安今年破了多少案子").units).toEqual(["区公安局"]);
  });
});

describe("understandQuery: a year up to a month, and words that only place an event", () => {
  it("reads 22年……到6月 as January to June, and leaves 那场/过后 out of the search words", () => {
    const read = understand("22年河长到6月一共巡了多少趟");
    expect(read.period).toMatchObject({ from: "2022-01-01", to: "2022-06-30", explicit: true });
    expect(read.keywords).toBe("河长 巡");
    expect(understand("去年那场暴雨过后雨水管网疏通了多少公里").keywords).toBe("暴雨 雨水管网疏通");
    // "那轮", "那阵", "这批" point at an event as 那场 does.
    expect(understand("24年四五月份那轮巡察谈了多少人次").keywords).toBe("巡察谈");
    expect(understand("去年过年那阵山上起过火没有").keywords).not.toMatch(/那|阵/);
    // "几块钱" asks for money; it is not what the passage is about.
    expect(understand("老年食堂一份饭最少掏几块钱").keywords).not.toMatch(/块|钱/);
    const span = understand("去年1到10月新开了多少家经营户");
    expect(span.period).toMatchObject({ from: "2025-01-01", to: "2025-10-31", reportedAs: expect.arrayContaining(["1-10月", "前10个月"]) });
    expect(span.keywords).toBe("新开 经营户");
    expect(understand("23年毕业的大学生到9月底就业率多少").keywords).toContain("就业率");
    // A whole year's total is reported early the next year, naming the year.
    expect(understand("前年一整年人社一共办了多少场招聘会").period).toMatchObject({ from: "2024-01-01", to: "2024-12-31", reportedAs: ["2024年", "2024年度"] });
    // A figure of a year that has ended may come in a report early the next year naming the year, not in its 年度 programme.
    expect(understand("前年人社办了多少场招聘会").period?.reportedAs).toEqual(["2024年"]);
    expect(understand("25年村集体经济一共收了多少").period?.reportedAs).toEqual(["2025年", "2025年度"]);
  });
});

describe("understandQuery: a figure asked about a summary", () => {
  it("reads 那篇总结里……有多少人 as a fact question, and 总结一下 as a summary", () => {
    expect(understand("今年2月社工部那篇总结里，全区拿到社工证的有多少人").intent).toBe("fact");
    expect(understand("总结一下社工部今年的工作").intent).toBe("summary");
  });
});

describe("understandQuery: a season before the years named", () => {
  it("takes the years named later as the time, and keeps the season as a word", () => {
    const asked = understand("教育局冬季校园检查22年跟24年各查出多少处隐患");
    expect([asked.period?.label, asked.periods?.length]).toEqual(["2022年、2024年", 2]);
    expect(asked.keywords).toContain("冬季");
  });
});

describe("understandQuery: a year and now", () => {
  it("reads 21年和现在 as two periods, 2021 and this year", () => {
    const asked = understand("低保对象户数21年和现在分别多少户");
    expect(asked.periods?.map((period) => [period.from, period.to])).toEqual([["2021-01-01", "2021-12-31"], ["2026-01-01", "2026-12-31"]]);
    expect(asked.keywords).toBe("低保对象户数");
  });
});

describe("understandQuery: how to get something done", () => {
  it("leaves the thing to search for, not the words asking the way", () => {
    expect(understand("公务用车怎么申请 要走啥流程").keywords).toBe("公务用车");
    expect(understand("公租房咋申请 要带啥材料").keywords).toBe("公租房");
  });
});

describe("understandQuery: a whole year as people say it", () => {
  it("searches 一整年 as 全年, which reports write", () => {
    expect(understand("21年一整年新房网签了多少套").keywords).toContain("全年");
  });
});
