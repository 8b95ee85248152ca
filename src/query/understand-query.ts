import { foldTraditional } from "../text/fold-traditional.js";
import { withoutCourtesy } from "./courtesy.js";
import { writeAmountsInDigits, writeMonthsInDigits, writeYearsInDigits } from "../text/chinese-numerals.js";
import { parseNumber, parsePeriod, type Period } from "./parse-period.js";
import { daysBetween, isOneYear, isWholeYears, partOfYearAfter, sinceMade, spanning, untilMonth, type Span } from "./period-spans.js";
import type { UnitMatcher } from "./unit-aliases.js";
import { placeName } from "./derive-unit-aliases.js";
import type { EnglishGlossary } from "./english-glossary.js";
import { cleanKeywords, PUNCTUATION } from "./question-keywords.js";
import { ENGLISH_SOURCE, ENGLISH_SUMMARY, englishMonth, findEnglishIssue, isEnglish } from "./english-question.js";

/** fact: a figure or event; summary: a unit's reports; source: the document; overview: what an issue contains. */
export type QueryIntent = "fact" | "summary" | "source" | "overview";

/** What a staff question asks for, recognised without an LLM. */
export interface QueryUnderstanding {
  /** The question as received, traditional characters folded to simplified (same length). */
  text: string;
  intent: QueryIntent;
  /** Canonical units mentioned, in order; an ambiguous alias contributes every candidate. */
  units: string[];
  unitMentions: { unit: string; alias: string }[];
  /** Units a short name glued to another word hints at ("人社春风行动"): preferred in ranking, never a filter. */
  hintedUnits?: { unit: string; alias: string }[];
  /** See parse-period.ts for when `explicit` is true (hard filter) or false (boost). */
  period?: { from: string; to: string; label: string; explicit: boolean; reportedAs?: string[] };
  /** "23年授信多少 去年授信总额又是多少": each period the question names, where it stands, when it names more than one. */
  periods?: NamedPeriod[];
  /** 第64期, 64期, 2026年第8期, 第 8 期, `/source 64`. */
  issue?: { number: number; year?: number };
  /** A full calendar day given in the question (2023年8月14日): the issue published that day. */
  date?: string;
  /** "最新一期", "最近一期原件": the latest issue on record. */
  latestIssue?: true;
  /** "去年10月底那期": the period names an issue by its date rather than a span of reports. */
  issueInPeriod?: true;
  /** Written in English (mostly Latin letters): the bot understands its intents, and answers in Chinese. */
  english?: true;
  /** The question without unit, period, issue, command and question filler words, for lexical search. */
  keywords: string;
  /** What a short follow-up took from `previous`. */
  carriedOver: ("units" | "period" | "intent" | "keywords")[];
}

/** One period a question names, and where in the question. */
export interface NamedPeriod extends Span {
  from: string;
  to: string;
}

const COMMAND_PATTERN = /^\s*\/(summary|source|总结|原文)(?=\s|$)/i;
const ISSUE_PATTERN = /(?:(?<![0-9])([0-9]{4})\s*年\s*(?:的\s*)?)?第\s*([0-9]{1,4}|[零一二两三四五六七八九十]{1,3})\s*期|(?<![0-9第])([0-9]{1,4})\s*期/g;

// Asking for the document itself, whatever else is said.
// "电子版社保卡" names a thing; "要电子版" asks for the document.
const SOURCE_STRONG = /原文|全文|原件|原稿|链接|下载|附件|pdf|word版|电子版(?![\u4e00-\u9fff]{2}(?<!发给|发我|给我))/gi;
// Asking for a document only when an issue or a date says which one.
const SOURCE_WEAK = /文件|发给我|发我|给我|发一下|调出|打开|看看|查看/g;
// "顺带整理的口述史料有几篇": 整理 said of what a report did (整理的…, 整理了…) asks for no summary.
const SUMMARY_STRONG = /(?:总结|汇总|概括|梳理|归纳|综述|盘点|概述|回顾|小结|捋一捋|捋捋|捋一遍|捋一下|捋|理一理|过一遍|整理(?![的了出成]))(?:一下|一遍|下)?/g;
// "What work did X report": a summary over a long period, a lookup within one month or less.
const SUMMARY_WORK = /(?:报送|上报|报告|开展|推进|完成|报|做|干)(?:了|过)?的?(?:哪些|什么|些什么)?(?:主要|重点)?工作(?:情况|亮点|成效|成果)?|(?:主要|重点)?工作(?:情况|亮点|成效|成果)|有哪些工作|(?:报送|上报|报|发|上)(?:了|过)(?:些|哪些)?(?:什么|啥|哪些)(?:东西|信息|内容|事情?)?|(?:报送|上报|报|发)(?:的|过的)(?:东西|信息|内容)|(?:干|做|搞|说|讲)(?:了|过)(?:些|哪些)?(?:什么|啥|哪些)(?:事情?|工作)?|(?:干|做)(?:了|过)?(?:些)?啥|的?(?:信息|东西|内容|材料)(?:都)?有(?:哪些|啥|什么)|有(?:些|哪些|什么|啥)(?:新)?(?:动态|进展|消息|新闻|新鲜事|动作|举措)/g;
// What an issue contains: asked of an issue, not a unit.
const OVERVIEW = /主要内容|内容|列(?:一下|个|出|举)|条目|目录|清单|标题|(?:哪几|哪些|几)件事|(?:讲|说|报|写|登|刊)(?:了|的|过)?(?:些|都)?(?:什么|啥|哪些)|有(?:些|哪些)?(?:什么|啥|哪些)|都有|(?:哪些|哪几个|什么|几个)单位|概括|概述|介绍|简介|总结|梳理|汇总/g;
const LATEST_ISSUE = /(?:最新|最近|上)(?:的)?一期|最新(?:的)?(?:那期|简报|一份)|最近(?:的)?那期/g;
// "那期", "一期", "那份简报": a period in the question dates an issue.
const ISSUE_WORD = /[那这哪一]期|期简报|那份|那一份|的简报/;

const HANDED_TO = /(?:移交|移送|转交|交|转|报|递)给?$|(?:移送|移交|转交)(?:至|到)$|交由$/;
/** The words placing something in a town or a street office ("在峡窝", "到矿山街道"). */
const AT_PLACE = /(?:在|到|去|赴)$/;

// A space between two phrases joins them as a comma does ("城管清了多少吨淤泥 民政给多少户发了救助").
const JOINED_SUBJECTS = /[、，,;；]|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]|和|与|及|跟|分别|各/;
const ASKS_FIGURE = /多少|几[个名家项次人场件条所万亿位户]|比例|百分之|多大|多长|多久/;
const DEADLINE = /^\s*(?:之前|以前|前)/;
const FUTURE = /能|会|可以|得|来得及|赶得上/;
// "全年", "一整年", "一共": the whole of a year is asked.
const WHOLE_YEAR = /全年|一整年|整年|一年下来|全年度|年度|一共|总共|共计|累计/;
const UNIT_LINE = /^口(?![岸罩袋径号腔碑述头子令味音气])/;
const FOLLOW_UP_START = /^(?:那么|那|还有|另外|再(?=[问看查说来]))/;

/**
 * Recognises intent, units, period and issue in a staff question.
 * Intent rules, first that applies:
 * - source: a command `/source`, a word asking for the document (原文, 全文, 链接, 原件, 下载…), a weaker
 *   word (文件, 给我, 发我…) together with an issue or date, or (unless it is a follow-up) an issue or
 *   full date with nothing else asked ("第64期", "2023年8月14日的上街信息").
 * - summary: `/summary`, 总结/汇总/概括/梳理…, or "报了哪些工作 / 工作情况" unless the question pins a
 *   period of one month or less, an issue or a date (then it looks up those items: fact).
 * - fact: everything else.
 * Follow-ups: with `previous`, a text that starts with 那/那么/还有/另外/再问/再看…, or is short (< 12 characters)
 * with no intent word of its own and either ends with 呢 or asks nothing beyond units and time,
 * takes the previous units (if it names none), period (if it names none and no issue or date),
 * intent (if it has no intent word) and keywords (if it has none).
 * @example understandQuery({ text: "总结区委社工部今年的工作", today: "2026-11-23", units })
 *   // intent "summary", units ["区委社工部"], period 2026-01-01..2026-12-31 (explicit)
 */
export function understandQuery(options: {
  text: string;
  today: string;
  units: UnitMatcher;
  /** Renders an English question's words in Chinese (data/dictionary/glossary-en.txt); without it English questions have no keywords. */
  glossary?: EnglishGlossary;
  /** Series names, filler in a question ("2023年8月14日的上街信息"): BULLETIN_SERIES and those on record. */
  series?: readonly string[];
  previous?: QueryUnderstanding;
}): QueryUnderstanding {
  const { today, previous } = options;
  // "过百万", "九月底" are searched as the bulletins write them, "超过100万元", "9月底".
  // "能不能告诉我…，急": the greeting, the request to be told and the urgency are no part of the question.
  const text = withoutCourtesy(writeYearsInDigits(writeMonthsInDigits(writeAmountsInDigits(foldTraditional(options.text)))));
  const removed: Span[] = [];
  const english = isEnglish(text);
  for (const name of options.series ?? []) removed.push(...occurrences(text, name));

  const command = COMMAND_PATTERN.exec(text);
  if (command) removed.push({ start: command.index, end: command.index + command[0].length });
  const commandIntent: QueryIntent | undefined = command
    ? /summary|总结/i.test(command[1] ?? "") ? "summary" : "source"
    : undefined;

  const opening = FOLLOW_UP_START.exec(text.trimStart());
  if (opening) {
    const start = text.length - text.trimStart().length;
    removed.push({ start, end: start + opening[0].length });
  }

  // "有没有案子移交给公安的": a unit something is handed to is no unit that reports it; its name stays a word.
  // "农技站在峡窝弄的示范方": a town or street where another unit did something is the place, not a unit that reports it.
  // "峡沃镇", "人影办", "公基金": a name typed wrong or short.
  const misspelled = english ? [] : [...options.units.misspelled(text), ...options.units.shortened(text)];
  const matched = options.units.match(text).filter((mention) => !HANDED_TO.test(text.slice(0, mention.start)));
  const placeOf = (mention: (typeof matched)[number]) => placeName(mention.unit) !== undefined && AT_PLACE.test(text.slice(0, mention.start));
  const mentions = [...matched, ...misspelled].some((mention) => !placeOf(mention)) ? matched.filter((mention) => !placeOf(mention)) : matched;
  // "住建口", "宣传口": 口 after a unit's name is the line of work it heads, not part of the question.
  for (const mention of mentions) removed.push({ start: mention.start, end: mention.end + (UNIT_LINE.test(text.slice(mention.end)) ? 1 : 0) });
  for (const mention of misspelled) removed.push({ start: mention.start, end: mention.end });

  const issueFound = findIssue(text) ?? (english ? findEnglishIssue(text) : undefined);
  let issue = issueFound?.issue;
  if (issueFound) removed.push(issueFound.span);

  // Mask the issue so that "2026年第8期" does not also read as the period 2026年.
  const masked = issueFound ? maskSpans(text, [issueFound.span]) : text;
  let found = parsePeriod({ text: masked, today });
  // "教育局冬季校园检查22年跟24年各查出多少": the years named later set the time; the season before them stays a word.
  if (found && !found.explicit) found = explicitPeriodAfter(masked, found.end, today) ?? found;
  if (!found && english) found = englishMonth(masked, today);
  if (!found && (command || english)) found = commandYear(masked, today);
  if (!issue && commandIntent === "source") {
    const bare = /(?<![0-9])([0-9]{1,4})(?![0-9])/.exec(maskSpans(masked, found ? [found] : []));
    if (bare) {
      issue = { number: Number(bare[1]) };
      removed.push({ start: bare.index, end: bare.index + bare[0].length });
    }
  }
  const named: NamedPeriod[] = [];
  const namedAt = (period: { from: string; to: string }, start: number, end: number) => named.push({ from: period.from, to: period.to, start, end });
  // "前年和去年", "2023到2025年": two periods joined are one span from the first to the last.
  if (found) {
    const joined = /^\s*(?:和|与|及|到|至|、|-|—|～|~)\s*/.exec(masked.slice(found.end));
    const second = joined ? parsePeriod({ text: masked.slice(found.end + joined[0].length), today }) : undefined;
    if (joined && second && second.start === 0 && second.explicit === found.explicit) {
      const end = found.end + joined[0].length + second.end;
      if (found.explicit && !/^\s*(?:到|至|-|—|～|~)/.test(joined[0])) {
        namedAt(found, found.start, found.end);
        namedAt(second, end - (second.end - second.start), end);
      }
      found = { ...spanning(found, second), label: `${found.label.replace(/（.*$/, "")}至${second.label.replace(/（.*$/, "")}`, end };
    }
  }
  // "低保户数21年和现在分别多少": now is this year so far, a period of its own beside the first.
  const now = found?.explicit && named.length === 0 ? NOW_JOINED.exec(masked.slice(found.end)) : null;
  if (found && now) {
    const thisYear = parsePeriod({ text: "今年", today })!;
    const start = found.end + now[0].length - now[1]!.length;
    namedAt(found, found.start, found.end);
    namedAt(thisYear, start, start + now[1]!.length);
    found = { ...spanning(found, thisYear), label: `${found.label.replace(/（.*$/, "")}、${thisYear.label}` };
  }
  // "22年……到6月": a year up to a month of it.
  if (found) {
    // "前年体彩上半年卖了多少": a part of the year named after a few words about the topic.
    const until = untilMonth({ period: found, text: masked, today }) ?? partOfYearAfter({ period: found, text: masked, today });
    if (until) {
      removed.push(...until.spans);
      found = { ...found, ...until.period };
    }
  }
  // "11月底前能弄完不": a deadline the question asks about, not when the reports came out.
  const deadline = found ? DEADLINE.exec(masked.slice(found.end)) : null;
  // Its words stay: the passage that answers names the deadline ("计划11月底前全部完成").
  if (found && deadline && FUTURE.test(masked.slice(found.end))) found = undefined;
  if (found) removed.push({ start: found.start, end: found.end });
  if (found?.explicit && named.length === 0) namedAt(found, found.start, found.end);
  // "卫健21年…，民政22年…": further periods named apart widen the filter to cover them all, each for its own part.
  for (let next = found?.explicit ? parsePeriod({ text: masked.slice(found.end), today }) : undefined, offset = found?.end ?? 0; found && next; ) {
    const start = offset + next.start;
    const end = offset + next.end;
    let until: ReturnType<typeof untilMonth>;
    if (next.explicit) {
      removed.push({ start, end });
      // "去年1到10月": a further year up to a month of it too.
      until = untilMonth({ period: { ...next, start, end }, text: masked, today });
      if (until) removed.push(...until.spans);
      // "前年全年多少": that year's total, reported early the next year naming the year.
      const wholeYear = !until && isOneYear(next) && /^\s*(?:全年|一整年|整年)/.test(masked.slice(end));
      const year = next.from.slice(0, 4);
      // "23年新筹了多少套 去年又筹了多少": a further year is compared with the first, its totals reported in the
      // months after it, naming the year ("2025年，全区筹集…650套" in a May 2026 issue).
      const further = until ? { ...next, ...until.period } : wholeYear ? { ...next, reportedAs: [`${year}年`, `${year}年度`] } : isOneYear(next) ? { ...next, reportedAs: [`${year}年`] } : next;
      namedAt(further, start, end);
      found = { ...spanning(found, further), label: `${found.label.replace(/（.*$/, "")}、${further.label.replace(/（.*$/, "")}` };
    }
    // Always onwards, whatever a period's span: a period found where the last one ended is not found again.
    offset = Math.max(until?.spans.at(-1)?.end ?? end, offset + 1);
    next = parsePeriod({ text: masked.slice(offset), today });
  }
  // "去年建的那8个站 都接进去了吗": the period dates the thing; what became of it is reported up to today.
  const since = found?.explicit && named.length < 2 ? sinceMade({ period: found, after: masked.slice(found.end), today }) : undefined;
  let period = found ? { from: found.from, to: since?.to ?? found.to, label: since?.label ?? found.label, explicit: found.explicit, ...(found.reportedAs && !since ? { reportedAs: found.reportedAs } : {}) } : undefined;
  // "前年一整年办了多少场": a year's totals are reported early the next year, naming the year ("2024年，全区…").
  if (period && !period.reportedAs && WHOLE_YEAR.test(text) && isOneYear(period)) {
    const year = period.from.slice(0, 4);
    period = { ...period, reportedAs: [`${year}年`, `${year}年度`] };
  } else if (period && !period.reportedAs && period.explicit && ASKS_FIGURE.test(text) && isWholeYears(period) && period.to < today) {
    // "残联21年给多少个残疾小孩做了康复救助": a figure of a year may be reported early the next year, naming the year
    // ("2021 年为 126 名残疾儿童提供康复救助" in a January 2022 issue); "从21年到23年累计" names the last one.
    const year = period.to.slice(0, 4);
    period = { ...period, reportedAs: [`${year}年`] };
  }
  const date = period && period.explicit && period.from === period.to ? period.from : undefined;

  const latest = spansOf(text, LATEST_ISSUE);
  const latestIssue = !issue && !date && latest.length > 0;
  const issueInPeriod = !issue && !date && !latestIssue && period?.explicit === true && ISSUE_WORD.test(text);
  const namesIssue = Boolean(issue || date || latestIssue || issueInPeriod);
  const sourceStrong = spansOf(text, english ? ENGLISH_SOURCE : SOURCE_STRONG);
  const sourceWeak = spansOf(text, SOURCE_WEAK);
  const summaryStrong = spansOf(text, SUMMARY_STRONG);
  const summaryWork = spansOf(text, SUMMARY_WORK);
  const pinned = Boolean(issue || date || latestIssue || issueInPeriod || (period?.explicit && daysBetween(period.from, period.to) <= 31));

  const overview = spansOf(text, OVERVIEW);
  const englishSummary = english && ENGLISH_SUMMARY.test(text);

  let intent: QueryIntent = "fact";
  let ownIntent = true;
  if (commandIntent) intent = commandIntent;
  else if (sourceStrong.length > 0 || (namesIssue && sourceWeak.length > 0)) intent = "source";
  // "第18期帮我概括一下", "55期里都有哪些单位报了东西": an issue's contents, unless units narrow it to a lookup.
  else if (namesIssue && mentions.length === 0 && (overview.length > 0 || summaryStrong.length > 0 || summaryWork.length > 0)) intent = "overview";
  // "社工部那篇总结里，持证的有多少人": a figure asked about what a summary reported is a fact question.
  else if ((summaryStrong.length > 0 && !ASKS_FIGURE.test(text)) || englishSummary) intent = "summary";
  else if (summaryWork.length > 0) intent = pinned ? "fact" : "summary";
  else ownIntent = false;

  removed.push(...sourceStrong, ...summaryStrong, ...summaryWork, ...latest);
  if (intent === "overview") removed.push(...overview);
  if (intent === "source") removed.push(...sourceWeak);
  // A summary is retrieved by unit and period; "工作" alone would only add noise.
  if (intent === "summary") removed.push(...spansOf(text, /(?:主要|重点)?工作/g));
  // "矿山和中心路两个街道": what is left of the units' own names ("街道") is not a topic.
  const unitWords = mentions.map((mention) => mention.unit);
  let keywords = english ? (options.glossary?.render(maskSpans(text, removed)) ?? "") : cleanKeywords(maskSpans(text, removed)).split(" ").filter((chunk) => !isPartOfUnitName(chunk, unitWords)).join(" ");
  const followUp = previous !== undefined && isFollowUp({ text, ownIntent, keywords });
  // "第64期" or "2023年8月14日的上街信息" alone asks for that issue.
  if (!ownIntent && !followUp && (issue || date) && keywords === "" && mentions.length === 0) intent = "source";
  // "最新一期", "去年10月底那期": an issue named with nothing else asked is an overview of it.
  if (!ownIntent && !followUp && (latestIssue || issueInPeriod) && keywords === "" && mentions.length === 0) intent = "overview";

  let units = [...new Set(mentions.map((mention) => mention.unit))];
  let unitMentions = mentions.map(({ unit, alias }) => ({ unit, alias }));
  // "农村电影放映中心历年报过哪些工作": a summary is of a unit; one typed short or wrong is the one it reads as.
  const readAs = [...new Set(misspelled.map((mention) => mention.unit))];
  // "快递协会和农路所前年都干了啥": a question of nothing but units (some typed short) and a period is about those units.
  const addReadAs = (readAs.length > 0 && keywords === "") || (units.length === 0 && intent === "summary" && readAs.length === 1);
  const added = addReadAs ? readAs.filter((unit) => !units.includes(unit)) : [];
  if (added.length > 0) {
    units = [...units, ...added];
    unitMentions = [...unitMentions, ...added.map((unit) => misspelled.find((mention) => mention.unit === unit)!).map(({ unit, alias }) => ({ unit, alias }))];
  }
  const carriedOver: QueryUnderstanding["carriedOver"] = [];
  if (previous && followUp) {
    if (units.length === 0 && previous.units.length > 0) {
      units = [...previous.units];
      unitMentions = previous.unitMentions.map((mention) => ({ ...mention }));
      carriedOver.push("units");
    }
    if (!period && !issue && !date && previous.period) {
      period = { ...previous.period };
      carriedOver.push("period");
    }
    if (!ownIntent && previous.intent !== intent) {
      intent = previous.intent;
      carriedOver.push("intent");
    }
    if (keywords === "" && previous.keywords !== "") {
      keywords = previous.keywords;
      carriedOver.push("keywords");
    }
  }

  // Hints are read only in questions that join several subjects ("人社春风行动和退役军人那个招聘会"):
  // alone, a word like 宣传 in "3·15宣传活动" is a topic, not a unit.
  // A misspelled name is a hint whatever the question ("峡沃镇去年麦子打了多少吨").
  const hintedUnits = [...(english || !JOINED_SUBJECTS.test(text) ? [] : options.units.hints(text)), ...misspelled]
    .filter((mention, index, all) => !units.includes(mention.unit) && all.findIndex((other) => other.unit === mention.unit) === index)
    .map(({ unit, alias }) => ({ unit, alias }));
  return {
    text,
    intent,
    units,
    unitMentions,
    ...(hintedUnits.length > 0 ? { hintedUnits } : {}),
    ...(period ? { period } : {}),
    ...(named.length > 1 ? { periods: named } : {}),
    ...(issue ? { issue } : {}),
    ...(date ? { date } : {}),
    ...(latestIssue ? { latestIssue: true as const } : {}),
    ...(issueInPeriod ? { issueInPeriod: true as const } : {}),
    ...(english ? { english: true as const } : {}),
    keywords,
    carriedOver,
  };
}

/** "第64期", "2026年第8期", "64期": the issue a question names, and where. */
export function findIssue(text: string): { issue: { number: number; year?: number }; span: Span } | undefined {
  for (const match of text.matchAll(ISSUE_PATTERN)) {
    const number = parseNumber(match[2] ?? match[3] ?? "");
    if (number === undefined || number <= 0) continue;
    const year = match[1] ? Number(match[1]) : undefined;
    return {
      issue: year === undefined ? { number } : { number, year },
      span: { start: match.index, end: match.index + match[0].length },
    };
  }
  return undefined;
}

/** `/summary 工业路街道 2023`: a bare year after a command means that calendar year. */
function commandYear(text: string, today: string) {
  const bare = /(?<![0-9])((?:19|20)[0-9]{2})(?![0-9年.\-/])/.exec(text);
  if (!bare) return undefined;
  const period = parsePeriod({ text: `${bare[1]}年`, today });
  return period ? { ...period, start: bare.index, end: bare.index + bare[0].length } : undefined;
}

function isPartOfUnitName(chunk: string, units: readonly string[]): boolean {
  if (!/^(?:街道|镇|局|部|委|办|部门|单位|两个?|三个?|几个?)+$/.test(chunk)) return false;
  // "两个" and "三家" only count units; "街道" is a generic word only when a named unit ends with it.
  const word = chunk.replace(/[两三几个]/g, "");
  return units.some((unit) => unit.includes(word));
}

function isFollowUp(options: { text: string; ownIntent: boolean; keywords: string }): boolean {
  const compact = options.text.replace(PUNCTUATION, "");
  if (FOLLOW_UP_START.test(compact)) return true;
  if (compact.length >= 12 || options.ownIntent) return false;
  return compact.endsWith("呢") || options.keywords === "";
}

function occurrences(text: string, word: string): Span[] {
  const spans: Span[] = [];
  for (let start = word === "" ? -1 : text.indexOf(word); start !== -1; start = text.indexOf(word, start + word.length)) spans.push({ start, end: start + word.length });
  return spans;
}

function spansOf(text: string, pattern: RegExp): Span[] {
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Replaces spans with spaces, keeping every other offset valid. */
function maskSpans(text: string, spans: readonly Span[]): string {
  const characters = text.split("");
  for (const span of spans) for (let index = span.start; index < span.end; index += 1) characters[index] = " ";
  return characters.join("");
}

/** The first period with a year named after `from`, with its place in the whole text. */
function explicitPeriodAfter(text: string, from: number, today: string): Period | undefined {
  for (let offset = from, next = parsePeriod({ text: text.slice(from), today }); next; next = parsePeriod({ text: text.slice(offset), today })) {
    if (next.explicit) return { ...next, start: offset + next.start, end: offset + next.end };
    offset += Math.max(next.end, 1);
  }
  return undefined;
}

/** "21年和现在": now joined to a period named before it. */
const NOW_JOINED = /^\s*(?:和|跟|与|及|同)\s*(现在|目前|如今)/;
