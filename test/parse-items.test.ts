import { describe, expect, it } from "vitest";
import { itemRows, parseChecked } from "./helpers/parse-checked.js";

const MASTHEAD = "信息简报\n\n第 5 期\n\n中共江川市委办公室\n\n2024年3月1日\n\n";
const SIGNED_MASTHEAD = "上街信息\n\n第 12 期\n\n中共上街区委办公室\n\n2024 年 3 月 7 日\n\n";
const OFFICE = ["中共江川市委办公室"];

describe("unsigned items, split at headlines and attributed to the publisher", () => {
  it("splits at bold headline lines", () => {
    const document = parseChecked(`${MASTHEAD}**市委召开常委会议**\n\n3月1日，市委召开常委会议，研究春季防火工作。\n\n**市政府召开常务会议**\n\n3月2日，市政府召开常务会议，部署春耕生产。`);
    expect(itemRows(document)).toEqual([
      ["report", OFFICE, "市委召开常委会议", "3月1日，市委召开常委会议，研究春季防火工作。"],
      ["report", OFFICE, "市政府召开常务会议", "3月2日，市政府召开常务会议，部署春耕生产。"],
    ]);
    expect(document.items.map((item) => item.attribution)).toEqual(["", ""]);
  });

  it("splits at Markdown headings of the first heading's level, not at deeper ones", () => {
    const document = parseChecked(`${MASTHEAD}## 市委召开常委会议\n\n3月1日，市委召开常委会议。\n\n### 会议要求\n\n各级要压实责任。\n\n## 市政府召开常务会议\n\n3月2日，市政府召开常务会议。`);
    expect(itemRows(document)).toEqual([
      ["report", OFFICE, "市委召开常委会议", "3月1日，市委召开常委会议。\n会议要求\n各级要压实责任。"],
      ["report", OFFICE, "市政府召开常务会议", "3月2日，市政府召开常务会议。"],
    ]);
  });

  it("splits at numbered headlines (一、二、)", () => {
    const document = parseChecked(`${MASTHEAD}一、全市一季度经济运行平稳\n1至2月，规模以上工业增加值同比增长8.6%。\n二、重点项目建设加快推进\n已开工项目41个，开工率47.7%。`);
    expect(itemRows(document)).toEqual([
      ["report", OFFICE, "一、全市一季度经济运行平稳", "1至2月，规模以上工业增加值同比增长8.6%。"],
      ["report", OFFICE, "二、重点项目建设加快推进", "已开工项目41个，开工率47.7%。"],
    ]);
  });

  it("splits at a short line followed by body text", () => {
    const document = parseChecked(`${MASTHEAD}市委召开常委会议 研究部署防汛工作\n5月18日，市委召开常委会议。\n\n全市开展安全生产大检查\n检查企业860家，整改隐患1320处。`);
    expect(itemRows(document)).toEqual([
      ["report", OFFICE, "市委召开常委会议 研究部署防汛工作", "5月18日，市委召开常委会议。"],
      ["report", OFFICE, "全市开展安全生产大检查", "检查企业860家，整改隐患1320处。"],
    ]);
  });

  it("takes the office's own item before a signed one apart, where the signed headline names its unit", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区委召开常委会议\n3月5日，区委召开常委会议，研究部署春季防火工作。\n\n区教育局推进课后服务\n一是拓展课程。开设课程120门。（区教育局）`);
    expect(itemRows(document)).toEqual([
      ["report", ["中共上街区委办公室"], "区委召开常委会议", "3月5日，区委召开常委会议，研究部署春季防火工作。"],
      ["report", ["区教育局"], "区教育局推进课后服务", "一是拓展课程。开设课程120门。"],
    ]);
  });

  it("never splits one unit's report at its numbered sub-headings", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}## 区委社工部提升服务效能\n\n去年以来，区委社工部聚焦三大任务。\n\n**一、强基固本。**一是建强队伍。\n\n**二、凝心聚力。**一是精准服务。（区委社工部）`);
    expect(itemRows(document)).toEqual([
      ["report", ["区委社工部"], "区委社工部提升服务效能", "去年以来，区委社工部聚焦三大任务。\n一、强基固本。一是建强队伍。\n二、凝心聚力。一是精准服务。"],
    ]);
  });

  it("leaves an editor's note and a stray paragraph after signed items without a unit", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区农委护航三夏 一是技术指导。（区农委）\n\n编者按：以上材料由各单位报送。`);
    expect(document.items.map((item) => item.unit)).toEqual(["区农委", null]);
    const unsigned = parseChecked(`${MASTHEAD}编者按：本期刊发全市防汛工作情况。\n\n市委召开常委会议\n5月18日，市委召开常委会议。`);
    expect(unsigned.items.map((item) => [item.unit, item.title])).toEqual([[null, ""], ["中共江川市委办公室", "市委召开常委会议"]]);
  });
});

describe("attributions", () => {
  it("reads a unit with 供稿 or 报送 glued on or standing apart", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区政府办加强值班管理 一是严格带班。（区政府办供稿）\n\n区教育局推进课后服务 一是拓展课程。（区教育局 报送）`);
    expect(document.items.map((item) => [item.units, item.attribution])).toEqual([
      [["区政府办"], "（区政府办供稿）"],
      [["区教育局"], "（区教育局 报送）"],
    ]);
  });

  it("reads a 供稿： prefix and the writer's name after the unit, spaced or glued", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区卫健委推进签约服务 组建团队42个。（供稿：区卫健委 张宏伟）\n\n区民政局提升养老服务 新建站点6个。（区民政局李静）\n\n区人社局举办招聘会 提供岗位860个。（区人社局 欧阳明 许亦是）`);
    expect(document.items.map((item) => [item.units, item.body])).toEqual([
      [["区卫健委"], "组建团队42个。"],
      [["区民政局"], "新建站点6个。"],
      [["区人社局"], "提供岗位860个。"],
    ]);
  });

  it("does not take a name without a unit, a photo credit or a plain phrase for an attribution", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区农委护航三夏 一是技术指导（张宏伟）\n二是农机调度（区农委 李静 摄）\n三是成立专班（区农委牵头）\n四是加强宣传。（区农委）`);
    expect(document.items).toHaveLength(1);
    expect(document.items[0]!.body).toBe("一是技术指导（张宏伟）\n二是农机调度（区农委 李静 摄）\n三是成立专班（区农委牵头）\n四是加强宣传。");
  });

  it("reads units named for a palace, a farm or a kindergarten, so each closes its own item", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区少年宫开办暑期公益课堂 报名学生1120人。（区少年宫）\n\n区交警大队开展百日攻坚 查处酒驾86起。（区交警大队）\n\n区国有林场做好春季防火 巡山1200人次。（区国有林场）\n\n区实验幼儿园开展安全演练 参演师生460人。（区实验幼儿园）`);
    expect(document.items.map((item) => [item.units, item.body])).toEqual([
      [["区少年宫"], "报名学生1120人。"],
      [["区交警大队"], "查处酒驾86起。"],
      [["区国有林场"], "巡山1200人次。"],
      [["区实验幼儿园"], "参演师生460人。"],
    ]);
  });

  it("reads a party school or a middle school as a unit, and a bare kind of unit after a line break as text", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区爱卫办推进集中整治 组织各镇（街道）\n开展健康讲座30场。（区爱卫办）\n\n区委党校春季学期开班 学员110名。（区委党校）\n\n区实验中学开展安全演练 参演师生860人。（区实验中学）`);
    expect(document.items.map((item) => [item.units, item.body])).toEqual([
      [["区爱卫办"], "组织各镇（街道）\n开展健康讲座30场。"],
      [["区委党校"], "学员110名。"],
      [["区实验中学"], "参演师生860人。"],
    ]);
    // A plant and a depot are units too.
    const plants = parseChecked(`${SIGNED_MASTHEAD}区污水处理厂保障汛期运行 日处理污水4万吨。（区污水处理厂）\n\n区应急物资储备库完成汛前储备 储备棉被3200床。（区应急物资储备库）`);
    expect(plants.items.map((item) => item.units)).toEqual([["区污水处理厂"], ["区应急物资储备库"]]);
    // So is a road maintenance section (段).
    const section = parseChecked(`${SIGNED_MASTHEAD}区公路管理段抢修水毁公路 修复路面3800平方米。（区公路管理段）\n\n区农机安全监理站检查农机 检查农机1260台。（区农机安全监理站）`);
    expect(section.items.map((item) => item.units)).toEqual([["区公路管理段"], ["区农机安全监理站"]]);
  });

  it("ends a headline with PDF-spaced figures where the body opens on a date, not at a space beside a figure", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}区征兵办扎实做好 2023 年下半年征兵体检工作 8 月 1 日至 7 日，组织体检262人。（区征兵办）\n\n区爱卫办部署开展第 37 个爱国卫生月活动 4 月是第 37 个爱国卫生月，计划开展活动4类。（区爱卫办）\n\n区供热管理中心“热线 + 网格”提升服务质效 受理诉求4120件。（区供热管理中心）`);
    expect(document.items.map((item) => item.title)).toEqual(["区征兵办扎实做好2023年下半年征兵体检工作", "区爱卫办部署开展第37个爱国卫生月活动", "区供热管理中心“热线 + 网格”提升服务质效"]);
    // A headline on a line of its own, the body opening on a day of the month below it.
    // The body says the headline's year again ("…保障任务 2021 年春运自…").
    const year = parseChecked(`${SIGNED_MASTHEAD}区道路运输服务中心圆满完成 2021 年春运道路运输保障任务 2021 年春运自 1 月 28 日开始，发送旅客 8.6 万人次。（区道路运输服务中心）`);
    expect(year.items.map((item) => item.title)).toEqual(["区道路运输服务中心圆满完成2021年春运道路运输保障任务"]);
    const lines = parseChecked(`${SIGNED_MASTHEAD}矿山街道“九九重阳”系列活动营造敬老爱老氛围\n\n10 月 4 日重阳节当天，矿山街道举办敬老活动，服务老年人 380 余人次。（矿山街道）`);
    expect(lines.items.map((item) => item.title)).toEqual(["矿山街道“九九重阳”系列活动营造敬老爱老氛围"]);
  });

  it("keeps a joint headline's two units together, and a dated body's year out of the headline", () => {
    const joint = parseChecked(`${SIGNED_MASTHEAD}区残疾人康复中心 区残联以全国爱耳日为契机推进听力残疾预防和康复 3 月 3 日是第 24\n次全国爱耳日，筛查听力 386 人。（区残疾人康复中心 区残联）`);
    expect(joint.items.map((item) => [item.units, item.title])).toEqual([[["区残疾人康复中心", "区残联"], "区残疾人康复中心 区残联以全国爱耳日为契机推进听力残疾预防和康复"]]);
    // Units ending in 圃 and 基地 sign their items; a headline never ends inside its own brackets.
    const nursery = parseChecked(`${SIGNED_MASTHEAD}区国有苗圃春季苗木出圃工作有序推进\n\n区国有苗圃经营面积 620 亩。（区国有苗圃）\n\n区中小学生综合实践基地 区教育局启动春季研学实践活动 4 月 10 日，研学活动启动。（区中小学生综合实践基地 区教育局）\n\n区森林公园管理处清明假期游园和防火“两手抓”\n\n清明假期（4 月 4 日至 6 日），共接待游客 4.1 万人次。（区森林公园管理处）`);
    expect(nursery.items.map((item) => [item.units, item.title])).toEqual([
      [["区国有苗圃"], "区国有苗圃春季苗木出圃工作有序推进"],
      [["区中小学生综合实践基地", "区教育局"], "区中小学生综合实践基地 区教育局启动春季研学实践活动"],
      [["区森林公园管理处"], "区森林公园管理处清明假期游园和防火“两手抓”"],
    ]);
    // A long headline ending like a unit (…平台) before a body word ending like one (…基地) is no joint headline.
    const platform = parseChecked(`${SIGNED_MASTHEAD}区退役军人事务局搭建退役军人创业就业平台 建成区退役军人创业孵化基地，入驻创业项目 14 个。（区退役军人事务局）`);
    expect(platform.items.map((item) => item.title)).toEqual(["区退役军人事务局搭建退役军人创业就业平台"]);
    // A headline word ending like a unit ("…收尾阶段") before the body naming the unit again is no joint headline.
    const stage = parseChecked(`${SIGNED_MASTHEAD}济源路街道 2021 年老旧小区改造进入收尾阶段 今年济源路街道纳入改造计划的 11 个老旧小区已全部开工。（济源路街道）`);
    expect(stage.items.map((item) => item.title)).toEqual(["济源路街道2021年老旧小区改造进入收尾阶段"]);
    // The body opens on a date range from one year into the next, its year right before the month.
    const range = parseChecked(`${SIGNED_MASTHEAD}区劳动保障监察大队 2024—2025 年度根治欠薪冬季专项行动圆满收官\n\n2024 年 11 月 15 日至 2025 年春节前，共检查用人单位 198 户。（区劳动保障监察大队）`);
    expect(range.items.map((item) => [item.title, item.body])).toEqual([["区劳动保障监察大队2024—2025年度根治欠薪冬季专项行动圆满收官", "2024年11月15日至2025年春节前，共检查用人单位198户。"]]);
  });

  it("reads a 公寓 and a 摄影家协会 as units, and a body opening on a span of months ends the headline there", () => {
    // "区老年公寓" signs its item: before, the item ran into the next one and took that one's unit.
    const home = parseChecked(`${SIGNED_MASTHEAD}区老年公寓扎实做好入冬照护服务 区老年公寓现有床位 240 张，入住老人 198 名。（区老年公寓）\n\n区矿山救护队开展冬季矿山救援综合演练 11 月 12 日，参演指战员 38 名。（区矿山救护队）`);
    expect(home.items.map((item) => [item.units, item.title])).toEqual([
      [["区老年公寓"], "区老年公寓扎实做好入冬照护服务"],
      [["区矿山救护队"], "区矿山救护队开展冬季矿山救援综合演练"],
    ]);
    // 摄 inside a unit's name (区摄影家协会) is no photo credit ("（区农委 李静 摄）").
    const photos = parseChecked(`${SIGNED_MASTHEAD}△ 3 月 15 日至 25 日，区摄影家协会“春到上街”摄影展在区文化馆展出。（区摄影家协会）`);
    expect(photos.items.map((item) => item.units)).toEqual([["区摄影家协会"]]);
    // A headline that itself says "1—10 月" ends where the body says it again, followed by a comma.
    const months = parseChecked(`${SIGNED_MASTHEAD}区价格认证中心 1—10 月办结价格认定 208 件 1—10 月，区价格认证中心受理价格认定 214 件。（区价格认证中心）\n\n工业路街道 1—7\n月主要经济指标稳步增长 1—7 月，工业路街道完成产值 43.6 亿元。（工业路街道）`);
    expect(months.items.map((item) => [item.title, item.body.replace(/ /g, "")])).toEqual([
      ["区价格认证中心1—10月办结价格认定208件", "1—10月，区价格认证中心受理价格认定214件。"],
      ["工业路街道1—7月主要经济指标稳步增长", "1—7月，工业路街道完成产值43.6亿元。"],
    ]);
  });

  it("joins a figure whose thousands a PDF set apart with spaces, and nothing else", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}中心路街道推行“时间银行” 目前已有 1 380 名居民注册，累计存储服务时长 8 600 小时，6 至 14 岁学生 2 400 人参加，共 12 460 000 元。（中心路街道）`);
    expect(document.items[0]!.body).toBe("目前已有1380名居民注册，累计存储服务时长8600小时，6至14岁学生2400人参加，共12460000元。");
  });

  it("reads traditional-character attributions as simplified units, keeping the text as written", () => {
    const document = parseChecked(`${SIGNED_MASTHEAD}區教育局推進課後服務 一是拓展課程。（區教育局）\n\n區衛健委開展義診 服務群眾3200人次。（區衛健委 區醫保局）`);
    expect(document.items.map((item) => [item.unit, item.units, item.title, item.attribution])).toEqual([
      ["区教育局", ["区教育局"], "區教育局推進課後服務", "（區教育局）"],
      ["区卫健委", ["区卫健委", "区医保局"], "區衛健委開展義診", "（區衛健委 區醫保局）"],
    ]);
  });
});

describe("units named at the start of an item", () => {
  it("reads 单位： and 【单位】 leads as the item's unit and starts a new item at each", () => {
    const document = parseChecked(`${MASTHEAD}柳林镇：收获玉米2.1万亩，占应收面积的63%。\n\n【县农业农村局】组织12个技术服务小分队深入田间。\n\n县教育局、县卫健委：联合开展学生体检1.2万人次。`);
    expect(document.items.map((item) => [item.kind, item.units, item.attribution, item.body])).toEqual([
      ["report", ["柳林镇"], "柳林镇：", "收获玉米2.1万亩，占应收面积的63%。"],
      ["report", ["县农业农村局"], "【县农业农村局】", "组织12个技术服务小分队深入田间。"],
      ["report", ["县教育局", "县卫健委"], "县教育局、县卫健委：", "联合开展学生体检1.2万人次。"],
    ]);
  });

  it("does not take a speaker or a column label for a unit", () => {
    const document = parseChecked(`${MASTHEAD}市委召开常委会议\n会议指出：要压实责任。【经验交流】各地交流了做法。`);
    expect(itemRows(document)).toEqual([["report", OFFICE, "市委召开常委会议", "会议指出：要压实责任。【经验交流】各地交流了做法。"]]);
  });
});

describe("brief marks", () => {
  it("reads ◆ ● ■ ▲ △ as briefs, each its own item", () => {
    const document = parseChecked(
      `${SIGNED_MASTHEAD}◆ 区检察院举办开放日活动。（区检察院）\n● 区统计局发放奖励410万元。（区统计局）\n■ 区法院开展普法进校园活动。（区法院）\n▲ 区医保局追回基金31.6万元。（区医保局）\n△ 区文广旅体局举办读书节。（区文广旅体局）`,
    );
    expect(document.items.map((item) => [item.kind, item.unit, item.title])).toEqual([
      ["brief", "区检察院", ""],
      ["brief", "区统计局", ""],
      ["brief", "区法院", ""],
      ["brief", "区医保局", ""],
      ["brief", "区文广旅体局", ""],
    ]);
    expect(document.removed).toEqual(["◆", "●", "■", "▲", "△"]);
  });

  it("reads a brief's unit from its lead, and gives an unsigned brief to the publisher", () => {
    const document = parseChecked(`${MASTHEAD}◆ 柳林镇：开展消防演练3场。\n\n● 全市新增城镇就业1.2万人。`);
    expect(itemRows(document)).toEqual([
      ["brief", ["柳林镇"], "", "开展消防演练3场。"],
      ["brief", OFFICE, "", "全市新增城镇就业1.2万人。"],
    ]);
  });
});
