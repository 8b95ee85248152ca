import { describe, expect, it } from "vitest";
import { AppError } from "../src/errors.js";
import { deriveUnitAliases } from "../src/query/derive-unit-aliases.js";
import { createUnitMatcher, parseUnitAliasLines, readUnitAliasLines } from "../src/query/unit-aliases.js";

// The units named in the attributions of the real bulletins.
const corpusUnits = [
  "区教育局", "区司法局", "区公安局", "区委宣传部", "区委社工部", "工业路街道", "区委编办", "矿山街道",
  "中心路街道", "区政务服务中心", "区文广旅体局", "区法院", "区科工信局", "济源路街道", "新安路街道",
  "区督查局", "区委老干部局", "区农委", "市生态环境局上街分局", "区统计局", "区检察院",
];
const aliasLines = readUnitAliasLines({ path: new URL("../data/dictionary/unit-aliases.txt", import.meta.url).pathname });
const matcher = createUnitMatcher({ units: corpusUnits, aliasLines });

const unitsIn = (text: string) => matcher.match(text).map(({ unit, alias }) => `${unit}<-${alias}`);

describe("createUnitMatcher().shortened", () => {
  const matcher = createUnitMatcher({ units: ["区人工影响天气办公室", "区特种设备检验所", "区儿童福利指导中心", "区妇女儿童活动中心", "区种子管理站", "区市场监管局", "区质量检验所", "区老干部活动中心", "区农机安全监理站"] });
  const shortIn = (text: string) => matcher.shortened(text).map(({ unit, alias }) => `${unit}<-${alias}`);

  it("reads a name shortened to some characters of each word and its kind as that unit", () => {
    expect(shortIn("人影办去年增雨搞了几轮")).toEqual(["区人工影响天气办公室<-人影办"]);
    expect(shortIn("特检所节前检了多少台电梯")).toEqual(["区特种设备检验所<-特检所"]);
    expect(shortIn("儿童福利中心走访了多少困境儿童")).toEqual(["区儿童福利指导中心<-儿童福利中心"]);
    expect(shortIn("老干部中心数字课堂培训了多少人")).toEqual(["区老干部活动中心<-老干部中心"]);
    // A kind of its own says which body with a first word of two characters too; 中心 does not ("儿童中心" below).
    expect(shortIn("农机站验了多少台收割机")).toEqual(["区农机安全监理站<-农机站"]);
    // The 区 said before it belongs to the short name, not to the words searched.
    expect(shortIn("去年区人影办增雨搞了几轮")).toEqual(["区人工影响天气办公室<-区人影办"]);
  });

  it("leaves alone a short name two units read as, a name already on record, and a word that starts elsewhere", () => {
    // 检验所 starts 区质量检验所's name, but 检所 is no shortening of 特种设备检验所 that starts on its first character.
    expect(shortIn("检验所今年检了多少")).toEqual([]);
    expect(shortIn("区种子管理站查了多少家门店")).toEqual([]);
    expect(shortIn("儿童中心有什么活动")).toEqual([]);
  });
});

describe("createUnitMatcher().misspelled", () => {
  const matcher = createUnitMatcher({ units: ["峡窝镇", "区工商联", "区委政法委", "区民政局"] });

  it("reads a name typed with one character wrong as the unit it almost spells", () => {
    expect(matcher.misspelled("峡沃镇去年麦子一共打了多少吨").map(({ unit, alias }) => [unit, alias])).toEqual([["峡窝镇", "峡沃镇"]]);
    expect(matcher.misspelled("公商联那边去年商会一共有几个了").map(({ unit }) => unit)).toEqual(["区工商联"]);
  });

  it("does not read a longer word or a name on record that way", () => {
    expect(matcher.misspelled("找政协委员帮企业跑贷款")).toEqual([]);
    expect(matcher.misspelled("区民政局今年报了啥")).toEqual([]);
  });

  it("reads a short name typed by sound (公基金) as the unit, but not a word of two characters (检查 is no 检察)", () => {
    const bySound = createUnitMatcher({ units: ["区公积金管理部", "区检察院", "工业路街道"] });
    expect(bySound.misspelled("前年3月公基金去工业路街道宣讲那次 来了几家企业").map(({ unit, alias }) => [unit, alias])).toEqual([["区公积金管理部", "公基金"]]);
    expect(bySound.misspelled("防汛检查查出多少隐患")).toEqual([]);
  });
});

describe("createUnitMatcher().match", () => {
  it("finds an alias with its span", () => {
    expect(matcher.match("总结社工部的工作")).toEqual([{ unit: "区委社工部", alias: "社工部", start: 2, end: 5 }]);
  });

  it.each([
    ["公安局今年化解了多少纠纷", ["区公安局<-公安局"]],
    ["生态环境局帮了多少企业", ["市生态环境局上街分局<-生态环境局"]],
    ["环保局今年查了几起案件", ["市生态环境局上街分局<-环保局"]],
    ["区委社工部报了哪些工作", ["区委社工部<-区委社工部"]],
    ["社会工作部的志愿服务", ["区委社工部<-社会工作部"]],
    ["工信局和文旅局", ["区科工信局<-工信局", "区文广旅体局<-文旅局"]],
    ["法院和检察院", ["区法院<-法院", "区检察院<-检察院"]],
    ["上街区人民法院审结多少案件", ["区法院<-上街区人民法院"]],
    ["编办的改革", ["区委编办<-编办"]],
    ["上街区教育局的集团化办学", ["区教育局<-上街区教育局"]],
    ["矿山街道和工业路的创卫工作", ["矿山街道<-矿山街道", "工业路街道<-工业路"]],
    ["公安今年抓了多少人", ["区公安局<-公安"]],
  ])("%s", (text, expected) => {
    expect(unitsIn(text)).toEqual(expected);
  });

  it.each([
    ["上街区注册志愿者有多少人？"],
    ["上街区"],
    ["市教育局出台了什么文件"],
    ["哪些小学教育集团获评市级优质教育集团？"],
    ["开展爱国主义教育的学校"],
    ["老干部活动中心在哪里"],
    ["统计数据显示"],
  ])("finds no unit in %s", (text) => {
    expect(matcher.match(text)).toEqual([]);
  });

  it("prefers the longest name: 区委社工部 is one mention, not 社工部 inside it", () => {
    expect(matcher.match("区委社工部")).toEqual([{ unit: "区委社工部", alias: "区委社工部", start: 0, end: 5 }]);
  });

  it("returns every candidate of an ambiguous alias on the same span", () => {
    const ambiguous = createUnitMatcher({ units: ["矿山街道", "矿山镇"] });
    expect(ambiguous.match("矿山的工作")).toEqual([
      { unit: "矿山街道", alias: "矿山", start: 0, end: 2 },
      { unit: "矿山镇", alias: "矿山", start: 0, end: 2 },
    ]);
  });

  it("treats an alias listed for two units as ambiguous", () => {
    const listed = createUnitMatcher({ units: [], aliasLines: ["区委政法委: 政法", "区司法局: 政法"] });
    expect(listed.match("政法工作").map((mention) => mention.unit)).toEqual(["区委政法委", "区司法局"]);
  });

  it("files a dictionary entry under the name the bulletins sign with", () => {
    const matcher = createUnitMatcher({ units: ["区城市管理局"], aliasLines: ["区城管局: 城管局, 城市管理局, 城管"] });
    expect(matcher.match("城管局恢复了多少盏路灯").map((mention) => mention.unit)).toEqual(["区城市管理局"]);
    expect(matcher.resolve("区城管局")).toEqual({ unit: "区城市管理局" });
    expect(matcher.units()).toEqual(["区城市管理局"]);
  });

  it("hints at a unit whose short name is glued to the next word, without naming it", () => {
    const matcher = createUnitMatcher({ units: ["区人社局", "区退役军人事务局"] });
    expect(matcher.match("人社春风行动")).toEqual([]);
    expect(matcher.hints("人社春风行动").map((mention) => mention.unit)).toEqual(["区人社局"]);
    expect(matcher.hints("退役军人招聘会").map((mention) => mention.unit)).toEqual(["区退役军人事务局"]);
    // 服务 is dropped as 管理 and 事务 are: 公共自行车 is 区公共自行车服务中心.
    const bikes = createUnitMatcher({ units: ["峡窝镇", "区公共自行车服务中心"] });
    expect(bikes.match("峡窝樱桃采摘和公共自行车分别多少人次").map((mention) => mention.unit)).toContain("区公共自行车服务中心");
    // Glued on at both ends, behind another unit's name, it names none: 节水宣传周 is 区节水办's campaign.
    const water = createUnitMatcher({ units: ["区节水办", "区委宣传部"] });
    expect(water.hints("节水宣传周那会儿 节水型单位验收通过几家了").map((mention) => mention.unit)).not.toContain("区委宣传部");
    // A festival before it says when.
    expect(matcher.match("春节人社的招聘会办了几场").map((mention) => mention.unit)).toEqual(["区人社局"]);
    // A season after it says when.
    expect(matcher.match("人社夏天办了几场招聘会").map((mention) => mention.unit)).toEqual(["区人社局"]);
    // So do 汛前, 暑假, 年底.
    expect(matcher.match("人社暑假办了几场招聘会").map((mention) => mention.unit)).toEqual(["区人社局"]);
    expect(matcher.match("21年人社年底办了几场招聘会").map((mention) => mention.unit)).toEqual(["区人社局"]);
    // "梳理一下人社…": 一下 before it.
    expect(matcher.match("梳理一下人社23年的工作").map((mention) => mention.unit)).toEqual(["区人社局"]);
    // 一共/总共 after it ask about the unit's total.
    expect(matcher.match("人社一共办了几场招聘会").map((mention) => mention.unit)).toEqual(["区人社局"]);
    expect(matcher.match("人社总共办了几场招聘会").map((mention) => mention.unit)).toEqual(["区人社局"]);
  });

  it("knows the short names staff use from the shipped alias file (市监, 发改)", () => {
    const matcher = createUnitMatcher({ units: ["区市场监管局", "区发展改革委"], aliasLines });
    expect(matcher.match("市监过年前每天盯价格的民生商品有几种").map((mention) => mention.unit)).toEqual(["区市场监管局"]);
    expect(matcher.match("发改22年重点项目定了多少个").map((mention) => mention.unit)).toEqual(["区发展改革委"]);
  });

  it("gives a 中心 or 社 its short name", () => {
    const matcher = createUnitMatcher({ units: ["区疾控中心", "区供销社"] });
    expect(matcher.match("疾控今年灭了多少处积水").map((mention) => mention.unit)).toEqual(["区疾控中心"]);
    expect(matcher.match("供销去年储备了多少化肥").map((mention) => mention.unit)).toEqual(["区供销社"]);
  });

  it("takes an alias marked ~ in the dictionary as a bare word: the unit where it stands apart, a hint where it is glued on", () => {
    const matcher = createUnitMatcher({ units: ["区消防救援大队"], aliasLines: ["区消防救援大队: 消防大队, ~消防"] });
    expect(matcher.match("消防在金华商业广场演练出了几辆车").map((mention) => mention.unit)).toEqual(["区消防救援大队"]);
    expect(matcher.match("今年消防安全检查做了多少次")).toEqual([]);
    expect(matcher.hints("消防临时查封了几处场所").map((mention) => mention.unit)).toEqual(["区消防救援大队"]);
  });

  it("reads short names back to back, or after 跟 and 这块, as units", () => {
    const more = createUnitMatcher({ units: [...corpusUnits, "区财政局", "区审计局", "区卫健委", "区水利局", "区档案馆", "区应急管理局", "区退役军人事务局", "区民政局"], aliasLines });
    const named = (text: string) => more.match(text).map(({ unit }) => unit);
    expect(named("教育卫健今年")).toEqual(["区教育局", "区卫健委"]);
    expect(named("财政跟审计21年都报了啥")).toEqual(["区财政局", "区审计局"]);
    expect(named("防汛这块水利和应急都干了啥")).toEqual(["区水利局", "区应急管理局"]);
    expect(named("档案那边数字化")).toEqual(["区档案馆"]);
    expect(named("应急演练")).toEqual([]);
    expect(named("八一前退役军人那边慰问了多少户，同期民政给多少户发了救助")).toEqual(["区退役军人事务局", "区民政局"]);
  });

  it("lets a listed alias override a derived one", () => {
    const listed = createUnitMatcher({ units: ["区公安局", "区公安分局"], aliasLines: ["区公安局: 公安"] });
    expect(listed.match("公安的工作").map((mention) => mention.unit)).toEqual(["区公安局"]);
  });
});

describe("createUnitMatcher().resolve", () => {
  it.each([
    ["社工部", "区委社工部"],
    ["区委社工部", "区委社工部"],
    ["工业路", "工业路街道"],
    ["环保局", "市生态环境局上街分局"],
    [" 上街区统计局 ", "区统计局"],
    ["区卫健委", "区卫健委"],
  ])("%s -> %s", (name, unit) => {
    expect(matcher.resolve(name)).toEqual({ unit });
  });

  it("suggests the closest names for an unknown unit", () => {
    const bare = createUnitMatcher({ units: corpusUnits });
    expect(bare.resolve("人社局")).toEqual({ suggestions: ["区委社工部", "区公安局", "区司法局", "区教育局", "区文广旅体局"] });
    expect(bare.resolve("街道")).toEqual({ suggestions: ["矿山街道", "中心路街道", "工业路街道", "新安路街道", "济源路街道"] });
    expect(bare.resolve("xyz")).toEqual({ suggestions: [] });
  });

  it("returns both candidates of an ambiguous name as suggestions", () => {
    expect(createUnitMatcher({ units: ["矿山街道", "矿山镇"] }).resolve("矿山")).toEqual({ suggestions: ["矿山街道", "矿山镇"] });
  });
});

describe("createUnitMatcher().units", () => {
  it("lists ingest units and dictionary units once each", () => {
    const small = createUnitMatcher({ units: ["区教育局", "工业路街道"], aliasLines: ["区教育局: 教体局", "区卫健委: 卫健委"] });
    expect(small.units()).toEqual(["工业路街道", "区教育局", "区卫健委"]);
  });
});

describe("deriveUnitAliases", () => {
  it("strips prefixes and suffixes", () => {
    expect(deriveUnitAliases("区委社工部")).toEqual([
      { alias: "社工部", strength: "derived" },
      { alias: "上街区委社工部", strength: "derived" },
      { alias: "社工", strength: "weak" },
    ]);
  });

  it("shortens a group, a station, an office and an association like a bureau (城投集团 -> 城投)", () => {
    expect(deriveUnitAliases("区城投集团").map(({ alias }) => alias)).toContain("城投");
    expect(deriveUnitAliases("区卫生监督所").map(({ alias }) => alias)).toContain("卫生监督");
    expect(deriveUnitAliases("区计生协").map(({ alias }) => alias)).toContain("计生");
    // 管理 dropped, the kind kept: 救助站, 应急局.
    expect(deriveUnitAliases("区救助管理站").map(({ alias }) => alias)).toEqual(expect.arrayContaining(["救助管理", "救助", "救助站"]));
    expect(createUnitMatcher({ units: ["区应急管理局"] }).match("应急局今年查了多少家企业").map((mention) => mention.unit)).toEqual(["区应急管理局"]);
    // A 公司, 分公司, 处 or 大队 has its short name too; 指挥 and 推广 go as 管理 does.
    const aliases = (unit: string) => deriveUnitAliases(unit).map(({ alias }) => alias);
    expect(aliases("区供电公司")).toContain("供电");
    expect(aliases("区邮政分公司")).toEqual(expect.arrayContaining(["邮政", "邮政公司"]));
    expect(aliases("区公证处")).toContain("公证");
    expect(aliases("区急救指挥中心")).toEqual(expect.arrayContaining(["急救", "急救中心"]));
    expect(createUnitMatcher({ units: ["区供电公司"] }).match("供电那边这两年报了啥").map((mention) => mention.unit)).toEqual(["区供电公司"]);
    // Two words of two characters shorten to their first characters: 住保中心, 城管局, 文保.
    expect(aliases("区住房保障中心")).toEqual(expect.arrayContaining(["住保", "住保中心"]));
    expect(aliases("区城市管理局")).toEqual(expect.arrayContaining(["城管", "城管局"]));
    expect(createUnitMatcher({ units: ["区住房保障中心"] }).match("今年二季度住保中心筹了多少套房子").map((mention) => mention.unit)).toEqual(["区住房保障中心"]);
    // ... and 专卖: 烟草局.
    expect(createUnitMatcher({ units: ["区烟草专卖局"] }).match("烟草局去年查了多少条假烟").map((mention) => mention.unit)).toEqual(["区烟草专卖局"]);
    // 城市管理 goes by 城管 and 数字化 before it by 数字; 展览 goes as 管理 does.
    expect(aliases("区数字化城市管理中心")).toEqual(expect.arrayContaining(["数字城管", "数字城管中心"]));
    expect(createUnitMatcher({ units: ["区城管局", "区数字化城市管理中心"] }).match("22年数字城管把城区分了多少个网格").map((mention) => mention.unit)).toEqual(["区数字化城市管理中心"]);
    expect(aliases("区城市管理执法大队")).toEqual(expect.arrayContaining(["城管执法大队", "城管执法"]));
    expect(createUnitMatcher({ units: ["区规划展览馆"] }).match("22年暑假规划馆接待了多少人").map((mention) => mention.unit)).toEqual(["区规划展览馆"]);
    expect(createUnitMatcher({ units: ["区城投集团", "区水务集团"] }).match("城投今年要新盖几座立体停车楼 水务那边小区泵房今年要改几座").map((mention) => mention.unit)).toEqual(["区城投集团", "区水务集团"]);
  });

  it("shortens a school to its first character and 校 (特校, 技校), and two words to their first characters (特教)", () => {
    const aliases = (unit: string) => deriveUnitAliases(unit).map(({ alias }) => alias);
    expect(aliases("区特殊教育学校")).toEqual(expect.arrayContaining(["特校", "特教", "特教学校"]));
    expect(aliases("区技工学校")).toContain("技校");
    expect(createUnitMatcher({ units: ["区特殊教育学校"] }).match("23年助残日那会儿特校一共有多少在校生").map((mention) => mention.unit)).toEqual(["区特殊教育学校"]);
  });

  it("shortens an association to its first character and 协, a school or hospital to its first characters, and drops two words like 管理服务", () => {
    const aliases = (unit: string) => deriveUnitAliases(unit).map(({ alias }) => alias);
    expect(aliases("区律师协会")).toContain("律协");
    expect(aliases("区餐饮行业协会")).toEqual(expect.arrayContaining(["餐协", "餐饮协会"]));
    expect(aliases("区实验小学")).toContain("实小");
    expect(aliases("区第一中学")).toContain("一中");
    expect(aliases("区养犬管理服务中心")).toContain("养犬中心");
    expect(aliases("区节能监察中心")).toContain("节能中心");
    expect(aliases("区党史研究室")).toEqual(expect.arrayContaining(["党史室", "党研室"]));
    expect(aliases("区机关幼儿园")).toContain("机关幼");
    const matcher = createUnitMatcher({ units: ["区美术家协会", "区企业家协会", "区实验小学", "区第三人民医院", "区养犬管理服务中心", "区美术馆"] });
    const unitsIn = (text: string) => matcher.match(text).map((mention) => mention.unit);
    expect(unitsIn("美协去年暑假那个少儿画画班收不收钱")).toEqual(["区美术家协会"]);
    expect(unitsIn("企协助学捐款")).toEqual(["区企业家协会"]);
    expect(unitsIn("实小23年一年级原本打算招几个班")).toEqual(["区实验小学"]);
    expect(unitsIn("三院老年医学科哪天开的")).toEqual(["区第三人民医院"]);
    expect(unitsIn("养犬中心去年登了多少只狗")).toEqual(["区养犬管理服务中心"]);
    // A 医院 goes by the word before 医院 (眼科), a 科学研究所 by its first character and 科所 (农科所).
    expect(aliases("区眼科医院")).toContain("眼科");
    expect(aliases("区眼科医院")).not.toContain("眼科医");
    expect(aliases("区农业科学研究所")).toContain("农科所");
    // The characters inside another word name nothing: 落实小微企业.
    expect(unitsIn("落实小微企业政策")).toEqual([]);
  });

  it("shortens a word of three characters and one of two to their first characters (结防所, 房交中心), a 管理段 and a 专业队 to 段 and 队", () => {
    const aliases = (unit: string) => deriveUnitAliases(unit).map(({ alias }) => alias);
    expect(aliases("区结核病防治所")).toContain("结防所");
    expect(aliases("区房地产交易中心")).toContain("房交中心");
    expect(aliases("区公积金管理部")).not.toContain("公管部");
    expect(aliases("区公路管理段")).toContain("公路段");
    expect(aliases("区公路管理段")).not.toContain("公路");
    expect(aliases("区少儿图书馆")).toContain("少儿馆");
    expect(aliases("区污水处理厂")).toContain("污水厂");
    // 城市 goes as 区 does: 城市照明管理所 is the 照明所.
    expect(aliases("区城市照明管理所")).toContain("照明所");
    expect(aliases("区城市排水管理所")).toContain("排水所");
    const matcher = createUnitMatcher({ units: ["区结核病防治所", "区公路管理段", "区森林消防专业队", "区水政监察大队"] });
    expect(matcher.match("得了肺结核看病要自己掏钱吗 结防所那边咋说的").map((mention) => mention.unit)).toEqual(["区结核病防治所"]);
    expect(matcher.match("前年12月森林消防队、水政大队、公路段各出动了多少人次").map((mention) => mention.unit)).toEqual(["区森林消防专业队", "区水政监察大队", "区公路管理段"]);
  });

  it("keeps a compound name whole", () => {
    expect(deriveUnitAliases("市生态环境局上街分局")).toEqual([{ alias: "生态环境局上街分局", strength: "derived" }]);
    expect(deriveUnitAliases("区委编办")).toEqual([
      { alias: "编办", strength: "derived" },
      { alias: "上街区委编办", strength: "derived" },
    ]);
  });

  it("shortens streets and towns; a street name of three characters is a name wherever it stands", () => {
    expect(deriveUnitAliases("工业路街道")).toEqual([{ alias: "工业路", strength: "derived" }]);
    expect(createUnitMatcher({ units: ["工业路街道"] }).match("工业路企业服务日").map((mention) => mention.unit)).toEqual(["工业路街道"]);
    expect(deriveUnitAliases("峡窝镇")).toEqual([{ alias: "峡窝", strength: "weak" }]);
  });
});

describe("English unit names", () => {
  it("match whole words in any case, the longest name first", () => {
    const matcher = createUnitMatcher({ units: ["区公安局"], englishLines: ["# comment", "区公安局 = public security bureau; police"] });
    expect(matcher.match("What did the Public Security Bureau report?").map((mention) => [mention.unit, mention.alias])).toEqual([["区公安局", "Public Security Bureau"]]);
    expect(matcher.match("policemen")).toEqual([]);
  });
});

describe("parseUnitAliasLines", () => {
  it("reads canonical names, aliases and comments", () => {
    expect(parseUnitAliasLines(["# comment", "", "区公安局: 公安, 公安局，公安分局 # trailing", "区委编办：编办"])).toEqual(
      new Map([
        ["区公安局", ["公安", "公安局", "公安分局"]],
        ["区委编办", ["编办"]],
      ]),
    );
  });

  it("names the line that has no canonical name", () => {
    expect(() => parseUnitAliasLines(["区公安局: 公安", "公安局 公安"])).toThrow(AppError);
    expect(() => parseUnitAliasLines(["区公安局: 公安", "公安局 公安"])).toThrow("第 2 行“公安局 公安”缺少“单位全称:”");
  });

  it("the shipped dictionary parses and covers every unit seen in the bulletins", () => {
    const table = parseUnitAliasLines(aliasLines);
    expect(corpusUnits.filter((unit) => !table.has(unit))).toEqual([]);
  });
});

describe("createUnitMatcher: a bare word counted", () => {
  it("does not take a bare short name right before 有多少 as a unit: it is what is counted", () => {
    const matcher = createUnitMatcher({ units: ["区退役军人事务局", "区开放大学"] });
    expect(matcher.match("23年开放大学报名里退役军人有多少").map((mention) => mention.unit)).toEqual(["区开放大学"]);
    expect(matcher.match("退役军人今年报了啥").map((mention) => mention.unit)).toEqual(["区退役军人事务局"]);
  });
});
