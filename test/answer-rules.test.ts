import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { answerJson } from "../src/answer/answer-json.js";
import { ROOT } from "./helpers/run-cli.js";
import { SAMPLES, sampleApplication } from "./helpers/sample-application.js";
import { bulletinApplication, expectQuotedFromOne, ownIssue, withOwnBulletin, withOwnBulletins } from "./helpers/own-bulletins.js";

// The bundled fictional samples, "today" 2026-11-23: answers read as staff would see them.
let application: Application;
beforeAll(async () => {
  ({ application } = await sampleApplication({ paths: [SAMPLES] }));
});
afterAll(() => application?.close());

const ask = async (question: string, today?: string) => answerJson(await application.answerer()({ question, ...(today ? { today } : {}) }));

describe("a fact answer names its unit and issue, and quotes a figure of the asked type", () => {
  it("quotes the clause with the asked measure, introduced by issue, date and unit", async () => {
    const answer = await ask("区农委春耕落实了多少亩小麦？");
    expect(answer.answer).toBe("据第18期（2025-04-17）区农委报送：全区落实小麦种植面积5.2万亩，春季麦田“一喷三防”作业覆盖率达100%。[1]");
    expect(answer.citations.map((citation) => [citation.issue, citation.department])).toEqual([[18, "区农委"]]);
  });

  it("answers a terse question with every part of it the item gives, in the item's order", async () => {
    // The first clause names the service points, the second the points platform: both were asked.
    const answer = await ask("志愿服务站点 积分兑换");
    expect(answer.answer).toBe("据第18期（2025-04-17）区委社工部报送：以社区为单元划分志愿服务网格，推动志愿服务站点向小区、楼院延伸，全区建成标准化志愿服务站点76个，注册志愿者增至3.6万人，志愿服务组织达193支；上线“志愿上街”积分平台，居民参与服务可累积积分兑换生活用品，一季度发布服务项目412个，累计服务时长2.7万小时。[1]");
  });

  it("answers a question that only names an item's topic with the item's gist: its first clauses with figures", async () => {
    const answer = await ask("夏夜守护");
    expect(answer.answer).toBe("据第40期（2024-08-22）区公安局报送：针对夏季夜间人员聚集特点，在夜市、广场、商圈等部位设立临时警务站7个，每晚投入警力160余人开展巡逻防控；行动开展以来，接处警2174起，破获盗窃、诈骗等案件53起，抓获违法犯罪嫌疑人61名，查处交通违法行为3890起，辖区夏季治安警情同比下降17.4%。[1]");
  });

  it("answers a rate with the percentage, not with the first number of the item", async () => {
    const answer = await ask("隐患整改率到多少了");
    expect(answer.answer).toBe("据第18期（2025-04-17）区应急管理局报送：截至4月上旬，共检查企业386家，发现一般隐患1127处，已整改1087处，整改率96.4%。[1]");
  });

  it("answers each part of a question that asks for two values of one item", async () => {
    const answer = await ask("社工部注册志愿者有多少人，助餐陪读这些服务搞了多少场次？");
    expect(answer.answer).toMatch(/^据第18期（2025-04-17）区委社工部报送：.*注册志愿者增至3\.6万人.*；聚焦“一老一小”开展助餐、陪读、课后托管等服务365场次。\[1\]$/);
  });

  it("answers a question about two years with each year's report, in the order the question names them", async () => {
    const answer = await ask("市场监管今年和24年各抽检了多少批次食品");
    expect(answer.citations.map((citation) => citation.date?.slice(0, 4))).toEqual(["2026", "2026", "2024"]);
    expect(answer.answer).toContain("全年食品安全监督抽检2310批次");
    expect(answer.answer).toContain("完成食品安全监督抽检642批次");
  });

  it("answers each part of a question typed with spaces from the item that gives it", async () => {
    const answer = await ask("25年4月那期 安全隐患大排查发现多少处隐患 家庭医生团队组建了几个");
    expect(answer.answer).toContain("发现一般隐患1127处");
    expect(answer.answer).toContain("组建家庭医生团队58个");
    expect(answer.citations.map((citation) => citation.department)).toEqual(["区应急管理局", "区卫健委"]);
  });

  it("resolves the bulletin's own relative times into years", async () => {
    const answer = await ask("市场监管局3·15宣传活动搞了多少场");
    expect(answer.answer).toBe("据第15期（2026-04-09）区市场监管局报送：2026年3月以来，组织消费维权宣传进社区、进商圈活动16场，现场受理群众咨询460余人次。[1]");
  });

  it("answers each unit's part of a question about several units with that part's figure", async () => {
    // 人社 and 退役军人 are glued to the next word: hints, not filters, yet each unit answers its own part.
    const answer = await ask("人社追发农民工工资和退役军人招聘会，各是多少");
    expect(answer.citations.map((citation) => citation.department)).toEqual(["区人社局", "区退役军人事务局"]);
    expect(answer.answer).toContain("2370万元");
    expect(answer.answer).toContain("岗位380个");
  });

  it("answers a yes/no question that checks a figure with the figure, and confirms only what happened", async () => {
    const checked = await ask("市场监管局3·15宣传活动搞了20场没");
    expect(checked.answer).toBe("据第15期（2026-04-09）区市场监管局报送：2026年3月以来，组织消费维权宣传进社区、进商圈活动16场，现场受理群众咨询460余人次。[1]");
    const happened = await ask("退役军人事务局办过招聘会没");
    expect(happened.answer).toMatch(/^有。据第40期（2024-08-22）区退役军人事务局报送：/);
  });

  it("finds what another unit reported about the unit named, when the unit's own items do not say it", async () => {
    // 区人社局's own items say nothing of 招工; 工业路街道's report on a job fair held with it does.
    const answer = await ask("区人社局帮企业招工多少人");
    expect(answer.answer).toBe("据第18期（2025-04-17）工业路街道报送：联合区人社局举办专场招聘3场，帮助企业招工268人。[1]");
  });

  it("finds a report on a period in the issue that came out after it", async () => {
    // 一季度 is reported in the 2025-04-17 issue, which lies outside the quarter itself.
    const answer = await ask("2025年一季度组建了多少个家庭医生团队");
    expect(answer.answer).toContain("家庭医生团队58个");
    expect(answer.citations[0]?.date).toBe("2025-04-17");
  });

  it("reads questions written in traditional characters", async () => {
    const answer = await ask("區農委春耕落實了多少畝小麥");
    expect(answer.answer).toContain("5.2万亩");
    expect(answer.citations[0]?.department).toBe("区农委");
  });
});

describe("near misses: the topic is there, the asked value is not", () => {
  it("says so, cites nothing and lists the related items instead of quoting another figure", async () => {
    const answer = await ask("小麦种植补贴一亩多少钱");
    expect(answer.answer).toBe("简报提到了“区农委多措并举抓好春耕备播”（第18期（2025-04-17），区农委），但没有写明所问的金额。为免误导，这里不给出数字；相关信息列在下面，可点开原文核对。");
    expect(answer.citations).toEqual([]);
    expect(answer.related?.[0]?.department).toBe("区农委");
  });

  it("does not take a figure from another clause of the item when the clause on the topic does not give it", async () => {
    const answer = await ask("峡窝村集体收入超50万的村，之前是几个");
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("但没有写明所问的数字");
    expect(answer.answer).not.toMatch(/28个|36处|8个/);
  });

  it("does not answer a rate with a count", async () => {
    const answer = await ask("新安路街道帮企业贷款的利率是多少");
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toContain("但没有写明所问的比例");
    expect(answer.answer).not.toMatch(/3450|35家/);
  });

  it("answers a yes/no question only with a passage about exactly that", async () => {
    expect((await ask("区总工会有没有办过职工技能展示")).answer).toMatch(/^有。据第18期（2025-04-17）区总工会报送：4月12日，区总工会在职工文化广场举办/);
    expect((await ask("区总工会是不是办过马拉松")).citations).toEqual([]);
  });

  it("quotes the passage on the topic of a yes/no question it does not settle, without saying yes", async () => {
    // The passage says how many were fixed, not that all were: it is quoted for the reader to judge.
    const answer = await ask("应急那批隐患整改完了没");
    expect(answer.answer).toBe("简报中没有直接这样写，相关的记载是：据第3期（2026-01-15）区应急管理局报送：对52家人员密集场所开展消防安全检查，发现隐患208处，当场整改171处。[1]");
    expect(answer.citations.map((citation) => citation.department)).toEqual(["区应急管理局"]);
  });

  it("says a thing is done only where the passage says all of it is", async () => {
    // "整改完了没" is quoted above: 171 of 208 fixed. "全部依法核查处置" says all of it was.
    expect((await ask("市场监管抽检不合格的产品处置完了没")).answer).toBe("已完成。据第40期（2024-08-22）区市场监管局报送：完成食品安全监督抽检642批次，合格率98.3%，对不合格产品全部依法核查处置。[1]");
  });

  it("does not say yes to a year in which the bulletins do not record it, and lists the other years' records", async () => {
    const elsewhere = await ask("应急局2024年有没有搞安全生产隐患大排查");
    expect(elsewhere.answer).toBe("2024年的《上街信息》中没有查到这方面的记载；其他时间的相关记载列在下面，可点开原文核对。");
    expect(elsewhere.citations).toEqual([]);
    expect(elsewhere.related?.map((citation) => citation.date)).toEqual(["2025-04-17"]);
    expect((await ask("应急局25年有没有搞安全生产隐患大排查")).answer).toMatch(/^有。据第18期（2025-04-17）区应急管理局报送：/);
  });

  it("finds a report from before a season that names its year only in the headline, set apart (2024 年秋季)", async () => {
    await withOwnBulletin("2024-35.md", ownIssue(35, "2024-07-25", "区机关幼儿园 2024 年秋季招生录取结束 今年区机关幼儿园计划招收小班幼儿 150 名。6 月网上报名期间，小班报名 268 人，7 月 12 日录取结果公布，录取 150 名。（区机关幼儿园）"), async (ask) => {
      await expectQuotedFromOne(ask, "机关幼儿园前年秋季小班有多少人报名", "小班报名268人");
    });
  });

  it("finds a year's figure in the next year's issue that says 去年, when that year has no report of its own", async () => {
    const text = ownIssue(38, "2023-06-15", "区实验小学 2023 年一年级招生工作启动 区实验小学今年计划招收一年级新生 8 个班、360 人。去年学校一年级报名 412 人，录取 358 人。（区实验小学）");
    await withOwnBulletin("2023-38.md", text, async (ask) => {
      await expectQuotedFromOne(ask, "实小22年一年级报名的孩子有多少", "报名412人");
    });
  });

  it("asks units that report together for the value of their joint item, in the measure asked (多少家次)", async () => {
    // The item of a blind-set issue, as written: its first clause names the holiday, the tourist sites and both units.
    const text = readFileSync(path.join(ROOT, "test/fixtures/unseen15/bulletins/2023-06.txt"), "utf8");
    await withOwnBulletin("2023-06.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "23年春节旅协跟文广旅体局一块儿去查景区农家乐安全 一共查了多少家次", "64家次");
    });
  });

  it("answers whether it costs anything from the named unit's report that says what it costs, whatever the question calls the thing", async () => {
    const text = ownIssue(33, "2025-07-03", "区美术家协会开设暑期少儿美术公益课堂 7 月 1 日，区美术家协会暑期少儿美术公益课堂开课，课堂持续至 8 月 20 日，报名 7 至 12 岁学生 360 名。区美术家协会现有会员 168 名。课堂免费，画材由协会统一提供。（区美术家协会）");
    await withOwnBulletin("2025-33.md", text, async (ask) => {
      await expectQuotedFromOne(ask, "美协去年暑假那个少儿画画班收不收钱", "课堂免费");
    });
    // Of two clauses that speak of paying, the one that says what it costs answers.
    const both = ownIssue(60, "2023-09-14", "区律师协会组织律师为中小企业开展“法治体检” 5 月以来，区律师协会组织 12 个服务团，为辖区中小企业开展免费“法治体检”。协会计划年底前为 150 家企业完成“法治体检”，对企业需要律师后续代理的事项，收费由企业与律师事务所协商确定。（区律师协会）");
    await withOwnBulletin("2023-60.txt", both, async (ask) => {
      await expectQuotedFromOne(ask, "23年律协给中小企业做法治体检 企业要掏钱吗", "开展免费");
    });
    // A report that says nothing of what it costs does not answer.
    const silent = ownIssue(33, "2025-07-03", "区美术家协会开设暑期少儿美术公益课堂 7 月 1 日，区美术家协会暑期少儿美术公益课堂开课，课堂持续至 8 月 20 日，报名 7 至 12 岁学生 360 名。（区美术家协会）");
    await withOwnBulletin("2025-33.md", silent, async (ask) => {
      expect((await ask("美协去年暑假那个少儿画画班收不收钱")).citations).toEqual([]);
    });
  });

  it("answers who pays from how the report says what it costs, without a unit named", async () => {
    const text = ownIssue(23, "2024-05-23", "区中小学卫生保健所完成春季学生健康体检 3 月 18 日至 5 月 17 日，区中小学卫生保健所对全区 29 所中小学的 2.04 万名学生完成春季健康体检。体检结果显示，学生龋齿检出率 26.1%，均已通知家长带学生复查。体检费用由财政保障。（区中小学卫生保健所）", "矿山街道开设暑期公益托管班 7 月 13 日至 8 月 21 日，矿山街道开设暑期公益托管班，共招收辖区中小学生 186 名。托管班不收取托管费用，午餐费按成本由家长自愿缴纳。（矿山街道）");
    await withOwnBulletin("2024-23.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "前年春季学生体检要家长自己掏钱吗", "体检费用由财政保障");
      await expectQuotedFromOne(ask, "矿山街道暑假托管班收不收托管费", "不收取托管费用");
    });
  });

  it("answers 超计划了吗 with the figure said to go over the plan, and 要门票不 about an anniversary's exhibition from what it costs", async () => {
    const text = ownIssue(47, "2025-09-11", "区开放大学秋季招生人数超过计划 今年区开放大学秋季计划招生 560 人，开设专业 17 个，其中今年新增智能制造技术、养老服务管理 2 个专业。截至 9 月 9 日，已录取新生 588 人，超过招生计划 28 人，其中专科 352 人、本科 236 人。（区开放大学）");
    await withOwnBulletin("2025-47.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "去年开放大学秋季招生超计划了吗", "超过招生计划28人");
      await expectQuotedFromOne(ask, "开放大学去年新增的两个专业叫啥来着", "智能制造技术、养老服务管理");
    });
    const exhibition = ownIssue(44, "2023-07-06", "△ 7 月 1 日，区美术馆庆祝中国共产党成立 102 周年书画作品展开展，展出作品 126 幅，首日接待观众 1300 余人次。展览持续至 7 月 31 日，免费向公众开放。（区美术馆）");
    await withOwnBulletin("2023-44.txt", exhibition, async (ask) => {
      await expectQuotedFromOne(ask, "美术馆建党102周年那个书画展进去要门票不", "免费向公众开放");
    });
  });

  it("asks 要不要买门票 and 要买票不 as whether it costs, searching neither 不要 nor 要", async () => {
    // Among the bundled samples, so that the question's words weigh as they do in a real archive.
    const text = ownIssue(25, "2022-05-19", "区博物馆开展“5·18国际博物馆日”系列活动 5 月 18 日，区博物馆推出“铝城记忆”专题展，当天接待观众 2300 人次。区博物馆实行免费开放，开放时间和预约方式在公众号公布，“文物修复体验”等研学课程按课程收取材料费。（区博物馆）");
    await withOwnBulletins({ "2022-25.txt": text }, async (ask) => {
      await expectQuotedFromOne(ask, "22年区博物馆进去要不要买门票？", "免费开放");
      await expectQuotedFromOne(ask, "22年博物馆进去看要买票不", "免费开放");
    }, { withSamples: true });
  });

  it("finds a thesaurus word the question says whole though the search cuts it (再犯事 -> 重新违法犯罪)", async () => {
    const text = ownIssue(62, "2025-11-20", "区社区矫正中心扎实推进社区矫正规范化管理 截至 10 月 31 日，全区在册社区矫正对象 74 名。今年 1—10 月，新接收社区矫正对象 31 名，依法解除矫正 36 名，社区矫正对象未发生重新违法犯罪。一是推行智慧矫正，每日定位核查 1 次。（区社区矫正中心）");
    await withOwnBulletin("2025-62.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "去年社区矫正的人有没有再犯事的", "未发生重新违法犯罪");
    });
  });

  it("answers 居民要不要自己掏钱 from how the report says the money is found (居民自筹)", async () => {
    const text = ownIssue(20, "2026-05-07", "济源路街道老旧小区改造项目全面开工 今年济源路街道纳入改造计划的老旧小区 7 个，涉及居民 1940 户。一是延续“居民点菜”，征集意见建议 260 条。二是推行“改造 + 物业”。改造完成的小区同步引入物业服务，改造项目资金由上级补助、区级配套和居民自筹共同解决。（济源路街道）");
    await withOwnBulletins({ "2026-20.txt": text }, async (ask) => {
      await expectQuotedFromOne(ask, "今年济源路老旧小区改造，居民要不要自己掏钱呢", "居民自筹");
    }, { withSamples: true });
  });

  it("quotes the clause that says what was asked last (安全事故), though the rest of the question (游人) is said elsewhere in the item", async () => {
    const text = ownIssue(24, "2021-05-06", "峡窝镇“五一”乡村游持续火热 “五一”假期（5 月 1 日至 5 日），峡窝镇 6 个乡村旅游点共接待游客 4.6 万人次，同比增长 42.3%。全镇现有农家乐 32 家，其中今年新开业 5 家。假期前，镇里在主要旅游点周边设置临时停车场 4 处，组织 40 名干部和志愿者开展交通疏导，假期未发生安全事故。（峡窝镇）");
    await withOwnBulletins({ "2021-24.md": text }, async (ask) => {
      await expectQuotedFromOne(ask, "21年五一峡窝乡村游人那么多 出没出安全事故", "未发生安全事故");
    }, { withSamples: true });
  });

  it("says 没有 when the report says it is not needed (无需), and names a school after a word ending in 中心 (新建的中心路小学)", async () => {
    const text = ownIssue(20, "2021-04-15", "区教育局启动 2021 年义务教育招生入学信息采集 4 月 12 日起，区教育局启动 2021 年义务教育招生入学信息采集。一是“网上采集、一次不跑”。家长通过手机即可完成信息填报，无需提交纸质材料。二是科学划定学区。今年全区 26 所义务教育学校学区范围总体保持稳定，新建的中心路小学首次划定学区。（区教育局）");
    await withOwnBulletins({ "2021-20.txt": text }, async (ask) => {
      const paper = await expectQuotedFromOne(ask, "21年小学入学要交纸质材料吗", "无需提交纸质材料");
      expect(paper.answer.startsWith("没有。")).toBe(true);
      await expectQuotedFromOne(ask, "21年哪个小学是新划学区的", "中心路小学");
    }, { withSamples: true });
  });

  it("takes a month named without its year as those months of any year (3月份…那次)", async () => {
    const march = ownIssue(12, "2023-03-16", "△ 3 月 14 日，矿山街道开展春季环境卫生集中整治，出动干部职工和志愿者 380 余人，清理卫生死角 64 处，清运垃圾 46 吨。（矿山街道）");
    const august = ownIssue(55, "2023-08-14", "矿山街道多措并举持续优化卫生环境 以创卫为契机，持续深入开展“全城清洁”行动，针对垃圾堆物、卫生死角、脏乱环境等问题进行集中整治。一是认真部署，组织全民参与。（矿山街道）");
    await withOwnBulletins({ "2023-12.txt": march, "2023-55.txt": august }, async (ask) => {
      await expectQuotedFromOne(ask, "矿山街道3月份大扫除那次 清走了几吨垃圾", "清运垃圾46吨");
    }, { withSamples: true });
  });

  it("answers 各接待了多少人次 for two summers with each summer's visits, not its guides", async () => {
    const summer2022 = ownIssue(44, "2022-08-18", "区规划展览馆暑期研学参观持续升温 7 月 1 日至 8 月 16 日，区规划展览馆共接待参观群众 1.12 万人次，其中中小学生研学团队 46 批、3280 人次。7 月 16 日接待 680 人次，为暑期单日最高。展览馆现有讲解志愿者 24 名，暑期以来累计讲解 312 场。（区规划展览馆）");
    const summer2024 = ownIssue(42, "2024-09-05", "区规划展览馆暑期接待参观群众 1.46 万人次 7 月 1 日至 8 月 31 日，区规划展览馆共接待参观群众 1.46 万人次，其中中小学生研学团队 62 批、4120 人次。7 月 20 日接待 920 人次，为暑期单日最高。展览馆实行免费预约参观，每周一闭馆。暑期讲解志愿者增至 30 名，累计讲解 418 场。（区规划展览馆）");
    await withOwnBulletins({ "2022-44.txt": summer2022, "2024-42.txt": summer2024 }, async (ask) => {
      const answer = await ask("规划展览馆22年和前年暑假各接待了多少人次");
      expect(answer.answer).toContain("1.12万人次");
      expect(answer.answer).toContain("1.46万人次");
    }, { withSamples: true });
  });

  it("answers two dates of two years each from its own report, one that came out after the date named", async () => {
    const item = (count: number) => `区婴幼儿照护服务指导中心推进普惠托育服务扩容 截至 8 月底，全区共有各类托育机构 19 家，提供托位 ${count} 个。（区婴幼儿照护服务指导中心）`;
    await withOwnBulletins({ "2023-58.txt": ownIssue(58, "2023-08-31", item(820)), "2025-47.txt": ownIssue(47, "2025-09-11", item(1080)) }, async (ask) => {
      const answer = await ask("全区托位23年8月底和去年8月底分别有多少个");
      expect(answer.answer).toContain("托位820个");
      expect(answer.answer).toContain("托位1080个");
      expect(answer.citations.map((citation) => citation.date)).toEqual(["2023-08-31", "2025-09-11"]);
    });
  });

  it("reads 作品集收了多少篇 as a fact of the report, not a count of the unit's items in the bulletin", async () => {
    const text = ownIssue(3, "2024-01-18", "△1 月 12 日，区作家协会《上街文学》2023 年作品集首发，收录 68 名作者的作品 112 篇。（区作家协会）");
    await withOwnBulletin("2024-03.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "前年區作家協會出的《上街文學》2023年作品集收了多少篇", "作品112篇");
    });
  });

  it("answers 队员人数 with the people counted once (32名), not their turns out (186人次)", async () => {
    const text = ownIssue(38, "2023-06-15", "区抗旱服务队全力支援抗旱播种 6 月 5 日至 13 日，区抗旱服务队累计出动队员 186 人次、抗旱设备 312 台次，帮助抗旱浇地 8600 亩。区抗旱服务队现有队员 32 名，配备柴油水泵 28 台。（区抗旱服务队）");
    await withOwnBulletin("2023-38.md", text, async (ask) => {
      const answer = await expectQuotedFromOne(ask, "抗旱服务队23年的队员人数是多少", "队员32名");
      expect(answer.answer).not.toContain("186人次");
    });
  });

  it("takes no figure of a year the question does not name, though its issue is of a year it does (24年…21年呢)", async () => {
    const text = ownIssue(15, "2024-03-28", "区残疾人辅助器具服务中心推进辅具适配服务 2023 年，区残疾人辅助器具服务中心为 486 名残疾人适配辅具 702 件。（区残疾人辅助器具服务中心）");
    await withOwnBulletin("2024-15.txt", text, async (ask) => {
      const answer = await ask("24年辅具中心适配了多少件");
      expect(answer.answer).not.toContain("702件");
      expect(answer.citations).toEqual([]);
    });
  });

  it("counts children of a kind by the thesaurus word the report uses (自闭症 -> 孤独症)", async () => {
    await withOwnBulletin("2022-44.txt", ownIssue(44, "2022-08-18", "区康复医院开展暑期残疾儿童康复训练 7 月 4 日起，区康复医院开展暑期残疾儿童康复训练。目前在训残疾儿童 68 名，其中孤独症儿童 26 名、脑瘫儿童 18 名。累计开展康复训练 3420 人次。（区康复医院）"), async (ask) => {
      for (const question of ["22年暑期康复医院训练的自闭症小孩有几个", "22年暑假康复医院训练的残疾娃里面 自闭症的有几个"]) await expectQuotedFromOne(ask, question, "孤独症儿童26名");
    });
  });

  it("gives no figure for the whole group when a part of it is asked, and the part's own figure when the report splits it out", async () => {
    const text = ownIssue(62, "2025-11-20", "区医疗保障服务中心异地就医直接结算量持续增长 今年 1—10 月，区医疗保障服务中心办理异地就医备案 4120 人次；全区参保群众异地就医直接结算 4.32 万人次，同比增长 18.4%。高血压、糖尿病等 10 种门诊慢特病实现跨省直接结算。（区医疗保障服务中心）", "区人民武装部完成下半年征兵任务 全区 58 名新兵 9 月 12 日起陆续入伍，其中大学生 41 名。（区人民武装部）");
    await withOwnBulletin("2025-62.txt", text, async (ask) => {
      // 跨省 is named only where no figure is: the whole's 4.32万人次 is not the part asked.
      const part = await ask("去年1-10月异地就医直接结算里 跨省的有多少人次");
      expect(part.citations).toEqual([]);
      expect(part.answer).toContain("但没有写明所问的");
      expect(part.answer).not.toContain("4.32万");
      // The report splits 大学生 out of the 58: that figure answers.
      await expectQuotedFromOne(ask, "去年下半年那58个新兵里头大学生的有几个", "其中大学生41名");
    });
  });
});

describe("questions about issues and units, as staff phrase them", () => {
  it("lists an issue's items with unit and headline for 第N期主要内容", async () => {
    const answer = await ask("第18期主要内容");
    expect(answer.intent).toBe("overview");
    expect(answer.answer.split("\n").slice(0, 2)).toEqual(["《上街信息》2025年第18期（2025-04-17）共 6 条：", "- 区委社工部：区委社工部构建“一刻钟”志愿服务圈 [1]"]);
    expect(answer.citations).toHaveLength(6);
  });

  it("finds the latest issue, and an issue named by its month", async () => {
    expect((await ask("最新一期有什么")).citations.map((citation) => citation.date)).toEqual(["2026-04-09"]);
    const october = await ask("去年10月底那期都说了啥", "2026-11-28");
    expect(new Set(october.citations.map((citation) => citation.date))).toEqual(new Set(["2025-10-30"]));
    expect((await ask("最近一期原件")).intent).toBe("source");
  });

  it("answers several units in one issue with each unit's item", async () => {
    const answer = await ask("第18期农委和应急各报了啥");
    expect(answer.answer).toBe([
      "第18期区农委、区应急管理局报送的信息共 2 条：",
      "- 第18期（2025-04-17）区农委：区农委多措并举抓好春耕备播 [1]",
      "- 第18期（2025-04-17）区应急管理局：区应急管理局开展安全生产隐患大排查 [2]",
    ].join("\n"));
  });

  it("reads 有啥动态 as a unit's reports and 列一下条目 as an issue's contents", async () => {
    const news = await ask("去年上半年农委有啥动态", "2026-11-28");
    expect(news.intent).toBe("summary");
    expect(news.citations.map((citation) => citation.date)).toEqual(["2025-04-17"]);
    const listed = await ask("24年8月那期列一下条目", "2026-11-28");
    expect(listed.intent).toBe("overview");
    expect(new Set(listed.citations.map((citation) => citation.date))).toEqual(new Set(["2024-08-22"]));
  });

  it("reads colloquial periods against the day of the question", async () => {
    const answer = await ask("前年开春那会儿区农委报过啥", "2026-11-28");
    expect(answer.intent).toBe("summary");
    expect(answer.citations.map((citation) => citation.date)).toEqual(["2024-03-07"]);
  });

  it("understands English requests for an issue or a unit's reports, and asks for Chinese otherwise", async () => {
    expect((await ask("Send me the original of issue 18")).citations[0]?.date).toBe("2025-04-17");
    expect((await ask("What has 区农委 reported?")).citations.map((citation) => citation.date)).toEqual(["2024-03-07", "2025-04-17"]);
    const english = await ask("Summary of the Public Security Bureau's reports");
    expect(english.intent).toBe("summary");
    expect(new Set(english.citations.map((citation) => citation.department))).toEqual(new Set(["区公安局"]));
    // A month in English dates the issue; "May I" is not a month.
    expect((await ask("Where is the original bulletin from late August 2024?")).citations.map((citation) => citation.date)).toContain("2024-08-22");
    expect((await ask("May I have the original of issue 18?")).citations[0]?.date).toBe("2025-04-17");
    // "Which bulletin covered …": a source request by unit and month, whatever the English topic words.
    const which = await ask("Which bulletin covered the emergency management bureau's fire checks in January 2026? I just need the source.");
    expect(which.intent).toBe("source");
    expect(which.citations.map((citation) => [citation.date, citation.department])).toEqual([["2026-01-15", "区应急管理局"]]);
    // Other English questions are searched with their words rendered in Chinese (data/dictionary/glossary-en.txt) …
    const fact = await ask("How many hidden dangers did the emergency management bureau find?");
    expect(fact.answer).toMatch(/^（英文提问按词表译成“隐患 多少”检索；用中文提问会更准确。）\n据第/);
    expect(new Set(fact.citations.map((citation) => citation.department))).toEqual(new Set(["区应急管理局"]));
    // … and when none of its words is known, the reply asks for Chinese.
    const other = await ask("What is the weather like tomorrow?");
    expect(other.citations).toEqual([]);
    expect(other.answer).toContain("请用中文提问");
  });
});

describe("a yes/no answer says 有 only where the passage names what was asked", () => {
  const UNSEEN2 = path.join(ROOT, "test/fixtures/unseen2/bulletins");
  const UNSEEN3 = path.join(ROOT, "test/fixtures/unseen3/bulletins");
  let unseen: Application;
  beforeAll(async () => {
    ({ application: unseen } = await sampleApplication({ paths: [UNSEEN2, UNSEEN3] }));
  });
  afterAll(() => unseen?.close());
  const askUnseen = async (question: string) => answerJson(await unseen.answerer()({ question, today: "2026-11-28" }));

  it("quotes the school repairs for 空调 without saying 有, and says 有 for the 厕所 they name", async () => {
    // The item on the summer repairs names 教室 and 厕所, never 空调.
    expect((await askUnseen("去年暑假修学校 给教室装空调了没")).answer).toMatch(/^简报中没有直接这样写，相关的记载是：据第44期（2025-08-28）区教育局报送：/);
    expect((await askUnseen("去年暑假修学校 有没有改造厕所")).answer).toMatch(/^有。据第44期（2025-08-28）区教育局报送：.*改造学校厕所9座/);
  });

  it("answers each year of a unit's figure from that year's report, a brief included", async () => {
    const answer = await askUnseen("消协24年和今年预付卡投诉各多少件");
    expect(answer.citations.map((citation) => citation.date)).toEqual(["2024-06-06", "2026-10-15"]);
    expect(answer.answer).toContain("预付式消费投诉218件");
    expect(answer.answer).toContain("预付式消费投诉64件");
  });

  it("does not count 是不是 among the words a passage must have", async () => {
    const answer = await askUnseen("马固村是不是进了省里旅游重点村名单");
    expect(answer.citations.map((citation) => [citation.date, citation.department])).toContainEqual(["2026-03-12", "峡窝镇"]);
    expect(answer.answer).toContain("乡村旅游重点村");
  });

  it("does not say 有 from a passage on the topic that does not name what the question asks happened", async () => {
    // The 自建房 item is about 隐患 and 鉴定, never about an 事故.
    expect((await askUnseen("自建房有没有出过事故")).answer).toMatch(/^简报中没有直接这样写，相关的记载是：据第66期（2024-12-12）区住建局报送：/);
  });

  it("says 没有 where the passage says it did not happen", async () => {
    // "2024年以来全区未发生区域性重大动物疫情".
    expect((await askUnseen("24年有没有出过重大动物疫情")).answer).toMatch(/^没有。据第47期（2024-09-26）区动物疫病预防控制中心报送：.*未发生区域性重大动物疫情/);
  });

  it("does not say 有 for what a passage only plans", async () => {
    // "目前，中心路立体停车楼已完成施工图设计，计划4月开工": the design is done, the start only planned.
    expect((await askUnseen("中心路那个立体停车楼开工了没")).answer).toMatch(/^简报中没有直接这样写，相关的记载是：据第11期（2026-03-12）区城投集团报送：/);
  });
});

describe("answers from a bulletin of its own", () => {
  let own: Application;
  beforeAll(async () => {
    own = await bulletinApplication({ "2026-28.txt": ownIssue(28, "2026-06-18", "区妇联推进“两癌”筛查和 HPV 疫苗接种 2026 年，全区计划为适龄妇女免费开展宫颈癌、乳腺癌筛查各 7000 人；截至 6 月 15 日，已完成宫颈癌筛查 3120 人。同时，为初一女生免费接种 HPV 疫苗，首剂已接种 1160 人，接种率 92.4%。（区妇联）", "峡窝镇“葡萄经济”拓宽群众增收路 今年峡窝镇葡萄种植面积达 1620 亩。7 月 18 日开园以来，全镇接待采摘游客 3.4 万人次，销售葡萄 780 吨、销售额 702 万元。（峡窝镇）", "区商务局第三届“夜上街”消夏夜市人气旺 夜市开市以来累计接待市民游客 46 万人次，实现营业额 3180 万元。（区商务局）", "矿山街道“银龄餐桌”解决老年人就餐难题 矿山街道建成老年助餐点 4 个，日均供餐 360 余份。今年以来，累计供餐 5.2 万份，服务老年人 1100 余人。（矿山街道）", "区民政局推动老年助餐服务扩面 全区新建老年助餐点 9 个，累计达 23 个，日均供餐 1650 余份。（区民政局）") });
  });
  afterAll(() => own?.close());

  it("quotes the clause about the thing asked, not the item's first clauses", async () => {
    const answer = answerJson(await own.answerer()({ question: "HPV疫苗" }));
    expect(answer.answer).toContain("首剂已接种1160人");
    expect(answer.answer).not.toContain("3120");
  });

  it("answers the first thing asked with its own words of the value, not with those of a later part", async () => {
    // 营业额 is what the second part asks of the 夜市; the 葡萄 were sold for a 销售额.
    const answer = answerJson(await own.answerer()({ question: "峡窝葡萄卖了多少钱 夜市营业额又是多少" }));
    expect(answer.answer).toContain("销售额702万元");
  });

  it("cites the item that names what was asked, not beside it one that matches only through the thesaurus", async () => {
    // 银龄餐桌 is 矿山街道's name for it; the 民政局 writes 老年助餐点, which the thesaurus gives for it.
    const answer = answerJson(await own.answerer()({ question: "银龄餐桌" }));
    expect(answer.citations.map((citation) => citation.department)).toEqual(["矿山街道"]);
  });
});

describe("answers from a bulletin with PDF-spaced figures and event names", () => {
  let own: Application;
  beforeAll(async () => {
    own = await bulletinApplication({ "2023-52.txt": ownIssue(52, "2023-08-10", "区防汛办全力应对“7·31”强降雨 7 月 31 日 8 时至 8 月 1 日 8 时，我区出现强降雨过程，全区平均降水量 72.3 毫米。对 4 处山洪灾害危险区提前转移群众 158 人。此次降雨过程全区未发生人员伤亡。（区防汛办）", "区农经站推动农村集体经济提质增效 截至 12 月 5 日，峡窝镇 28 个行政村中已有 9 个村完成“三资”清查，占 32.1%。1—11 月全区村集体经济收入 3160 万元，集体经济收入超过 50 万元的村达 13 个；超过 100 万元的 6 个。（区农经站）", "区博物馆暑期研学营开营 7 月 28 日，区博物馆“铝城记忆”暑期研学营第一期开营，首期招收学员 40 名，暑期共计划开设 4 期。（区博物馆）", "峡窝镇扎实开展春季村庄清洁行动 截至 3 月 8 日，累计发动干部群众 1.36 万人次，清理生活垃圾 2460 吨。2 月 28 日“村庄清洁日”当天，全镇出动干部群众 3100 人，清运垃圾 380 吨。（峡窝镇）", "区供热管理中心提前谋划冬季供热 新建换热站 3 座，改造老旧管网 12 公里。本供暖季居民供热价格按原标准执行。（区供热管理中心）") });
  });
  afterAll(() => own?.close());
  const askOwn = async (question: string) => answerJson(await own.answerer()({ question, today: "2026-11-28" }));

  it("reads 7·31 as the event's name, not a figure to check, and says 没有 from the clause under its headline", async () => {
    const answer = await askOwn("23年7·31那场暴雨 有没有伤亡");
    expect(answer.answer).toBe("没有。据第52期（2023-08-10）区防汛办报送：此次降雨过程全区未发生人员伤亡。[1]");
  });

  it("answers a second thing asked without a unit from another unit's item, though the first names one", async () => {
    const answer = await askOwn("峡窝23年开春村庄清洁一共清了多少吨垃圾 研学营首期招了几个学员");
    expect(answer.answer).toContain("清理生活垃圾2460吨");
    expect(answer.answer).toContain("首期招收学员40名");
  });

  it("says 没有 to whether a price rose where the report says it was kept", async () => {
    const answer = await askOwn("23年供暖季居民供热价格涨没涨");
    expect(answer.answer).toBe("没有。据第52期（2023-08-10）区供热管理中心报送：本供暖季居民供热价格按原标准执行。[1]");
  });

  it("quotes nothing as related to whether a fee rose when the item on it names no price or fee", async () => {
    await withOwnBulletin("2026-57.txt", ownIssue(57, "2026-11-05", "区中心敬老院做好入冬照护服务 区中心敬老院 2024 年扩建后现有床位 220 张，入住老人 168 人，入住率 76.4%，其中集中供养特困人员 112 人、社会寄养老人 56 人；失能、半失能老人 74 人。院内配备护理员 32 名、医护人员 6 名。11 月 1 日起院内提前供暖；10 月下旬为全体入住老人免费接种流感疫苗。（区中心敬老院）", "区民政局开展冬季救助 发放取暖补贴 86 万元，惠及困难群众 1720 户。（区民政局）"), async (ask) => {
      const answer = await ask("中心敬老院今年社会寄养老人的收费涨没涨");
      expect(answer.answer).not.toContain("相关的记载");
      expect(answer.citations).toEqual([]);
    });
  });

  it("gives no planned date as when something happened, and guesses no place it does not name", async () => {
    const text = ownIssue(31, "2021-06-10", "区军休所开展庆祝建党 100 周年系列活动 所里为 32 名老党员申领“光荣在党 50 年”纪念章，计划 6 月下旬集中颁发。（区军休所）", "区游客服务中心做好清明假期游客服务保障 在景区入口和主要路口设置临时游客服务点 4 个；发布“踏青赏花”精品线路 5 条，全区 A 级景区和乡村旅游点共接待游客 6.8 万人次。（区游客服务中心）");
    await withOwnBulletin("2021-31.txt", text, async (ask) => {
      const medal = await ask("21年军休所光荣在党50年纪念章 最后是哪天颁的");
      expect(medal.citations).toEqual([]);
      expect(medal.answer).toContain("但没有写明所问的日期。为免误导，这里不作推测");
      // 路口 and 线路 are no road, 乡村 no village's name.
      expect((await ask("21年清明游客服务中心那4个临时服务点都设在哪")).citations).toEqual([]);
    });
  });

  it("says 没有 where the phrase about what was claimed denies it, though another phrase of the clause counts the event", async () => {
    await withOwnBulletin("2023-21.txt", ownIssue(21, "2023-04-20", "区防雷减灾中心开展汛前防雷装置安全检测 4 月 1 日起，区防雷减灾中心启动汛前防雷装置安全检测。今年以来全区共发生雷击灾害 2 起，未造成人员伤亡。（区防雷减灾中心）"), async (ask) => {
      const answer = await ask("23年雷击灾害有没有伤到人");
      expect(answer.answer).toMatch(/^没有。/);
      expect(answer.answer).toContain("未造成人员伤亡");
    });
  });

  it("reads 有人…没 as whether anyone did it, and its 没有 from the phrase most about what was asked", async () => {
    await withOwnBulletin("2022-58.txt", ownIssue(58, "2022-10-27", "峡窝镇秋收秋种基本结束 截至 10 月 25 日，峡窝镇 1.85 万亩玉米已全部收获。全镇秸秆综合利用率 93.5%，未发现秸秆焚烧火点。（峡窝镇）"), async (ask) => {
      const answer = await ask("峡窝镇22年秋收时候有人烧秸秆没");
      expect(answer.answer).toMatch(/^没有。/);
      expect(answer.answer).toContain("未发现秸秆焚烧火点");
    });
  });

  it("looks for what a 能不能 question asks in the passage, not for 不能", async () => {
    await withOwnBulletin("2025-44.txt", ownIssue(44, "2025-08-28", "矿山街道“银龄餐桌”解决老年人就餐难题 矿山街道建成老年助餐点 4 个，其中社区长者食堂 2 个。组建“红马甲”送餐志愿队 3 支 42 人，为 82 名失能、半失能老人提供送餐上门服务。（矿山街道）"), async (ask) => {
      await expectQuotedFromOne(ask, "矿山那个老年食堂能不能送饭到家", "送餐上门服务");
    });
  });

  it("answers whether something costs anything with the clause that says what it costs (家长要掏钱不: 零负担)", async () => {
    await withOwnBulletin("2023-47.txt", ownIssue(47, "2023-07-13", "中心路街道开办暑期托管班 7 月 10 日，中心路街道暑期托管班开班，招收辖区小学生 120 名。托管期间每日为学生提供午餐和午休场所，所需费用由街道、社区和爱心企业共同承担，家长“零负担”。（中心路街道）"), async (ask) => {
      const answer = await expectQuotedFromOne(ask, "23年中心路暑假托管 家长要掏钱不", "零负担");
      expect(answer.answer).not.toMatch(/^(?:有|没有)。/);
    });
  });

  it("says how far a plan has got when progress is asked (土地收储进度)", async () => {
    await withOwnBulletin("2026-19.txt", ownIssue(19, "2026-04-30", "区土地储备中心加快推进 2026 年土地收储和供应 今年全区计划收储土地 1260 亩、供应经营性用地 680 亩。截至 4 月 28 日，区土地储备中心已完成收储土地 312 亩，占年度计划的 24.8%。目前储备库内净地 2180 亩。（区土地储备中心）"), async (ask) => {
      const answer = await ask("土地收储进度");
      expect(answer.answer).toContain("已完成收储土地312亩");
    });
  });

  it("counts the villages a figure counts, for a thing asked with a verb glued on (几个村做完了)", async () => {
    const answer = await askOwn("23年三资清查 几个村做完了");
    expect(answer.answer).toContain("已有9个村完成“三资”清查");
  });

  it("answers 一共 with the campaign's total, not with a figure of the day the clause opens on, unless a day is asked", async () => {
    expect((await askOwn("峡窝23年开春那次村庄清洁 一共清了多少吨垃圾")).answer).toContain("清理生活垃圾2460吨");
    expect((await askOwn("峡窝23年村庄清洁日那天一共清了多少吨垃圾")).answer).toContain("清运垃圾380吨");
  });

  it("reads 第一期 of something else as words where the bulletins have no such issue", async () => {
    const answer = await askOwn("23年博物馆研学营第一期招了几个学员");
    expect(answer.answer).toContain("首期招收学员40名");
  });

  it("searches a spoken amount as the bulletins write it (过百万 as 超过100万元)", async () => {
    const answer = await askOwn("23年村集体收入过百万的村有几个");
    expect(answer.answer).toContain("超过100万元的6个");
  });
});

describe("answers over the samples and a blind-set issue", () => {
  let mixed: Application;
  beforeAll(async () => {
    ({ application: mixed } = await sampleApplication({ paths: [SAMPLES, path.join(ROOT, "test/fixtures/unseen8/bulletins/2026-05.txt")] }));
  });
  afterAll(() => mixed?.close());

  it("answers the first of two things asked from its own item, though another item is more about the whole question", async () => {
    const answer = answerJson(await mixed.answerer()({ question: "今年春节前矿山燃气入户查了多少户，储备库棉被棉大衣库存多少", today: "2026-11-28" }));
    expect(answer.answer).toContain("检查居民用户1260户");
    expect(answer.answer).toContain("8600件");
  });
});
