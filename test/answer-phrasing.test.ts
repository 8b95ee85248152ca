import { describe, expect, it } from "vitest";
import { expectQuotedFromOne, ownIssue, withOwnBulletin, withOwnBulletins } from "./helpers/own-bulletins.js";

// Questions as staff type them, over bulletins of the tests' own, asked on 2026-11-28.

describe("what a question counts, and when", () => {
  it("keeps 吧 of 网吧 as part of the word, and counts for each year what follows each 几 (前年几座今年几座)", async () => {
    await withOwnBulletins({
      "2024-40.txt": ownIssue(40, "2024-08-22", "△ 8 月 9 日，区文化市场综合执法大队对全区 41 家网吧开展暑期专项检查，责令整改 2 家。（区文化市场综合执法大队）", "△ 6 月 14 日，区市政设施管理中心完成城区 11 座桥梁和下穿通道汛前安全检测。（区市政设施管理中心）"),
      "2026-40.txt": ownIssue(40, "2026-08-20", "△ 8 月 12 日，区文化市场综合执法大队对全区 39 家网吧开展暑期专项检查，立案查处 1 家。（区文化市场综合执法大队）", "△ 6 月 17 日，区市政设施管理中心完成城区 13 座桥梁和下穿通道汛前检测，发现的 4 处问题已完成维修。（区市政设施管理中心）"),
    }, async (ask) => {
      const cafes = await ask("暑假查网吧 前年查了几家 今年查了几家");
      expect(cafes.answer).toContain("41家网吧");
      expect(cafes.answer).toContain("39家网吧");
      const bridges = await ask("市政设施中心汛前查桥和下穿通道 前年几座今年几座");
      expect(bridges.answer).toContain("11座桥梁");
      expect(bridges.answer).toContain("13座桥梁");
    });
  });

  it("reads a day kept once a year (重阳节) as the day asked, so a figure of 当天 is the whole of it", async () => {
    const text = ownIssue(56, "2024-10-31", "区老龄办开展“敬老月”系列活动 截至 9 月 30 日，全区 60 周岁及以上户籍老年人 4.5 万人，其中百岁老人 14 名。“敬老月”期间开展敬老活动 80 场，服务老年人 1.2 万余人次。10 月 11 日重阳节当天，区老龄办为全区 14 名百岁老人逐一上门祝寿。（区老龄办）");
    await withOwnBulletin("2024-56.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "前年重阳节老龄办上门给百岁老人祝寿 一共几位", "14名百岁老人");
    });
  });

  it("takes 2025年度 before a noun as what is done (个税汇算), not as the year of the dates in a 2026 issue", async () => {
    const text = ownIssue(13, "2026-03-26", "区税务局做好 2025 年度个税汇算服务 2025 年度个人所得税综合所得汇算于 3 月 1 日开始，其中 3 月 1 日至 19 日需提前预约，3 月 20 日起纳税人可随时办理，汇算将于 6 月 30 日结束。截至 3 月 24 日，全区已完成汇算申报 2.3 万人。（区税务局）");
    await withOwnBulletin("2026-13.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "今年个税汇算从哪天开始不用预约随时能办", "3月20日起纳税人可随时办理");
    });
  });

  it("counts the projects of 有几个项目…补发工资, not money", async () => {
    const text = ownIssue(66, "2025-12-11", "区建设工程质量安全监督站部署冬期施工质量安全管理 截至 12 月 9 日，已检查在施项目 40 个，发现质量安全隐患 205 条。三是保障农民工工资支付。对 50 个在施项目工资专户开展检查，督促 4 个项目补发拖欠工资。（区建设工程质量安全监督站）");
    await withOwnBulletin("2025-66.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "去年冬期施工检查，有几个项目被督促补发拖欠农民工工资", "4个项目");
    });
  });

  it("answers what one person pays (个人一年交多少) with the fee per person, not with a sum the report gives out", async () => {
    const text = ownIssue(59, "2025-11-06", "区医保局启动 2026 年度城乡居民医保集中征缴 9 月 1 日起，全区 2026 年度城乡居民基本医疗保险集中征缴工作启动，个人缴费标准为每人每年 400 元，财政补助标准不低于每人每年 700 元。一是分类资助参保。对特困人员给予全额资助，2025 年共资助 2900 人参保，资助资金 72.6 万元。（区医保局）");
    await withOwnBulletin("2025-59.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "26年度的城乡居民医保 个人一年交多少", "每人每年400元");
    });
  });

  it("asks the area of a piece of land asked how big (示范方多大)", async () => {
    const text = ownIssue(59, "2025-11-06", "区农技推广站抢抓墒情推进小麦秋播 截至 11 月 4 日，全区小麦已播种 5.1 万亩。一是推广良种良法，良种覆盖率达 100%。二是建设示范方。在峡窝镇建设小麦高产示范方 4 个、面积 3800 亩，实行统一供种、统一播种。三是开展技术服务，培训农民 900 人次。（区农技推广站）");
    await withOwnBulletin("2025-59.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "去年秋播 农技站在峡窝弄的小麦高产示范方多大", "3800亩");
    });
  });
});

describe("periods as staff say them", () => {
  it("finds what was done 开学以来 in an issue of late March, and 开春 in February after the Spring Festival", async () => {
    await withOwnBulletins({
      "2024-14.txt": ownIssue(14, "2024-03-21", "区公安局“护学岗”守护春季开学校园平安 春季开学以来，区公安局在全区 57 所中小学、幼儿园设立“护学岗” 57 个，每天上下学高峰时段投入警力 200 余人。（区公安局）"),
      // Inside the weeks of 开学 as they were once read (to March 15) and of spring (from March): other schools, other cadres.
      "2024-12.txt": ownIssue(12, "2024-03-07", "区教育局推进课后服务提质 新学期，全区 26 所义务教育学校全部开设课后服务，参与学生 1.8 万人。（区教育局）", "区委组织部选派年轻干部跟班学习 3 月 4 日，区委组织部选派 30 名科级干部到信访、12345 热线等窗口跟班学习。（区委组织部）"),
      "2024-09.txt": ownIssue(9, "2024-02-22", "区营商环境服务中心推行“首席服务官”制度 春节后，区营商环境服务中心在全区推行企业“首席服务官”制度，选派 70 名科级干部担任首席服务官，分包联系企业 210 家。（区营商环境服务中心）"),
    }, async (ask) => {
      const posts = await ask("前年春季开学护学岗设了多少所学校");
      expect(posts.answer).toMatch(/^据第14期（2024-03-21）区公安局报送：[^\n]*57所中小学/);
      await expectQuotedFromOne(ask, "24年开春搞首席服务官 派了多少个科级干部", "70名科级干部");
    });
  });

  it("reads 春季学期 as the school term, up to the summer holidays", async () => {
    const text = ownIssue(34, "2023-06-01", "区食安办开展食品安全宣传周活动 5 月 22 日起，区食安办组织成员单位开展食品安全宣传周活动。一是突出校园食品安全。今年春季学期以来，联合区教育局对全区 58 所中小学、幼儿园食堂开展全覆盖检查，发现问题 49 个，已全部整改到位。二是突出“三小”治理，检查小作坊、小餐饮 1200 家次。（区食安办）");
    await withOwnBulletin("2023-34.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "食安办23年春季学期查学校食堂 发现的问题都改完了吗", "已全部整改到位");
    });
  });

  it("looks for what became of a thing made in a year named before it (去年建的那8个站) in the reports since", async () => {
    await withOwnBulletins({
      "2025-20.txt": ownIssue(20, "2025-04-24", "区地震局实施地震烈度速报与预警工程 2025 年，区地震局在峡窝镇和各街道新建地震烈度速报站 8 个，建成后全区台站总数将达到 19 个。（区地震局）"),
      "2026-44.txt": ownIssue(44, "2026-08-20", "区地震局推进地震预警信息发布终端进学校进社区 今年，区地震局新建地震预警信息发布终端 46 台。去年建成的 8 个地震烈度速报站已全部接入省级系统，全区台站达 19 个。（区地震局）"),
    }, async (ask) => {
      // "那8个" points at the stations; it is no figure to check.
      const answer = await expectQuotedFromOne(ask, "去年建的那8个地震烈度速报站 都接进省里系统了吗", "已全部接入省级系统");
      expect(answer.answer).toMatch(/^已完成。/);
    });
  });

  it("takes a date before 有没有 as when the event was, not as a date to check (23年7月底那场大暴雨)", async () => {
    const text = ownIssue(52, "2023-08-10", "区防汛办全力应对强降雨 7 月 31 日 8 时至 8 月 1 日 8 时，我区出现强降雨过程，全区平均降水量 70.5 毫米，最大降水量出现在峡窝镇，为 116.2 毫米。一是转移避险及时，提前转移群众 150 人。此次降雨过程全区未发生人员伤亡。（区防汛办）");
    await withOwnBulletin("2023-52.txt", text, async (ask) => {
      const answer = await expectQuotedFromOne(ask, "23年7月底那场大暴雨 有没有人员伤亡", "未发生人员伤亡");
      expect(answer.answer).toMatch(/^没有。/);
    });
  });
});

describe("yes/no against an earlier figure", () => {
  it("answers 是不是比前一年高了 with the change the report states", async () => {
    const text = ownIssue(26, "2025-05-22", "区教育局圆满完成 2025 年中招体育考试 5 月 12 日至 18 日，2025 年中招体育考试在区体育场考点举行，实际参加考试 2370 人。全区考生体育平均成绩 65.9 分（满分 70 分），较去年提高 0.5 分，满分率 42.0%。一是考务规范，选派考务人员 140 名。（区教育局）");
    await withOwnBulletin("2025-26.txt", text, async (ask) => {
      await expectQuotedFromOne(ask, "去年中招体育平均分是不是比前一年高了", "提高0.5分");
    });
  });
});

describe("names staff use", () => {
  it("finds 视残 as 视力残疾人 and 照明所 as the 区城市照明管理所", async () => {
    await withOwnBulletins({
      "2026-58.txt": ownIssue(58, "2026-11-12", "区残联推进视力残疾人文化服务 全年接待视力残疾人等特殊读者 400 人次。全区现有持证视力残疾人 598 人。（区残联）", "区委社工部壮大社会工作人才队伍 全区持证社会工作者达 430 人，同比增长 60.2%。（区委社工部）"),
      "2024-09.txt": ownIssue(9, "2024-02-22", "区城市照明管理所做好春节期间城市照明保障 春节期间，区城市照明管理所对城区 1.3 万盏路灯实行每日巡查。1 月 25 日至 2 月 20 日，维修路灯 305 盏、更换灯具 120 套。（区城市照明管理所）"),
    }, async (ask) => {
      expect((await ask("持证视残人数")).answer).toContain("598人");
      const lamps = await ask("照明所24年春节前后维修了多少盏路灯");
      expect(lamps.answer).toContain("维修路灯305盏");
      expect(lamps.citations.map((citation) => citation.department)).toEqual(["区城市照明管理所"]);
    });
  });
});

describe("near misses staff do not see coming", () => {
  it("does not answer for the rest when the report counts the part set aside in (不算峡窝那块)", async () => {
    const text = ownIssue(37, "2026-07-30", "区急救指挥中心强化院前急救 区急救指挥中心在城区和峡窝镇增设高温季节临时急救点 3 个，7 月份以来 120 急救出车 805 次，平均反应时间 10.4 分钟。（区急救指挥中心）");
    await withOwnBulletin("2026-37.txt", text, async (ask) => {
      const answer = await ask("今年120在城区的平均反应时间多少 不算峡窝那块");
      expect(answer.citations).toEqual([]);
      expect(answer.answer).not.toContain("10.4");
    });
  });

  it("does not give one average for 男生女生…分别多少", async () => {
    const text = ownIssue(25, "2022-05-19", "区教育局完成 2022 年中招体育考试 5 月 9 日至 15 日，2022 年中招体育考试在区体育场考点举行，男生考 1000 米跑，女生考 800 米跑。全区考生体育平均成绩 64.0 分（满分 70 分），满分率 35.0%。（区教育局）");
    await withOwnBulletin("2022-25.txt", text, async (ask) => {
      const answer = await ask("22年中招体育 男生女生平均分分别多少");
      expect(answer.citations).toEqual([]);
      expect(answer.answer).not.toContain("64.0");
    });
  });

  it("answers 全市排第几 only with a ranking, and reads it as the district's place, not a ranking of the bulletins' units", async () => {
    const text = ownIssue(55, "2022-10-13", "区营商环境服务中心开展涉企服务专项督查 一是开展第三方评价。委托第三方机构开展年度营商环境评价，评价结果将于 2022 年底前发布。二是督查涉企服务事项 46 项。（区营商环境服务中心）");
    await withOwnBulletin("2022-55.txt", text, async (ask) => {
      const answer = await ask("22年营商环境第三方评价最后结果咋样 全市排第几");
      expect(answer.citations).toEqual([]);
      expect(answer.answer).not.toMatch(/最多的是|最少的是|评价结果将于/);
    });
  });

  it("does not take the day a count is made up to (截至7月27日) for when the rest will be done", async () => {
    const text = ownIssue(37, "2026-07-30", "区城市管理局加快城区易涝点改造 2026 年，区城市管理局对城区 35 处易涝点实行“一点一策”治理，计划完成改造 12 处，截至 7 月 27 日已完成 10 处，新建改造雨水管网 4.5 公里。（区城市管理局）");
    await withOwnBulletin("2026-37.txt", text, async (ask) => {
      const answer = await ask("城管那批易涝点 今年剩下没改完的2处 啥时候能完工");
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toContain("没有写明所问的日期");
    });
  });
});
