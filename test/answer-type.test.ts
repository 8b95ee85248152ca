import { describe, expect, it } from "vitest";
import { askedParts, detectAnswerType } from "../src/query/answer-type.js";
import { isYesNoQuestion, readYesNoClaim } from "../src/query/yes-no-claim.js";
import { carriesValue, valuePhrases } from "../src/query/carries-value.js";
import { onlyPlans } from "../src/query/figure-scope.js";
import { countsAskedThing } from "../src/query/counted-thing.js";

describe("detectAnswerType: what value a question asks for", () => {
  it.each([
    ["夏季食品安全检查一共罚了多少钱", "money"],
    // "头几天" says when; the hazards are counted.
    ["工业路去年安全生产月头几天查出多少隐患", "number"],
    // 按比例 names a policy, not a share asked; 颗 counts teeth.
    ["残就所今年做按比例安排就业年审 审了多少家单位", "count"],
    ["窝沟封闭一共封了多少颗牙", "count"],
    ["基层应急抢险队员一个月补贴多少", "money"],
    ["医保码激活了多少人", "people"],
    ["电信诈骗发案数具体是多少起", "count"],
    ["安全生产隐患排查的整改率到多少了", "percent"],
    ["暑假维修改造要求几号之前完成", "date"],
    ["项目工期多久", "duration"],
    ["试点的是哪个小区", "name"],
    ["新增的6个病种都是哪些病", "list"],
    ["燃气报警器装了几个", "number"],
    ["区教育局做了哪些工作", undefined],
  ])("%s -> %s", (question, kind) => {
    expect(detectAnswerType(question)?.kind).toBe(kind);
  });
});

/** What a question asks for; `focus` is the topic the answerer adds from the question's keywords. */
const type = (question: string, focus?: string) => ({ ...detectAnswerType(question)!, ...(focus ? { focus } : {}) });

describe("carriesValue: a figure of another type is not an answer", () => {
  it("tells amounts, rates, people and measures apart, spaces between number and measure allowed", () => {
    expect(carriesValue("罚款 29.5 万元", type("罚了多少钱"))).toBe(true);
    expect(carriesValue("全区激活率达82.5%", type("激活了多少人"))).toBe(false);
    expect(carriesValue("惠及参保群众4300余人", type("激活了多少人"))).toBe(true);
    expect(carriesValue("发案数同比下降23.6%", type("发案数是多少起"))).toBe(false);
    expect(carriesValue("志愿服务组织达 228 支", type("志愿服务组织有几支"))).toBe(true);
    expect(carriesValue("要求8月28日前全部完工", type("几号之前干完"))).toBe(true);
  });

  it("takes a proper name of the asked kind, not a generic phrase or a name the question gave", () => {
    expect(carriesValue("新启用青檀初级中学，新增学位1350个", type("那所初中叫什么名字"))).toBe(true);
    expect(carriesValue("市级试点居民小区物业费收缴率从65%提升至98%", type("信托制物业试点的是哪个小区"))).toBe(false);
    expect(carriesValue("探索“信托制”物业改革，“五步议事法”在13个社区推广", type("信托制物业试点的是哪个小区"))).toBe(false);
  });

  it("requires the money or rate the question names, and a rate per unit when one is asked", () => {
    expect(carriesValue("发放培训补贴61.8万元", type("招聘会上岗位工资一般给多少"))).toBe(false);
    expect(carriesValue("办结率90.8%", type("帮企业贷款的利率是多少"))).toBe(false);
    expect(carriesValue("整改率96.4%", type("隐患整改率到多少了"))).toBe(true);
    expect(carriesValue("发放耕地地力保护补贴382.6万元", type("小麦种植补贴一亩多少钱"))).toBe(false);
    expect(carriesValue("按每亩120元发放种植补贴", type("小麦种植补贴一亩多少钱"))).toBe(true);
  });

  it("asks for the list, not the count, in 那9个村是哪几个", () => {
    expect(detectAnswerType("收入超50万的那9个村是哪几个")?.kind).toBe("list");
    expect(carriesValue("清查宅基地、厂房、校舍等资产", type("收入超50万的那9个村是哪几个"))).toBe(false);
    expect(carriesValue("东村、西村等9个村收入超过50万元", type("收入超50万的那9个村是哪几个"))).toBe(true);
    expect(detectAnswerType("电工组第一名是谁")?.kind).toBe("name");
    expect(detectAnswerType("合并以后新集团都叫啥名")).toMatchObject({ kind: "name", measure: "集团" });
    expect(carriesValue("组建“上街城投”等品牌，完成资产划转", type("合并以后新集团都叫啥名"))).toBe(false);
    expect(carriesValue("162名职工参加电工、焊工等6个工种比武", type("职工技能比武谁拿了第一"))).toBe(false);
    expect(carriesValue("聚焦工贸、危化品、燃气等重点行业领域", type("被处罚的那7家企业都是哪几家"))).toBe(false);
    expect(carriesValue("对华泰铝业、兴达机械等7家企业依法处罚", type("被处罚的那7家企业都是哪几家"))).toBe(true);
  });

  it("recognises yes/no questions", () => {
    expect(isYesNoQuestion("公安是不是搞过交通违法记分清零")).toBe(true);
    expect(isYesNoQuestion("退役军人事务局办过招聘会吗？")).toBe(true);
    expect(isYesNoQuestion("招聘会提供了多少个岗位")).toBe(false);
    expect(isYesNoQuestion("政务服务中心周末上不上班")).toBe(true);
  });

  it("reads the value a yes/no question checks, so that a passage with such a value answers it", () => {
    expect(readYesNoClaim("检察院开放日是不是六一当天办的")).toEqual({ existence: false, completion: false, value: { words: ["六一", "当天"], type: { kind: "date", label: "日期" } } });
    // A holiday before the words asking yes or no says when; it is no date to check.
    expect(readYesNoClaim("22年春节曲剧团下乡演出 有没有拿到上级的文化专项补助")).toEqual({ existence: true, completion: false });
    expect(readYesNoClaim("3·15宣传活动搞了20场没")?.value).toEqual({ words: ["20场"], type: { kind: "count", measure: "场", label: "数量（场）" } });
    // "…没有" at the end asks yes or no; a date it is to be done by ("到5月初") is no value to check.
    expect(readYesNoClaim("今年的一喷三防到5月初弄完没有")).toEqual({ existence: true, completion: true });
    expect(isYesNoQuestion("去年暑假托管班出过安全事故没有")).toBe(true);
    // A day that names an event is no figure to check.
    expect(readYesNoClaim("23年7·31那场暴雨 有没有伤亡")?.value).toBeUndefined();
    // A date the question opens on, or one before 有没有, says when; "…开馆的吗" asks about the date it names.
    expect(readYesNoClaim("22年9月底峡窝还有集体收入不到10万的薄弱村吗")?.value?.type.kind).toBe("number");
    expect(readYesNoClaim("23年7月底那场大暴雨 有没有人员伤亡")).toEqual({ existence: true, completion: false });
    expect(readYesNoClaim("6月1号开馆的吗")?.value?.type.kind).toBe("date");
    // "那8个" points at the stations; "都…了吗" asks whether all of them are.
    expect(readYesNoClaim("去年建的那8个地震烈度速报站 都接进省里系统了吗")).toEqual({ existence: true, completion: true });
    // "是不是比前一年高了" asks for the change, a figure said with 比 or 较.
    expect(readYesNoClaim("去年中招体育平均分是不是比前一年高了")?.value?.type).toEqual({ kind: "number", label: "增减变化", verb: "比", change: true });
    expect(readYesNoClaim("持证社工破400了没")?.value?.type.kind).toBe("number");
    expect(readYesNoClaim("退役军人事务局办过招聘会没")).toEqual({ existence: true, completion: false });
    expect(readYesNoClaim("招聘会提供了多少个岗位")).toBeUndefined();
    // "80岁以上" says whom it is about: the question checks whether it is free, not a figure.
    expect(readYesNoClaim("80岁以上老人去公证处办遗嘱是不是不要钱")?.value).toBeUndefined();
    expect(readYesNoClaim("60周岁及以上的能不能免费坐公交")?.value).toBeUndefined();
    // A year says when, not what to check; a number of years can still be the claim.
    // "整改完了没" asks whether all of it is done; "能弄完不" asks about a deadline ahead.
    expect(readYesNoClaim("21年汛前查出来那批水利隐患 整改完了没")).toEqual({ existence: true, completion: true });
    expect(readYesNoClaim("路灯修好了吗")?.completion).toBe(true);
    expect(readYesNoClaim("11月底前能弄完不")?.completion).toBe(false);
    expect(readYesNoClaim("2022年社工破400了没")?.value?.words).toEqual(["破400"]);
    expect(readYesNoClaim("老站长在岗干了20年没")?.value?.words).toEqual(["20年"]);
    // A holiday that frames the time ("春节前后") is no date checked.
    expect(readYesNoClaim("23年春节前后公路中心排查桥梁 有没有查出危桥")).toEqual({ existence: true, completion: false });
  });

  it("reads what staff ask for in their own words", () => {
    // 那几天 names a time, 招牌210块 counts signboards, 慰问金…每户多少 asks money per household.
    expect(detectAnswerType("强降雨那几天安置了多少人")?.kind).toBe("people");
    // 啥时候 asks a date as 什么时候 does; 几个小时 a duration, not a count.
    expect(detectAnswerType("夏夜守护行动啥时候开始搞的")?.kind).toBe("date");
    expect(detectAnswerType("寒假托管班一天托管几个小时")?.kind).toBe("duration");
    expect(carriesValue("规范沿街门店招牌210块", type("背街小巷整治花了多少钱"))).toBe(false);
    expect(type("慰问金标准是每户多少")).toMatchObject({ kind: "money", subject: "慰问金", perUnit: true });
    expect(carriesValue("发放慰问金和慰问物资折合87.5万元", type("慰问金标准是每户多少"))).toBe(false);
    expect(carriesValue("为每户发放慰问金500元", type("慰问金标准是每户多少"))).toBe(true);
    expect(carriesValue("以区人民医院为龙头，整合峡窝镇卫生院组建医共体", type("区人民医院院长叫啥"))).toBe(false);
    expect(carriesValue("开展“光荣在党50年”老兵走访活动", type("创业孵化基地在哪个位置"))).toBe(false);
    expect(carriesValue("基地位于工业路与淮阳路交叉口的科创大厦", type("创业孵化基地在哪个位置"))).toBe(true);
    expect(readYesNoClaim("垃圾回收利用率是不是超过三成了")?.value?.type.kind).toBe("percent");
    // Sizes asked without a measure word are answered in their own measures, not by any number.
    expect(carriesValue("修复破损路面3800平方米", type("修复的路面面积多大"))).toBe(true);
    expect(carriesValue("疏通雨水管网27公里", type("新建的公园面积多大"))).toBe(false);
    expect(carriesValue("疏通雨水管网27公里", type("管网修了多长"))).toBe(true);
    // The question word decides: 几家 asks a count even when 价格 is mentioned.
    expect(type("每天盯几家大超市的价格")).toMatchObject({ kind: "count", measure: "家" });
    // A fee charged is not a subsidy; a per-thing count needs a per-thing passage.
    expect(carriesValue("对80周岁以上老人每餐补贴3元", type("助餐点一顿饭收多少钱"))).toBe(false);
    expect(type("代办员一个月给多少报酬")).toMatchObject({ kind: "money", subject: "报酬", perUnit: true });
    expect(carriesValue("在34个社区建成微型消防站，配备灭火器等器材", type("每个站配了几个灭火器"))).toBe(false);
    expect(carriesValue("一次性补贴41726元", type("一次性补贴发了多少钱"))).toBe(true);
    // A count of 价格违法案件 is not answered by a count of 过期食品问题.
    expect(carriesValue("查处过期食品、标签不合格等问题23起", type("查处了多少起价格违法案件"))).toBe(false);
    expect(carriesValue("查处价格违法案件12起", type("查处了多少起价格违法案件"))).toBe(true);
    expect(readYesNoClaim("按期办结率是不是百分百")?.value?.type.kind).toBe("percent");
  });

  it("reads a ticket price, a building cost, wages and a bare subsidy as money of that thing", () => {
    // A museum's renovation sum is not its ticket price; a price per ticket is.
    expect(type("博物馆门票多少钱")).toMatchObject({ kind: "money", subject: "门票" });
    expect(carriesValue("博物馆提升改造投资860万元", type("博物馆门票多少钱"))).toBe(false);
    expect(carriesValue("成人票价每张30元", type("博物馆门票多少钱"))).toBe(true);
    expect(carriesValue("景区票价每张30元", type("一张票多少钱"))).toBe(true);
    expect(type("这个项目造价多少")).toMatchObject({ kind: "money", subject: "造价" });
    expect(carriesValue("项目总投资1.2亿元", type("这个项目造价多少"))).toBe(true);
    expect(carriesValue("带动就业120人，年产值3000万元", type("这个项目造价多少"))).toBe(false);
    // 挣 asks wages, unless the question names what was earned.
    expect(type("护工一个月挣多少")).toMatchObject({ kind: "money", subject: "挣", perUnit: true });
    expect(carriesValue("培训护工86名，上岗率92%", type("护工一个月挣多少"))).toBe(false);
    expect(type("种果树挣了多少产值")).toMatchObject({ kind: "money", subject: "产值" });
    expect(type("每人补多少")).toMatchObject({ kind: "money", subject: "补贴", perUnit: true });
    expect(type("补种了多少棵")).toMatchObject({ kind: "count", measure: "棵" });
  });

  it("reads a price asked as 啥价, a monthly wage, a fee counted and a list of companies as what must be given", () => {
    // A seed check's count of batches is no price per jin.
    expect(type("玉米种子一斤啥价")).toMatchObject({ kind: "money", perUnit: true });
    expect(carriesValue("检查种子经营门店36家，抽检种子样品58批次", type("玉米种子一斤啥价"))).toBe(false);
    expect(carriesValue("玉米种子零售价每斤28元", type("玉米种子一斤啥价"))).toBe(true);
    expect(type("岗位月薪一般给多少")).toMatchObject({ kind: "money", subject: "月薪" });
    expect(carriesValue("32家企业提供岗位560个", type("岗位月薪一般给多少"))).toBe(false);
    expect(carriesValue("岗位平均月薪4200元", type("岗位月薪一般给多少"))).toBe(true);
    // "收多少检验费": a fee, not the count of lifts checked.
    expect(type("一台收多少检验费")).toMatchObject({ kind: "money", subject: "检验费" });
    expect(carriesValue("计划检验电梯520台", type("一台收多少检验费"))).toBe(false);
    // "税费" is any tax: money, said however the report says it.
    expect(carriesValue("新增减税降费及退税缓费3.2亿元", type("减免了多少税费"))).toBe(true);
    // "来了哪些企业": their names, which a count of companies does not give.
    expect(type("招聘会都来了哪些企业 有名单吗")).toMatchObject({ kind: "list", measure: "企业" });
    expect(carriesValue("41家企业提供岗位720个", type("招聘会都来了哪些企业 有名单吗"))).toBe(false);
    expect(detectAnswerType("马固村是不是进了省里旅游重点村名单")).toBeUndefined();
    // Children, residents: a count of people, whatever the bulletin calls them.
    expect(type("托管班收了多少孩子")).toMatchObject({ kind: "people" });
    expect(carriesValue("开设托管班9个，托管学生412人", type("托管班收了多少孩子"))).toBe(true);
  });

  it("reads costs, rents, phone numbers, ages and people named before the question word as what must be given", () => {
    expect(type("项目成本多少")).toMatchObject({ kind: "money" });
    expect(type("公租房房租多少")).toMatchObject({ kind: "money", subject: "房租" });
    expect(carriesValue("公租房租金每平方米每月5元", type("公租房房租多少"))).toBe(true);
    expect(type("区教育局办公室电话多少")).toMatchObject({ kind: "name", measure: "电话" });
    expect(carriesValue("开通心理援助热线，全年接听来电1260个", type("心理援助热线电话是多少"))).toBe(false);
    expect(carriesValue("心理援助热线0371-68812345全天接听", type("心理援助热线电话是多少"))).toBe(true);
    expect(type("热线接的电话多少个")?.measure).not.toBe("电话");
    expect(type("参赛选手平均年龄")).toMatchObject({ kind: "count", measure: "岁" });
    expect(type("护林员几个")).toMatchObject({ kind: "people" });
    expect(carriesValue("聘用护林员46名，巡护面积2.3万亩", type("护林员几个"))).toBe(true);
  });

  it("asks a figure of each group named with 各, which a figure for both together does not give", () => {
    const each = type("初一和高一各计划筛多少人");
    expect(each.each).toEqual(["初一", "高一"]);
    expect(carriesValue("对全区初一、高一新生开展入学结核病筛查，计划筛查3960名", each)).toBe(false);
    expect(carriesValue("计划筛查初一新生2010名、高一新生1950名", each)).toBe(true);
    // School grades are groups, also named side by side without 和.
    expect(type("21年窝沟封闭 二年级和三年级各封了多少人").each).toEqual(["二年级", "三年级"]);
    expect(type("21年窝沟封闭 二年级三年级分别封了多少学生").each).toEqual(["二年级", "三年级"]);
    expect(carriesValue("对3126名学生完成窝沟封闭，共封闭牙齿1.16万颗", type("二年级三年级分别封了多少学生"))).toBe(false);
    // What is asked of the groups may stand between them and 各: a rate for both together answers neither.
    const rates = type("22年春季体检 小学和初中的肥胖检出率分开各是多少");
    expect(rates).toMatchObject({ kind: "percent", each: ["小学", "初中"] });
    expect(carriesValue("已完成体检的学生中，超重和肥胖检出率21.6%", rates)).toBe(false);
    // Years and units asked each are answered by their own reports.
    expect(type("23年和24年各多少").each).toBeUndefined();
    // "几家要参检": a modal verb after the measure is no thing counted.
    expect(type("社团一共几家要参检")).not.toHaveProperty("counted");
  });

  it("reads whether a figure came over a bar as asking the figures (超没超计划, 达没达到目标)", () => {
    expect(readYesNoClaim("职校今年录取人数超没超计划")?.value?.type.kind).toBe("people");
    // "招满了没": whether the figure reached the bar the report sets, which the figures say.
    expect(readYesNoClaim("实小今年一年级招满了没")?.value).toMatchObject({ words: [], type: { kind: "number" } });
    expect(readYesNoClaim("今年造林达没达到目标")?.value?.type.kind).toBe("number");
    expect(readYesNoClaim("今年造林有没有搞")?.value).toBeUndefined();
  });

  it("checks a claimed time of day only against a clock time, and asks the papers to bring as a list of them", () => {
    const claim = readYesNoClaim("前年铝城夜市是不是开到半夜12点");
    expect(claim?.value?.type.kind).toBe("time");
    expect(carriesValue("6月7日，铝城夜市第三季开市，入驻商户168家", claim!.value!.type)).toBe(false);
    expect(carriesValue("夜市每天18时至24时营业", claim!.value!.type)).toBe(true);
    expect(type("办个体营业执照要带哪些材料")).toMatchObject({ kind: "list", measure: "材料" });
    expect(carriesValue("营业执照、公章刻制、税务发票等事项1个工作日内办结", type("办个体营业执照要带哪些材料"))).toBe(false);
    expect(carriesValue("需携带身份证、经营场所证明等材料", type("办个体营业执照要带哪些材料"))).toBe(true);
  });

  it("counts rounds fired (几发) in 枚, and leaves 发放 a verb", () => {
    expect(type("两次人工降雨总共打了几发炮弹")).toMatchObject({ kind: "count", measure: "发" });
    expect(carriesValue("先后组织开展两轮人工增雨作业，共发射增雨火箭弹24枚", type("两次人工降雨总共打了几发炮弹"))).toBe(true);
    expect(type("补贴发放了多少")?.measure).toBeUndefined();
  });

  it("reads 实考 as what was done, though registration (报名) comes before it", () => {
    expect(valuePhrases("全区设考点3个、考场75个，报名考生2236人，实考2229人", type("23年中考实际到考多少人"))).toEqual(["实考2229人"]);
  });

  it("takes a part of a figure the question gives only from a clause that states that figure", () => {
    const asked = type("春风行动那场 现场达成意向的920人里头高校毕业生有多少");
    expect(asked.withinKnown).toBe(true);
    expect(carriesValue("为吸纳高校毕业生就业的214家企业发放一次性扩岗补助132.5万元，涉及高校毕业生883人", asked)).toBe(false);
    expect(carriesValue("现场达成就业意向920人，其中高校毕业生310人", asked)).toBe(true);
  });

  it("reads a count asked with no measure word by the thing after 多少, not by a money word later on", () => {
    // "多少独居老人" counts old people, whom a figure in 户 counts too; 免费 says nothing of money asked.
    expect(detectAnswerType("24年过年前矿山街道免费给多少独居老人装了烟感")).toMatchObject({ kind: "people", households: true });
    expect(carriesValue("为62户独居老人免费安装烟感报警器", detectAnswerType("24年过年前矿山街道免费给多少独居老人装了烟感")!)).toBe(true);
    expect(detectAnswerType("去年冬期施工检查，有多少项目被督促补发拖欠农民工工资")?.kind).toBe("number");
    expect(detectAnswerType("过年保供那会商务口每天盯多少大超市的粮油肉菜价格和库存")?.kind).toBe("number");
    expect(detectAnswerType("一顿饭收多少钱")?.kind).toBe("money");
    expect(detectAnswerType("23年三季度80岁以上老人的高龄补贴 发了多少人多少钱")?.kind).toBe("money");
    // The direction after the thing (下去) and what was done to it (被冲坏) are no part of it.
    expect(detectAnswerType("卫建委21年灾后防疫派了多少队伍下去")).toMatchObject({ kind: "number", counted: "队伍" });
    expect(detectAnswerType("21年7月下大雨以后，水利设施里护坡被冲坏的有多少？")).toMatchObject({ kind: "number", counted: "护坡" });
    // A phrase of its own naming a thing, then what was done to it, then 多少: the thing is counted.
    expect(detectAnswerType("21年入汛前水利排查 救生衣囤了多少")).toMatchObject({ kind: "number", counted: "救生衣" });
    expect(carriesValue("共发现堤防裂缝、溢洪道堵塞等隐患23处", detectAnswerType("21年入汛前水利排查 救生衣囤了多少")!)).toBe(false);
    expect(detectAnswerType("公安查了多少")?.counted).toBeUndefined();
    // When, or which batch, is not what is counted.
    expect(detectAnswerType("住建跟燃气公司上门查燃气 第一批查了多少")?.counted).toBeUndefined();
    expect(detectAnswerType("济源路街道改背街小巷前征求的居民意见 最后采纳了多少")?.counted).toBeUndefined();
    // Residents are counted by household as well: "涉及居民1260户" answers 涉及多少居民.
    expect(carriesValue("全区改造老旧小区12个，涉及居民1260户", detectAnswerType("中心路22年那批老旧小区改造 涉及多少居民")!)).toBe(true);
  });

  it("does not read what is counted across a space into the next part of the question", () => {
    const asked = type("上街发布粉丝 23年过年那会儿多少 去年过年多少");
    expect(asked.counted).toBeUndefined();
    expect(carriesValue("“上街发布”新媒体矩阵粉丝总量达41.7万", asked)).toBe(true);
  });

  it("reads a plan at the head of a figure's phrase where the figure stands, not where its digits first occur", () => {
    // The "2" of "矿山街道2个" is planned like the rest; the "2" of "2023年" is not that figure.
    const asked = type("23年计划改的那24个老旧小区 最后完工了几个");
    expect(carriesValue("2023年全区纳入改造计划的老旧小区24个（其中济源路街道9个、矿山街道2个）", asked)).toBe(false);
  });

  it("takes a figure that the next phrase ranks as what was asked (为单笔最大金额), not one said to be for someone", () => {
    const asked = { ...type("银企对接会 单笔最大授信多少"), focus: "银企对接会 单笔最大授信" };
    expect(carriesValue("其中，郑州恒拓铝业科技有限公司获得意向授信3000万元，为单笔最大金额", asked)).toBe(true);
  });

  it("takes the thesaurus words of what a rate is of for it (处理率 -> 处置率)", () => {
    const asked = type("平台报警的那些事 处理率多少");
    expect(asked.subject).toBe("处理率");
    expect(carriesValue("平台累计推送告警信息1.2万条，处置率98.7%", asked)).toBe(false);
    expect(carriesValue("平台累计推送告警信息1.2万条，处置率98.7%", { ...asked, synonyms: { 处理率: ["处置率"] } })).toBe(true);
  });

  it("takes the thesaurus words of what is counted for it (多少老师 -> 教师96名)", () => {
    const asked = type("教育局23年新进了多少老师");
    expect(carriesValue("通过公开招聘、人才引进等方式新补充教师96名", asked)).toBe(false);
    expect(carriesValue("通过公开招聘、人才引进等方式新补充教师96名", { ...asked, synonyms: { 老师: ["教师"] } })).toBe(true);
  });

  it("does not take things of a kind counted for their names (3家市场化运营集团)", () => {
    const asked = type("国资那4家一级企业合并成3家以后 新集团都叫啥名");
    expect(carriesValue("计划2023年底前将4家一级企业整合为3家市场化运营集团", asked)).toBe(false);
    expect(carriesValue("整合组建上街城发集团、上街产投集团", asked)).toBe(true);
  });

  it("reads 给补多少钱 as a subsidy, which a fee does not answer", () => {
    const asked = type("今年新增的托位 上面每个给补多少钱");
    expect(asked.subject).toBe("补贴");
    expect(carriesValue("普惠托位月收费不高于1500元", asked)).toBe(false);
  });

  it("takes an allowance (津贴, 补助) for the 补贴 asked", () => {
    expect(carriesValue("三季度为全区6983名80周岁以上老年人发放高龄津贴228.4万元", type("80岁以上老人的高龄补贴发了多少钱"))).toBe(true);
  });

  it("does not take a day or a time of day for how many", () => {
    expect(carriesValue("文化课考试将于6月26日至28日举行", type("中招文化课全区平均分多少"))).toBe(false);
    expect(carriesValue("于当日上午10时至10时33分组织防空警报试鸣", type("疏散演练参加了多少"))).toBe(false);
  });

  it("reads what is counted before 有多少 when no measure says it", () => {
    const asked = type("融媒那个微短剧 抖音上点赞有多少");
    expect(asked.counted).toBe("点赞");
    expect(carriesValue("原创微短剧《回家》在抖音平台播放量达310万次", asked)).toBe(false);
    expect(carriesValue("抖音平台点赞量12.6万", asked)).toBe(true);
    // "搞电诈的有几个": the same before 有几个, up to its 的.
    expect(type("公安抓的那些嫌疑人 搞电诈的有几个").counted).toBe("搞电诈");
    expect(carriesValue("抓获犯罪嫌疑人42名，其中破获电信网络诈骗案件11起", type("公安抓的那些嫌疑人 搞电诈的有几个"))).toBe(false);
    // A verb before the question word is not what is counted.
    expect(type("峡窝玉米一亩打多少").counted).toBeUndefined();
  });

  it("reads 一天 after a day named as that day's total, not a rate per day", () => {
    expect(type("三八节那天女性创业集市一天卖了多少钱").perUnit).toBeUndefined();
    expect(type("夜市一天能卖多少钱").perUnit).toBe(true);
    expect(carriesValue("32名女性创业者现场展销手工制品，当日销售额4.6万元", type("三八节那天女性创业集市一天卖了多少钱"))).toBe(true);
  });

  it("reads how many there were at a time (三年前几个, 现在有几家) as the stock, not what was added", () => {
    expect(detectAnswerType("村里的综合服务社 三年前几个")?.stock).toBe(true);
    expect(detectAnswerType("养老机构现在有几家")?.stock).toBe(true);
    expect(detectAnswerType("去年新建了几个综合服务社")?.stock).toBeUndefined();
    expect(carriesValue("今年全系统计划新建村级综合服务社4个", type("村里的综合服务社 三年前几个"))).toBe(false);
    expect(carriesValue("依托为农服务中心3个、村级综合服务社22个将农资直供到村", type("村里的综合服务社 三年前几个"))).toBe(true);
  });

  it("reads 交多少 at the end of a question as money, 交了多少份 as a count", () => {
    expect(detectAnswerType("26年度居民医保个人一年交多少")?.kind).toBe("money");
    expect(detectAnswerType("交了多少份材料")?.kind).toBe("count");
  });

  it("knows what a figure counts when the counted name stands right before it with a word between its parts", () => {
    expect(countsAskedThing("全区非遗代表性项目达47项", "非遗项目")).toBe(true);
    expect(countsAskedThing("开展读书讲座、阅读分享等活动80余场", "读书活动")).toBe(false);
    expect(countsAskedThing("对860名独居老人实行预警", "独居老人")).toBe(true);
    expect(countsAskedThing("其中预付式消费投诉218件", "预付卡投诉")).toBe(true);
    // A phrase that names what it counts is about it, whatever else the clause names.
    expect(carriesValue("全区29所中小学共申报作品1264件，其中科技创新成果386项", { ...type("24年科技创新大赛收了多少件作品")!, focus: "科技创新大赛 收 作品" })).toBe(true);
  });

  it("reads a Latin name before 总数 as what is counted (AED总数)", () => {
    expect(detectAnswerType("AED总数")).toMatchObject({ kind: "number", counted: "AED" });
  });

  it("reads 卖多少钱 as the price, 卖了多少钱 as the sales, and a rate's name through a bracketed aside", () => {
    expect(carriesValue("80周岁以上老人另享每餐3元至5元补贴", type("长者食堂的标准餐一份卖多少钱"))).toBe(false);
    expect(carriesValue("每份标准餐定价12元", type("长者食堂的标准餐一份卖多少钱"))).toBe(true);
    expect(carriesValue("现场销售农特产品8.6万元", type("展销会当天卖了多少钱"))).toBe(true);
    expect(carriesValue("毕业生就业（升学）率达97.4%", type("职教中心今年毕业生就业升学率是多少"))).toBe(true);
  });

  it("reads 多少块钱 as money, and what a person pays as 支付 or the price (定价)", () => {
    expect(detectAnswerType("一份饭多少块钱")?.kind).toBe("money");
    expect(carriesValue("每份标准餐定价12元，享受补贴后老人最低只需支付7元", type("老年食堂一份饭老人最少掏几块钱"))).toBe(true);
    expect(carriesValue("动员9家企业设立助餐爱心基金6.8万元", type("老年食堂一份饭老人最少掏几块钱"))).toBe(false);
  });

  it("takes the asked verb glued to what is counted (招生 for 招多少学生) for what it names", () => {
    expect(carriesValue("今年全区普通高中招生计划1650人", type("去年普高总共招多少学生"))).toBe(true);
    expect(carriesValue("今年全区普通高中考点3个，考场80个，考生2386人", type("去年普高总共招多少学生"))).toBe(false);
  });

  it("takes what is counted typed with its middle character wrong (加游机) for what it names", () => {
    expect(carriesValue("检定电子秤1460台、加油机286台", type("计量日那轮检查 检定了多少台加游机"))).toBe(true);
    expect(carriesValue("检定电子秤1460台", type("计量日那轮检查 检定了多少台加游机"))).toBe(false);
  });

  it("answers 几家 with places counted in 个, and 多少家企业 only in 家", () => {
    expect(carriesValue("目前，济源路街道已建成“长者食堂”6个", type("长者食堂总共开了几家"))).toBe(true);
    expect(carriesValue("组织检查组6个，对辖区企业开展排查", type("隐患排查查了多少家企业"))).toBe(false);
  });

  it("takes 来着 for a word asking again, not for the thing counted", () => {
    expect(type("去年春运全区客运一共发送旅客多少来着")).not.toHaveProperty("counted");
  });

  it("reads 几点 and 开放时间 as a time of day, which only a clock time answers", () => {
    expect(type("零工市场每天几点开门几点散场")).toMatchObject({ kind: "time" });
    expect(carriesValue("夜市每晚6点至11点营业", type("夜市开到几点"))).toBe(true);
    expect(carriesValue("2月18日零工市场开门迎客，匹配用工790人次", type("零工市场每天几点开门"))).toBe(false);
  });

  it("reads an allowance or a pension asked per person or per month as money, which a total paid does not answer", () => {
    expect(type("高龄津贴80岁以上的每人每月发多少")).toMatchObject({ kind: "money", subject: "津贴", perUnit: true });
    // A subsidy a month, asked as bare 多少, is money too.
    expect(type("网格员补贴一个月多少")).toMatchObject({ kind: "money", subject: "补贴", perUnit: true });
    expect(type("城乡居民养老保险 基础养老金现在每月多少")).toMatchObject({ kind: "money", subject: "养老金", perUnit: true });
    expect(carriesValue("三季度向7260名80周岁以上老年人发放高龄津贴341.8万元", type("高龄津贴80岁以上的每人每月发多少"))).toBe(false);
    expect(carriesValue("高龄津贴标准为每人每月100元", type("高龄津贴80岁以上的每人每月发多少"))).toBe(true);
  });

  it("reads 投资多大 as money, and 面积多大 as an area", () => {
    expect(type("产业园二期厂房总投资多大")).toMatchObject({ kind: "money", subject: "投资" });
    expect(type("厂房面积多大")).toMatchObject({ kind: "count", measure: "平方米" });
  });

  it("reads 多少分 as a score only where the question word ends there, not 多少分拣人员", () => {
    expect(type("中考体育考了多少分")).toMatchObject({ kind: "count", measure: "分" });
    expect(type("快递协会那年加了多少分拣人员")).toMatchObject({ counted: "分拣人员" });
    expect(carriesValue("协会协调会员企业临时增加分拣人员420名、运输车辆68辆", type("快递协会那年加了多少分拣人员"))).toBe(true);
  });

  it("reads 平均分 as a score and 多少度 as a temperature: a count of people is neither", () => {
    expect(type("去年中招文化课全区平均分多少")).toMatchObject({ kind: "count", measure: "分" });
    expect(carriesValue("全区中招报名考生2386人，设考点3个", type("去年中招文化课全区平均分多少"))).toBe(false);
    expect(carriesValue("文化课平均成绩512.6分，较上年提高8.3分", type("去年中招文化课全区平均分多少"))).toBe(true);
    expect(carriesValue("考试历时120分钟", type("考了多少分"))).toBe(false);
    expect(type("7月最热那天多少度")).toMatchObject({ kind: "count", measure: "℃" });
    expect(carriesValue("7月15日最高气温达40.2℃", type("7月最热那天多少度"))).toBe(true);
    expect(carriesValue("7月15日最高气温达40.2 摄氏度", type("7月最热那天多少度"))).toBe(true);
    expect(carriesValue("发布高温预警3次", type("7月最热那天多少度"))).toBe(false);
    expect(type("一年用了多少度电")?.measure).not.toBe("℃");
  });

  it("does not take a demonstrative 那几天 for the question word of what is counted", () => {
    expect(type("强降雨那几天开了几个避险安置点")).toMatchObject({ kind: "number", counted: "避险安置点" });
  });

  it("reads a terse 总数/个数/数 as how many of the thing before it", () => {
    expect(type("非遗项目总数")).toMatchObject({ kind: "number", counted: "非遗项目" });
    expect(type("站点个数")).toMatchObject({ kind: "number", counted: "站点" });
    expect(detectAnswerType("算数")).toBeUndefined();
  });

  it("ties a figure to the topic named in its phrase, though the question's verb glued on matches another phrase", () => {
    // The topic read as 数电发票开 also matches 数电发票开票户数; 数电发票 is named where 186.4万份 stands.
    const asked = { ...type("今年10月 税务局数电发票开了多少张"), focus: "税务局数电发票开" };
    expect(carriesValue("1—9月，全区开具数电发票186.4万份，同比增长41.6%，数电发票开票户数1.26万户", asked)).toBe(true);
  });

  it("does not take one day's or a holiday's figure for a year's", () => {
    const asked = type("马固村一年接待多少游客");
    expect(asked.perYear).toBe(true);
    expect(carriesValue("开幕当天接待游客1.2万人次", asked)).toBe(false);
    expect(carriesValue("2021年国庆假期，全镇接待游客3.8万人次", asked)).toBe(false);
    expect(carriesValue("7月8日，峡窝镇在马固村举办展销会，吸引游客5000余人次", asked)).toBe(false);
    expect(carriesValue("全年接待游客21万人次", asked)).toBe(true);
  });

  it("counts livestock in 头, 只 and 羽", () => {
    expect(type("计划给多少头猪打疫苗").measure).toBe("头");
    expect(type("养了多少只鸡").measure).toBe("只");
    expect(type("多少只有证的").measure).toBeUndefined();
  });

  it("reads a measure word that starts a noun as the noun (多少家禽, 多少部门)", () => {
    expect(type("秋季防疫计划给多少家禽打疫苗").measure).toBeUndefined();
    expect(type("有多少部门参与").measure).toBeUndefined();
    expect(type("多少家企业").measure).toBe("家");
  });

  it("counts in equivalent measures: 多少本书 is answered by 1500余册", () => {
    expect(carriesValue("换出图书1500余册", type("以书换蔬换出去多少本书"))).toBe(true);
    expect(carriesValue("演练11次", type("应急演练搞了几场"))).toBe(true);
    expect(carriesValue("帮助62户个体工商户转型为企业", type("帮多少家个体户转成公司了"))).toBe(true);
    expect(carriesValue("储备冲锋舟20艘、编织袋5.6万条", type("备了几条冲锋舟"))).toBe(true);
    expect(carriesValue("新增电梯6台", type("加了几部电梯"))).toBe(true);
    expect(carriesValue("参与群众3000人", type("以书换蔬换出去多少本书"))).toBe(false);
    // 颗 is typed for 棵 as often as it counts shells: trees planted in 株 answer "多少颗树", and rounds in 枚 still answer 几颗.
    expect(carriesValue("当天栽植侧柏、栾树等苗木6800株", type("植树节当天种了多少颗树"))).toBe(true);
    expect(carriesValue("销毁炮弹12枚", type("销毁了几颗炮弹"))).toBe(true);
  });

  it("reads a time asked with 多长 as a duration (15个工作日), and two years named as no span", () => {
    expect(detectAnswerType("老楼加电梯 审批时间压到多长了")?.kind).toBe("duration");
    expect(detectAnswerType("这条管子换了多长")?.kind).toBe("count");
    expect(carriesValue("审批时限压缩至15个工作日", type("审批时间压到多长了"))).toBe(true);
    expect(carriesValue("2020年至2021年，街道累计建成投用加装电梯31部", type("审批时间压到多长了"))).toBe(false);
  });

  it("does not take a figure for each one (每个班配备1名) for a total, and ends the people counted before the verb after them", () => {
    const children = type("22年暑假新安路那个护苗托管班收了多少孩子");
    expect(carriesValue("每个托管班配备1名社区专职管理员", children)).toBe(false);
    expect(carriesValue("目前共开设托管班9个，托管学生412人", children)).toBe(true);
    expect(carriesValue("每年接待游客12万人次", type("一年接待多少游客"))).toBe(true);
    expect(type("残联21年给多少个残疾小孩做了康复救助")).toMatchObject({ kind: "people", qualifier: "残疾" });
  });

  it("reads those newly found (新发现的糖尿病), a figure for each of several (那两个项目各自) and a share (赞成的占多少)", () => {
    const found = type("前年老年人体检 新发现的糖尿病有多少人");
    expect(found.newlyFound).toBe("糖尿病");
    expect(carriesValue("体检发现高血压患者4120人、糖尿病患者1860人，其中新发现高血压患者386人", found)).toBe(false);
    expect(carriesValue("其中新发现糖尿病患者112人", found)).toBe(true);
    const each = type("21年土地整治峡窝镇那两个项目 各自能新增多少耕地");
    expect(each.eachOf).toBe(true);
    expect(carriesValue("2021年，全区计划实施土地整治项目3个，建设规模4860亩，预计新增耕地312亩", each)).toBe(false);
    expect(carriesValue("东片项目新增耕地120亩、西片项目新增耕地86亩", each)).toBe(true);
    expect(type("济源路21年弄背街小巷之前挨家问意见 赞成的占多少").kind).toBe("percent");
    expect(type("耕地占多少亩").kind).toBe("count");
    expect(type("济源路21年整治的那16条背街小巷都是哪几条街")).toMatchObject({ kind: "list", measure: "街" });
  });

  it("reads anyone of a kind (自闭症小孩) as people, and a daily average (日均) as a figure per day", () => {
    expect(detectAnswerType("训练的自闭症小孩有几个")).toMatchObject({ kind: "people", qualifier: expect.stringContaining("闭症") });
    expect(carriesValue("目前在训残疾儿童68名，其中孤独症儿童26名", type("训练的自闭症小孩有几个"))).toBe(true);
    expect(carriesValue("全区巡游出租汽车日均出车248辆", type("巡游出租车每天平均出车多少辆"))).toBe(true);
    expect(carriesValue("全区现有巡游出租汽车326辆", type("巡游出租车每天平均出车多少辆"))).toBe(false);
  });

  it("ends what is counted before a verb done after it (多少家企业做了), and reads 了 at the end as asking what was done", () => {
    expect(type("律协的法治体检 23年和去年各给多少家企业做了")).toMatchObject({ kind: "count", counted: "企业", done: true });
    expect(type("几户困难户慰问了")).toMatchObject({ counted: "困难户" });
    // 家次 counts visits, a measure of its own, not 家.
    expect(type("23年春节旅协跟文广旅体局一块儿去查景区农家乐安全 一共查了多少家次").measure).toBe("家次");
    // The 一 of 一共 is no verb asked.
    expect(type("23年校园足球联赛小学女子组 一共多少名女生参赛").verb).not.toBe("一");
  });

  it("reads a part of a group named bare before 有 (困难户里面 残疾人家庭有几户) by what sets it apart, not by the group's last word", () => {
    const part = type("23年春节中心路慰问的困难户里面 残疾人家庭有几户");
    expect(carriesValue("节前，街道和社区干部走访慰问困难群众326户，其中低保家庭142户、特困人员18户", part)).toBe(false);
    expect(carriesValue("其中残疾人家庭40户", part)).toBe(true);
  });

  it("reads 每人…多少 as a figure for each one, which a total does not give", () => {
    const each = type("企业家协会去年金秋助学 考上本科的每人资助多少");
    expect(carriesValue("42家会员企业共捐资186万元，资助2025年考入大学的困难家庭学生236名", each)).toBe(false);
    expect(carriesValue("本科生每人资助5000元", each)).toBe(true);
  });

  it("reads 谁主持的 as asking who, and 什么品种 as asking a name, which a count does not give", () => {
    expect(type("那场讲座是谁主持的")).toMatchObject({ kind: "name", measure: "人" });
    const variety = type("示范田亩产最高的用的什么品种");
    expect(variety.kind).toBe("name");
    expect(carriesValue("展示品种30个，其中节水抗旱品种12个", variety)).toBe(false);
  });

  it("does not answer a cost asked with a subsidy towards it, unless a subsidy is asked", () => {
    const phrase = "对符合条件的加装电梯项目每部给予财政补助20万元";
    const cost = { ...type("老楼装一部电梯总共得花多少"), focus: "老楼装一部电梯总共得花" };
    expect(carriesValue(phrase, cost)).toBe(false);
    expect(carriesValue(phrase, { ...type("加装电梯每部补多少钱"), focus: "加装电梯每部补" })).toBe(true);
    expect(carriesValue("加装一部电梯总费用约60万元", cost)).toBe(true);
  });

  it("ties the figure to the thing named last of two named as fully (口述史料, not 红色资源)", () => {
    const asked = { ...type("党史室21年做红色资源普查 顺带整理的口述史料有几篇"), focus: "做红色资源普查 顺带整理的口述史料有" };
    expect(carriesValue("组织对全区红色资源点开展普查，确认红色资源点23处，其中新发现5处，整理口述史料36篇", asked)).toBe(true);
  });

  it("reads what happened on the date asked (哪天开通的), which a date of something else does not answer", () => {
    const opened = type("去年狗证线上登记是哪天开通的");
    expect(opened.happened).toBe("开通");
    expect(carriesValue("5月6日至6月30日集中登记免疫期间，全区共办理犬只登记4260只", opened)).toBe(false);
    expect(carriesValue("4月1日起，犬只登记开通线上办理", opened)).toBe(true);
    // An end is said by the day a thing runs to; a verb for doing anything (搞) says nothing.
    expect(carriesValue("活动持续至6月26日", type("22年那个消夏文旅节办到几号结束"))).toBe(true);
    expect(type("那次实战演练是几号搞的").happened).toBeUndefined();
  });

  it("does not take a group of the question (小学男子组), schools of two kinds (中小学), a kind counted or 科学 for a name", () => {
    const school = type("23年校园足球联赛 小学男子组冠军是哪个学校");
    expect(carriesValue("联赛设小学男子组、小学女子组、初中男子组、高中男子组4个组别", school)).toBe(false);
    expect(carriesValue("区足球协会、区教育局联合举办2023年全区中小学生校园足球联赛", school)).toBe(false);
    expect(carriesValue("全区现有校园足球特色学校12所，其中国家级3所", school)).toBe(false);
    expect(carriesValue("小学男子组冠军为青檀小学", school)).toBe(true);
    expect(carriesValue("区农业科学研究所在峡窝镇建设小麦新品种展示示范田360亩", type("亩产最高的那个小麦品种叫啥名"))).toBe(false);
  });
});

describe("carriesValue: the figure must be of the thing and the scope asked", () => {

  it("does not take a figure the question gives itself", () => {
    const asked = type("财政局争取的那7.3亿专项债，老旧小区改造分到多少");
    expect(carriesValue("全年争取新增政府专项债券资金7.3亿元，支持灾后重建、老旧小区改造等16个项目建设", asked)).toBe(false);
    expect(carriesValue("专项债券资金7.3亿元中，老旧小区改造安排1.2亿元", asked)).toBe(true);
  });

  it("reads a holiday or a span named as asking its whole, which a figure ranked as one day's does not give", () => {
    const summer = type("22年暑假规划馆接待了多少人次");
    expect(summer.whole).toBe(true);
    expect(carriesValue("7月16日接待680人次，为暑期单日最高", summer)).toBe(false);
    expect(carriesValue("7月1日至8月16日，区规划展览馆共接待参观群众1.12万人次", summer)).toBe(true);
    // The busiest day asked is one day.
    expect(type("22年暑假规划馆哪天人最多 那天接待了多少").whole).toBeUndefined();
  });

  it("asks which villages (哪几个村) and which indicators (具体是哪些指标) by their names, which a count does not give", () => {
    const villages = type("22年春节曲剧团下乡都去了峡窝镇哪几个村");
    expect(villages).toMatchObject({ kind: "list", measure: "村" });
    expect(carriesValue("深入峡窝镇12个行政村和5个街道的8个社区演出24场", villages)).toBe(false);
    expect(carriesValue("先后走进东村、西村、北村等村演出", villages)).toBe(true);
    const indicators = type("22年一季度食品抽检不合格的那些 具体是哪些指标超标了");
    expect(indicators).toMatchObject({ kind: "list", measure: "指标" });
    expect(carriesValue("计划抽检节令食品、网红食品等200批次，发现不合格2批次", indicators)).toBe(false);
    // A word for anything listed (活动, 措施) names no kind the list must be of.
    expect(type("都是哪些活动")).toMatchObject({ kind: "list" });
    expect(type("都是哪些活动")).not.toHaveProperty("measure");
  });

  it("takes what a plan is to achieve as a plan (计划完成改造720户)", () => {
    expect(onlyPlans("今年峡窝镇计划完成农村清洁取暖改造720户")).toBe(true);
    expect(onlyPlans("截至11月18日，已完成改造596户")).toBe(false);
    expect(onlyPlans("协会计划年底前为150家企业完成“法治体检”")).toBe(true);
  });

  it("finds the value's subject with a word inside it (成交额 in 成交金额)", () => {
    expect(carriesValue("共组织农村产权交易86宗，成交金额3420万元", type("产权交易中心23年前10个月成交额多少钱"))).toBe(true);
  });

  it("does not answer a stock with what was added, nor a whole with one day of it", () => {
    expect(carriesValue("全年新设立经营主体4862户", type("全区经营主体现在总共有多少户"))).toBe(false);
    expect(carriesValue("全区经营主体达3.2万户，其中新设立4862户", type("全区经营主体现在总共有多少户"))).toBe(true);
    expect(carriesValue("开幕当天接待游客1.2万人次", type("消夏文旅节整个活动期间一共来了多少游客"))).toBe(false);
    expect(carriesValue("活动期间累计接待游客8.6万人次", type("消夏文旅节整个活动期间一共来了多少游客"))).toBe(true);
    // "加起来" asks the whole as "一共" does.
    expect(carriesValue("开幕当天接待游客1.2万人次", type("消夏文旅节加起来来了多少游客"))).toBe(false);
  });

  it("does not answer one month with a half year, nor a count of things with a count of other things", () => {
    expect(carriesValue("上半年累计完成投资52.4亿元", type("重点项目7月份单月完成投资多少"))).toBe(false);
    expect(carriesValue("设置非遗展演、亲子研学等6项主题活动", type("文旅节一共来了多少游客"))).toBe(false);
  });

  it("takes a figure said of the named thing, not of another one in the same sentence", () => {
    const asked = type("工业路签的那个智能仓储物流中心项目投资多少", "工业路 智能仓储物流中心项目");
    expect(carriesValue("新签约项目3个，总投资7.2亿元，其中铝精深加工产业园项目投资4.5亿元，智能仓储物流中心、新能源汽车零部件2个项目均已完成立项备案", asked)).toBe(false);
    expect(carriesValue("签约智能仓储物流中心项目，总投资5亿元", asked)).toBe(true);
    expect(carriesValue("投资3000万元，新建智能仓储物流中心", asked)).toBe(true);
    // The phrase before names another subsidy: its households are not the asked one's.
    const subsidy = type("耕地地力保护补贴惠及多少户", "耕地地力保护补贴 惠及");
    expect(carriesValue("向529户实际种粮农户发放一次性补贴41726元，发放耕地地力保护补贴382.6万元", subsidy)).toBe(false);
    expect(carriesValue("向1200户农户发放耕地地力保护补贴382.6万元", subsidy)).toBe(true);
    // The phrase before counts other households.
    const living = type("暖冬行动走访的困难群众里，独居老人有多少户", "暖冬行动走访的困难群众里 独居老人");
    expect(carriesValue("为47户老旧住户免费检修取暖设施，为130名独居老人安装燃气报警器", living)).toBe(false);
    expect(carriesValue("排查独居老人家庭86户，为独居老人安装燃气报警器", living)).toBe(true);
  });

  it("keeps apart a part set aside, the state before a change, and a plan from what was done", () => {
    expect(carriesValue("重点人群签约2.14万人", type("家庭医生总共签了多少人？不光重点人群，全区总数"))).toBe(false);
    expect(carriesValue("全区累计签约8.6万人", type("家庭医生总共签了多少人？不光重点人群，全区总数"))).toBe(true);
    expect(carriesValue("收入超过50万元的村增至9个", type("收入超50万的村之前是几个"))).toBe(false);
    expect(carriesValue("收入超过50万元的村由5个增至9个", type("收入超50万的村之前是几个"))).toBe(true);
    expect(carriesValue("新入“四上”企业奖励应发410万元", type("四上企业奖励最后实际发下去多少钱"))).toBe(false);
    expect(carriesValue("新入“四上”企业奖励410万元已全部发放到位", type("四上企业奖励最后实际发下去多少钱"))).toBe(true);
    expect(carriesValue("新入“四上”企业奖励应发410万元", type("四上企业奖励发多少钱"))).toBe(true);
    // A plan asked is answered by the plan's figure, not by what was done.
    const plan = type("林业开年计划营造林多少亩");
    expect(carriesValue("全区完成营造林4860亩", plan)).toBe(false);
    expect(carriesValue("计划全年完成营造林4500亩", plan)).toBe(true);
    expect(carriesValue("新造林任务初步确定为1600亩", plan)).toBe(true);
    // A plan opening the clause covers its later figures, unless one is said done.
    const road = type("农村公路项目年底实际修完多少公里");
    expect(carriesValue("2023年计划实施农村公路建设项目9个，建设里程42.3公里", road)).toBe(false);
    expect(carriesValue("计划建设里程42.3公里，实际完成45.1公里", road)).toBe(true);
    const city = type("推荐去市里评最美家庭的，最后评上了几户");
    expect(carriesValue("评选区级“最美家庭”30户，推荐3户家庭参评市级“最美家庭”", city)).toBe(false);
    expect(carriesValue("推荐的3户家庭中，2户获评市级“最美家庭”", city)).toBe(true);
  });

  it("takes the part 其中 singles out when the question names that part", () => {
    const clause = "全区公务用车212辆，其中新能源汽车87辆，占比41.0%";
    expect(valuePhrases(clause, type("公务用车里新能源车占多少", "公务用车里新能源车占"))).toContain("其中新能源汽车87辆");
    expect(valuePhrases(clause, type("公务用车里燃油车占多少", "公务用车里燃油车占"))).not.toContain("其中新能源汽车87辆");
  });

  it("knows the counted thing by the character right before the figure", () => {
    expect(carriesValue("在马固村流转土地 420 亩发展设施蔬菜", type("禾丰源在马固村流转了多少亩地种菜"))).toBe(true);
  });

  it("does not answer a whole year with part of it", () => {
    expect(carriesValue("2022年上半年累计完成投资52.4亿元", type("重点项目全年最后完成投资多少"))).toBe(false);
    expect(carriesValue("全年累计完成投资96.1亿元", type("重点项目全年最后完成投资多少"))).toBe(true);
    expect(carriesValue("截至2月18日，全区已举办各类招聘会15场", type("前年一整年一共办了多少场招聘会"))).toBe(false);
  });

  it("reads 补贴…发多少 as money, 每个人 and 每一批 as per unit, and 掏多少钱 as what the asker pays", () => {
    const heating = type("民政去年冬天发的取暖补贴 每个人能领多少");
    expect(heating).toMatchObject({ kind: "money", perUnit: true });
    expect(carriesValue("发放冬季取暖补贴86.7万元，惠及2890人", heating)).toBe(false);
    expect(carriesValue("按每人每月200元发放取暖补贴", heating)).toBe(true);
    expect(carriesValue("分三批发放政府消费券200万元", type("消费券每一批发了多少"))).toBe(false);
    const meal = type("助餐点一份饭老人自己要掏多少钱");
    expect(carriesValue("对80周岁以上老人每餐补贴3元", meal)).toBe(false);
    expect(carriesValue("老人每餐自付5元", meal)).toBe(true);
  });

  it("reads 利润多少 as money of 利润, which revenue does not answer", () => {
    const profit = type("前三季度区属国企利润多少");
    expect(profit).toMatchObject({ kind: "money", subject: "利润" });
    expect(carriesValue("区属国有企业实现营业收入6.84亿元", profit)).toBe(false);
    expect(carriesValue("实现利润总额4870万元", profit)).toBe(true);
  });

  it("takes a word for the same pay as the thing paid", () => {
    expect(carriesValue("为296名农民工追发工资2370万元", type("帮农民工要回多少工钱"))).toBe(true);
    expect(carriesValue("发放慰问物资折合9.6万元", type("帮农民工要回多少工钱"))).toBe(false);
  });

  it("reads minutes and seconds as a duration", () => {
    expect(carriesValue("平均疏散用时 6 分 40 秒", type("疏散平均用了多长时间"))).toBe(true);
  });

  it("takes a count of the thing asked in another counting word, only right after the thing", () => {
    expect(carriesValue("发布雷电、大风预警信号 6 次", type("三夏服务发了多少条预警"))).toBe(true);
    expect(carriesValue("围绕群众建议开展座谈 6 次", type("收到多少条建议"))).toBe(false);
    expect(carriesValue("建成光伏电站 6 座", type("发了多少条预警"))).toBe(false);
  });

  it("does not give a list's total for one thing of the list", () => {
    const trees = type("22年义务植树种了多少棵国槐", "义务植树 种 国槐");
    expect(carriesValue("栽植侧柏、国槐、石楠等苗木9.6万株", trees)).toBe(false);
    expect(carriesValue("栽植侧柏、国槐、石楠等苗木9.6万株，其中国槐2.1万株", trees)).toBe(true);
    const meals = type("社工部光助餐服务搞了多少场", "光助餐服务搞");
    expect(carriesValue("开展助餐、陪读、课后托管等服务365场次", meals)).toBe(false);
    // Two of the list, or one given as an example, ask for the whole.
    expect(carriesValue("开展助餐、陪读、课后托管等服务365场次", type("助餐陪读这些服务搞了多少场", "助餐 陪读这些服务搞"))).toBe(true);
    expect(carriesValue("引入非遗传承人、退休教师等校外人员74名", type("像非遗传承人那种，一共请了几个", "像非遗传承人那种 请"))).toBe(true);
    // A figure of what holds the listed things still counts it: "18家商超的粮油、肉类".
    expect(carriesValue("对18家重点商超的粮油、肉类、蔬菜等价格和库存实行每日监测", type("每天盯几家超市的粮油价格", "每天盯 超市的粮油价格"))).toBe(true);
    // A thing that is the list's kind, not one of its things: "纠纷" in "物业纠纷、邻里矛盾等".
    expect(carriesValue("化解物业纠纷、邻里矛盾等194起", type("化解了多少起纠纷", "化解 纠纷"))).toBe(true);
    // "工资补偿" names 工资 whole and 经济补偿 by its end: both things of the list, so the list's figure.
    expect(carriesValue("为劳动者追回工资、经济补偿等862万元", type("给劳动者追回工资补偿多少钱", "给劳动者追回工资补偿"))).toBe(true);
    expect(carriesValue("开发社区保洁、秩序维护、助老服务等公益性岗位28个", type("家门口就业服务站 开发了几个公益性岗位", "家门口就业服务站 开发 公益性岗位"))).toBe(true);
  });

  it("does not count with an ordinal (第23个, 第2届)", () => {
    expect(carriesValue("9月16日是第23个全民国防教育日", type("国防教育日那次参加了多少"))).toBe(false);
    expect(carriesValue("峡窝镇第2届桃花节开幕", type("桃花节来了多少"))).toBe(false);
    expect(carriesValue("参演师生和群众1.06万人", type("国防教育日那次参加了多少"))).toBe(true);
  });

  it("counts things with a count, not with how long or how much more", () => {
    const calls = type("今年7月12345一共接了多少诉求", "12345 接 诉求");
    expect(carriesValue("一是推行“接诉即办”。对紧急诉求10分钟内派单、30分钟内联系群众。", calls)).toBe(false);
    expect(carriesValue("对紧急诉求同比增长6.3%", calls)).toBe(false);
    expect(carriesValue("7月份，区12345热线服务中心共受理群众诉求9480件", calls)).toBe(true);
  });

  it("reads a day of a month as a date, a yearly total as a yearly amount, and 那几个 as no count", () => {
    expect(carriesValue("11月4日，区统计局举办统计业务培训班", type("年报培训班办了几天"))).toBe(false);
    expect(carriesValue("年度计划投资92.4亿元", type("重点项目一年计划投多少钱"))).toBe(true);
    expect(detectAnswerType("网上年货节请的那几个带货主播都叫啥")).toMatchObject({ kind: "name", measure: "人" });
    expect(carriesValue("邀请9名网络主播带货", type("网上年货节请的那几个带货主播都叫啥"))).toBe(false);
  });

  it("requires what a share is of", () => {
    expect(carriesValue("基层医疗机构门诊量同比增长12.7%", type("门诊慢特病报销比例是多少"))).toBe(false);
    expect(carriesValue("门诊慢特病报销比例提高到70%", type("门诊慢特病报销比例是多少"))).toBe(true);
  });
});

describe("carriesValue: what a count counts", () => {
  it("takes the counted thing as the passage words it, one character apart", () => {
    const asked = type("助餐点帮了多少老人");
    expect(carriesValue("为辖区300名老年人提供助餐服务", asked)).toBe(true);
    expect(carriesValue("设置助餐点12个", asked)).toBe(false);
  });
});

describe("detectAnswerType: colloquial measures and rates", () => {
  it("reads 同比降了多少 as a rate and 多少棵 as a count answered in 株", () => {
    expect(detectAnswerType("治安警情同比降了多少？")?.kind).toBe("percent");
    expect(carriesValue("栽植侧柏、国槐等苗木9.6万株", type("一共栽了多少棵苗"))).toBe(true);
    expect(carriesValue("各级河长累计巡河2860次", type("河长巡了多少趟"))).toBe(true);
  });
});

describe("askedParts: a question asking for several values", () => {
  it("gives each part with the value it asks for, and nothing for a question with one", () => {
    expect(askedParts("80岁以上的吃一顿补几块钱，一天大概供多少份饭？").map((part) => part.type.kind)).toEqual(["money", "count"]);
    expect(askedParts("区农委落实了多少亩小麦")).toEqual([]);
  });
});

describe("detectAnswerType: sales and output are amounts of money the passage must name", () => {
  it("does not answer 成交额 with the amount of vouchers handed out", () => {
    const asked = type("网上年货节最后成交额多少");
    expect(asked.kind).toBe("money");
    expect(carriesValue("分三批发放政府消费券200万元", asked)).toBe(false);
    expect(carriesValue("线上成交额达1.3亿元", asked)).toBe(true);
  });
});

describe("carriesValue: shares, levels, rates and limits as reports write them", () => {
  it("reads a fraction, a ratio and a figure said as a 比例 as a share", () => {
    expect(carriesValue("放映片单中科教片、戏曲片占比不低于三分之一", type("片单里科教片戏曲片要占多少比例"))).toBe(true);
    expect(carriesValue("每批次按1名教师带20名学生的比例配备带队教师", type("带队老师跟学生按啥比例配的"))).toBe(true);
    expect(carriesValue("放映队增至6支", type("片单里科教片戏曲片要占多少比例"))).toBe(false);
  });

  it("answers a level asked with a share", () => {
    expect(carriesValue("2021年全区居民健康素养水平为24.6%", type("21年全区居民健康素养水平是多少"))).toBe(true);
  });

  it("names a rate by its stem before the figure, and through one mistyped character", () => {
    expect(carriesValue("已检验438台，完成97.3%", type("拖拉机年检完成率多少呢"))).toBe(true);
    expect(carriesValue("在治患者规范管理率96.8%", type("在治的病人规范管里率是多少来着"))).toBe(true);
    expect(carriesValue("初审合格率69.8%", type("拖拉机年检完成率多少呢"))).toBe(false);
  });

  it("answers a limit asked only with a limit stated, not with a total lent", () => {
    const asked = type("创业担保贷款个人最多能贷多少万");
    expect(carriesValue("共审核发放创业担保贷款126笔、2310万元", asked)).toBe(false);
    expect(carriesValue("个人创业担保贷款最高可申请30万元", asked)).toBe(true);
    expect(detectAnswerType("单日最多接待多少人次")?.cap).toBeUndefined();
  });

  it("takes things listed before their count as the names asked", () => {
    expect(carriesValue("其中今年新增智能制造技术、养老服务管理2个专业", type("开放大学去年新增的两个专业叫啥来着"))).toBe(true);
    expect(carriesValue("开设专业17个", type("开放大学去年新增的两个专业叫啥来着"))).toBe(false);
  });
});

describe("detectAnswerType: orders counted in 单", () => {
  it("reads 多少单 as a count in 单, and 多少单位 as no such count", () => {
    const asked = type("23年清明那阵殡仪馆免费帮人代祭扫，一共接了多少单啊");
    expect(asked.measure).toBe("单");
    expect(carriesValue("免费提供代祭扫服务126单", asked)).toBe(true);
    expect(carriesValue("骨灰堂共接待祭扫群众4.6万人次", asked)).toBe(false);
    expect(detectAnswerType("多少单位参加了")?.measure).toBeUndefined();
    // Orders and cases go by 单 in speech, by 件 or 笔 in reports.
    expect(carriesValue("办理“带押过户”126件", type("带押过户办了几单"))).toBe(true);
  });
});

describe("detectAnswerType: calls, levels, how a figure was got, and whether something costs", () => {
  it("reads 多少通电话 as a count in 通, answered by calls counted in 个", () => {
    const asked = type("21年上半年家庭教育那个咨询热线接了多少通电话");
    expect(asked.measure).toBe("通");
    expect(carriesValue("开通家庭教育咨询热线，上半年接听咨询来电620个", asked)).toBe(true);
    expect(detectAnswerType("发了多少通知")?.measure).toBeUndefined();
  });

  it("takes a satisfaction level as what is asked, whatever way it was got (测出来)", () => {
    expect(carriesValue("今年居民满意度测评结果为91.6%", type("新安路今年红色物业居民满意度测出来是多少"))).toBe(true);
  });

  it("asks no sum of money when a yes/no question asks whether something costs", () => {
    expect(detectAnswerType("精神卫生中心那个心理援助热线，打进去收费吗")).toBeUndefined();
    expect(detectAnswerType("心理援助热线收费标准是多少")?.kind).toBe("money");
  });

  it("answers a limit asked with what can be done (可加开…60班)", () => {
    expect(carriesValue("客流高峰日可加开班次60班", type("今年春运客流高峰那天最多能加开几个班"))).toBe(true);
  });
});

describe("carriesValue: the year so far", () => {
  it("takes a figure said of the year so far as the year's, though a day opens the clause", () => {
    const asked = type("21年送戏下乡全年下来观众一共多少人次");
    expect(carriesValue("11月2日，区豫剧团完成年度第120场“送戏下乡”演出，今年“送戏下乡”累计观众7.2万人次", asked)).toBe(true);
    expect(carriesValue("6月8日晚，区豫剧团在文化广场举办专场演出，观众1500余人次", asked)).toBe(false);
  });
});

describe("detectAnswerType: how to get something done", () => {
  it("asks the way (去哪办, 怎么申请, 要带啥材料), which only a clause telling it answers", () => {
    const asked = type("单位停车证去哪办");
    expect(asked.label).toBe("办理方式");
    expect(carriesValue("居民可通过“上街办”小程序申请临时停车证", asked)).toBe(true);
    expect(carriesValue("新增临时停车泊位120个", asked)).toBe(false);
    expect(detectAnswerType("这事咋办")).toBeUndefined();
  });
});

describe("detectAnswerType: people and sums as staff call them", () => {
  it("counts 小娃 as people, and takes 成交金额 for 交易额", () => {
    expect(detectAnswerType("23年秋天新入托的小娃有多少")?.kind).toBe("people");
    expect(carriesValue("共组织交易128宗，成交金额5260万元", type("去年农村产权交易平台交易额多少钱"))).toBe(true);
  });
});
