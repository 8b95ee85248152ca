/** How much an alias is trusted: weak ones are bare words (公安, 矿山) that need clean boundaries. */
export type AliasStrength = "canonical" | "listed" | "derived" | "weak";

// Bare words that are common nouns first and unit names only by accident.
const WEAK_STOPLIST = new Set(["政府", "组织", "工作", "发展", "管理", "服务", "中心", "上街", "机关", "人民"]);

/** Kinds of unit that staff name without the word before the kind: 管理段 as 段, 处理厂 as 厂, 图书馆 as 馆. */
const WORD_BEFORE_KIND: readonly (readonly [string, string])[] = [["管理段", "段"], ["处理厂", "厂"], ["图书馆", "馆"]];

/** Aliases any canonical name implies: without 区委/区/市, without 局/部/办, X街道 -> X, plus 上街区 forms. */
export function deriveUnitAliases(canonical: string): { alias: string; strength: AliasStrength }[] {
  const derived: { alias: string; strength: AliasStrength }[] = [];
  const add = (alias: string, strength: AliasStrength) => {
    if (alias.length >= 2 && alias !== canonical) derived.push({ alias, strength });
  };
  const prefix = /^(区委|区|市)/.exec(canonical)?.[0];
  const bare = prefix ? canonical.slice(prefix.length) : canonical;
  if (prefix) add(bare, "derived");
  if (prefix === "区委" || prefix === "区") add(`上街${canonical}`, "derived");
  // Only a simple name loses its suffix (疾控中心 -> 疾控, 城投集团 -> 城投): 市生态环境局上街分局 must not become 生态环境局上街分.
  // 供电公司 -> 供电, 邮政分公司 -> 邮政, 公证处 -> 公证, 消防救援大队 -> 消防救援.
  // 眼科医院 -> 眼科: a 医院 loses its suffix whole, not 院 alone (眼科医); 第三人民医院 has no such short name.
  const suffixless = /^(.+?)(?:医院|[局部办委馆院社站所协处室]|中心|集团|管委会|分公司|公司|大队|专业队)$/.exec(bare)?.[1];
  if (prefix && suffixless && !/[局部办分委]|上街|^第/.test(suffixless) && !WEAK_STOPLIST.has(suffixless)) {
    add(suffixless, "weak");
    if (bare.endsWith("分公司")) add(`${suffixless}公司`, "derived");
    // 森林消防专业队 -> 森林消防队: a 专业队 is a 队.
    if (bare.endsWith("专业队")) add(`${suffixless}队`, "derived");
    // 住房保障中心 -> 住保中心, 住保: two words of two characters shortened to their first characters.
    if (/^[\u4e00-\u9fff]{4}$/.test(suffixless)) {
      const short = `${suffixless[0]}${suffixless[2]}`;
      if (!WEAK_STOPLIST.has(short)) {
        add(short, "weak");
        add(`${short}${bare.slice(suffixless.length)}`, "derived");
      }
    }
    // 结核病防治所 -> 结防所, 房地产交易中心 -> 房交中心: a word of three characters and one of two, likewise.
    if (/^[\u4e00-\u9fff]{5}$/.test(suffixless) && /^(?:[所站院队]|中心)$/.test(bare.slice(suffixless.length)) && !/(?:管理|事务|服务|指挥|推广|监察|研究)$/.test(suffixless)) add(`${suffixless[0]}${suffixless[3]}${bare.slice(suffixless.length)}`, "derived");
    // 应急管理局 -> 应急: staff drop 管理 as they drop 局.
    // 退役军人事务局 -> 退役军人: likewise 事务.
    // 烟草专卖局 -> 烟草局: and 专卖.
    // 急救指挥中心 -> 急救中心, 农技推广站 -> 农技站: and 指挥, 推广; 公共自行车服务中心 -> 公共自行车: and 服务.
    // 养犬管理服务中心 -> 养犬中心: two such words in a row go together; 党史研究室 -> 党史室, 节能监察中心 -> 节能中心.
    const core = /^(.{2,}?)(?:管理|事务|专卖|指挥|推广|服务|监察|研究)+$/.exec(suffixless)?.[1];
    if (core && !WEAK_STOPLIST.has(core)) {
      add(core, "weak");
      // 救助管理站 -> 救助站, 应急管理局 -> 应急局: the kind of unit kept, 管理 dropped.
      add(`${core}${bare.slice(suffixless.length)}`, "derived");
      // 城市照明管理所 -> 照明所, 城市排水管理所 -> 排水所: 城市 goes as 区 does.
      const urban = /^城市([\u4e00-\u9fff]{2,})$/.exec(core)?.[1];
      if (urban && !WEAK_STOPLIST.has(urban)) add(`${urban}${bare.slice(suffixless.length)}`, "derived");
    }
  }
  // 数字化城市管理中心 -> 数字城管中心, 数字城管: 城市管理 goes by 城管, and 数字化 before it by 数字.
  const contracted = bare.replace(/城市管理/g, "城管").replace(/数字化(?=城管)/, "数字");
  if (prefix && contracted !== bare) {
    add(contracted, "derived");
    const core = /^(.{3,}?)(?:大队|中心|所|站|队)$/.exec(contracted)?.[1];
    if (core && core !== "城管") add(core, "derived");
  }
  // 公路管理段 -> 公路段 (公路 alone is a road, no unit), 污水处理厂 -> 污水厂, 少儿图书馆 -> 少儿馆: the word before the kind goes.
  for (const [kind, short] of WORD_BEFORE_KIND) {
    const stem = bare.endsWith(kind) ? bare.slice(0, -kind.length) : undefined;
    if (prefix && stem && stem.length >= 2 && !WEAK_STOPLIST.has(stem)) add(`${stem}${short}`, "derived");
  }
  // 规划展览馆 -> 规划馆, 规划展馆: 展览 goes as 管理 does, or shortens to 展.
  const exhibition = /^(.{2,})展览馆$/.exec(bare)?.[1];
  if (prefix && exhibition && !WEAK_STOPLIST.has(exhibition)) {
    add(`${exhibition}馆`, "derived");
    add(`${exhibition}展馆`, "derived");
  }
  // 特殊教育学校 -> 特校, 特教, 特教学校; 技工学校 -> 技校: a school goes by its first character and 校.
  const school = /^([\u4e00-\u9fff]{2}|[\u4e00-\u9fff]{4})学校$/.exec(bare)?.[1];
  if (prefix && school) {
    add(`${school[0]}校`, "weak");
    if (school.length === 4) {
      add(`${school[0]}${school[2]}`, "weak");
      add(`${school[0]}${school[2]}学校`, "derived");
    }
  }
  // 农业科学研究所 -> 农科所, 林业科学研究院 -> 林科院.
  const research = /^([\u4e00-\u9fff])[\u4e00-\u9fff]?科学研究([所院])$/.exec(bare);
  if (prefix && research) add(`${research[1]}科${research[2]}`, "derived");
  // 律师协会 -> 律协, 美术家协会 -> 美协, 餐饮行业协会 -> 餐协, 餐饮协会: an association goes by its first character and 协.
  const association = /^([\u4e00-\u9fff]{2,}?)(行业)?协会$/.exec(bare);
  if (prefix && association) {
    add(`${association[1]![0]}协`, "derived");
    if (association[2]) add(`${association[1]}协会`, "derived");
  }
  // 实验小学 -> 实小, 第一中学 -> 一中, 第三人民医院 -> 三院: a numbered or two-word school or hospital by its first characters.
  const grade = /^(?:第([一二三四五六七八九十]))?([\u4e00-\u9fff]{2})?(小学|中学)$/.exec(bare);
  if (prefix && grade && (grade[1] || grade[2])) add(`${grade[1] ?? grade[2]![0]}${grade[3]![0]}`, "weak");
  // 机关幼儿园 -> 机关幼: a kindergarten by its name and 幼.
  const kindergarten = /^([\u4e00-\u9fff]{2,})幼儿园$/.exec(bare)?.[1];
  if (prefix && kindergarten) add(`${kindergarten}幼`, "derived");
  const hospital = /^第([一二三四五六七八九十])人民医院$/.exec(bare)?.[1];
  if (prefix && hospital) add(`${hospital}院`, "derived");
  const place = placeName(canonical);
  // 工业路, 新安路: a street name of three or more characters is a name, whatever follows it.
  if (place && !WEAK_STOPLIST.has(place)) add(place, place.length >= 3 && /[路街]$/.test(place) ? "derived" : "weak");
  return derived;
}

/** A town, township or street office by its place's name ("峡窝镇" -> 峡窝, "济源路街道" -> 济源路); undefined for any other unit. */
export function placeName(unit: string): string | undefined {
  return /^(.+)(?:街道|镇|乡)$/.exec(unit)?.[1];
}
