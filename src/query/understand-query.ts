import { parseNumber, parsePeriod } from "./parse-period.js";
import type { UnitMatcher } from "./unit-aliases.js";

export type QueryIntent = "fact" | "summary" | "source";

/** What a staff question asks for, recognised without an LLM. */
export interface QueryUnderstanding {
  /** The question as received. */
  text: string;
  intent: QueryIntent;
  /** Canonical units mentioned, in order; an ambiguous alias contributes every candidate. */
  units: string[];
  unitMentions: { unit: string; alias: string }[];
  /** See parse-period.ts for when `explicit` is true (hard filter) or false (boost). */
  period?: { from: string; to: string; label: string; explicit: boolean };
  /** 第64期, 64期, 2026年第8期, 第 8 期, `/source 64`. */
  issue?: { number: number; year?: number };
  /** A full calendar day given in the question (2023年8月14日): the issue published that day. */
  date?: string;
  /** The question without unit, period, issue, command and question filler words, for lexical search. */
  keywords: string;
  /** What a short follow-up took from `previous`. */
  carriedOver: ("units" | "period" | "intent" | "keywords")[];
}

interface Span {
  start: number;
  end: number;
}

const COMMAND_PATTERN = /^\s*\/(summary|source|总结|原文)(?=\s|$)/i;
const ISSUE_PATTERN = /(?:(?<![0-9])([0-9]{4})\s*年\s*(?:的\s*)?)?第\s*([0-9]{1,4}|[零一二两三四五六七八九十]{1,3})\s*期|(?<![0-9第])([0-9]{1,4})\s*期/g;

// Asking for the document itself, whatever else is said.
const SOURCE_STRONG = /原文|全文|原件|原稿|链接|下载|附件|pdf|word版|电子版/gi;
// Asking for a document only when an issue or a date says which one.
const SOURCE_WEAK = /文件|发给我|发我|给我|发一下|调出|打开|看看|查看/g;
const SUMMARY_STRONG = /(?:总结|汇总|概括|梳理|归纳|综述|盘点|概述|回顾|小结)(?:一下)?/g;
// "What work did X report": a summary over a long period, a lookup within one month or less.
const SUMMARY_WORK = /(?:报送|上报|报告|开展|推进|完成|报|做|干)(?:了|过)?的?(?:哪些|什么|些什么)?(?:主要|重点)?工作(?:情况|亮点|成效|成果)?|(?:主要|重点)?工作(?:情况|亮点|成效|成果)|有哪些工作/g;

const FILLERS: RegExp[] = [
  /请问|请把|麻烦|帮我|帮忙|一下|看看|查查|查一下/g,
  /(?:有|是)?多少(?:个|名|家|次|件|项|位|人|场|所)?|几(?:个|名|家|次|件|项|位|人|场|所)/g,
  /(?:是|有)?(?:什么|啥|哪些|哪个|哪所|哪家|哪里|哪儿|哪几个)/g,
  /[那这该本]一?期/g,
  /怎么样|怎样|如何|是否|有没有/g,
  /上街区|全区|我区|本区|现在|目前/g,
  /[吗呢吧啊呀]/g,
];

const FOLLOW_UP_START = /^(?:那么|那|还有|另外|再(?=[问看查说来]))/;
const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

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
  /** Series names, filler in a question ("2023年8月14日的上街信息"): BULLETIN_SERIES and those on record. */
  series?: readonly string[];
  previous?: QueryUnderstanding;
}): QueryUnderstanding {
  const { text, today, previous } = options;
  const removed: Span[] = [];
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

  const mentions = options.units.match(text);
  for (const mention of mentions) removed.push({ start: mention.start, end: mention.end });

  const issueFound = findIssue(text);
  let issue = issueFound?.issue;
  if (issueFound) removed.push(issueFound.span);

  // Mask the issue so that "2026年第8期" does not also read as the period 2026年.
  const masked = issueFound ? maskSpans(text, [issueFound.span]) : text;
  let found = parsePeriod({ text: masked, today });
  if (!found && command) found = commandYear(masked, today);
  if (!issue && commandIntent === "source") {
    const bare = /(?<![0-9])([0-9]{1,4})(?![0-9])/.exec(maskSpans(masked, found ? [found] : []));
    if (bare) {
      issue = { number: Number(bare[1]) };
      removed.push({ start: bare.index, end: bare.index + bare[0].length });
    }
  }
  if (found) removed.push({ start: found.start, end: found.end });
  let period = found ? { from: found.from, to: found.to, label: found.label, explicit: found.explicit } : undefined;
  const date = period && period.explicit && period.from === period.to ? period.from : undefined;

  const sourceStrong = spansOf(text, SOURCE_STRONG);
  const sourceWeak = spansOf(text, SOURCE_WEAK);
  const summaryStrong = spansOf(text, SUMMARY_STRONG);
  const summaryWork = spansOf(text, SUMMARY_WORK);
  const pinned = Boolean(issue || date || (period?.explicit && daysBetween(period.from, period.to) <= 31));

  let intent: QueryIntent = "fact";
  let ownIntent = true;
  if (commandIntent) intent = commandIntent;
  else if (sourceStrong.length > 0 || ((issue || date) && sourceWeak.length > 0)) intent = "source";
  else if (summaryStrong.length > 0) intent = "summary";
  else if (summaryWork.length > 0) intent = pinned ? "fact" : "summary";
  else ownIntent = false;

  removed.push(...sourceStrong, ...summaryStrong, ...summaryWork);
  if (intent === "source") removed.push(...sourceWeak);
  // A summary is retrieved by unit and period; "工作" alone would only add noise.
  if (intent === "summary") removed.push(...spansOf(text, /(?:主要|重点)?工作/g));
  let keywords = cleanKeywords(maskSpans(text, removed));
  const followUp = previous !== undefined && isFollowUp({ text, ownIntent, keywords });
  // "第64期" or "2023年8月14日的上街信息" alone asks for that issue.
  if (!ownIntent && !followUp && (issue || date) && keywords === "") intent = "source";

  let units = [...new Set(mentions.map((mention) => mention.unit))];
  let unitMentions = mentions.map(({ unit, alias }) => ({ unit, alias }));
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

  return {
    text,
    intent,
    units,
    unitMentions,
    ...(period ? { period } : {}),
    ...(issue ? { issue } : {}),
    ...(date ? { date } : {}),
    keywords,
    carriedOver,
  };
}

function findIssue(text: string): { issue: { number: number; year?: number }; span: Span } | undefined {
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

function cleanKeywords(text: string): string {
  let cleaned = text.replace(PUNCTUATION, " ");
  for (const filler of FILLERS) cleaned = cleaned.split(" ").map((chunk) => chunk.replace(filler, " ")).join(" ");
  return cleaned
    .split(/\s+/)
    .map((chunk) => chunk.replace(/^[的了和与]+|[的了和与]+$/g, ""))
    .filter((chunk) => chunk.length > 0)
    .join(" ");
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}
