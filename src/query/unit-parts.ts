import { detectAnswerType, type AnswerType } from "./answer-type.js";
import type { QueryUnderstanding } from "./understand-query.js";

/** One unit's share of a question about several units: its words and what it asks. */
export interface UnitPart {
  terms: string[];
  /** How many of its words follow the unit's name (the rest is a topic said before it). */
  own: number;
  answerType: AnswerType | undefined;
}

/** The units the question names or hints at, each where its name first stands in the question, in that order. */
export function mentionsInOrder(understanding: QueryUnderstanding): { unit: string; alias: string; start: number }[] {
  return [...understanding.unitMentions, ...(understanding.hintedUnits ?? [])]
    .map((mention) => ({ unit: mention.unit, alias: mention.alias, start: understanding.text.indexOf(mention.alias) }))
    .filter((mention) => mention.start >= 0)
    .sort((left, right) => left.start - right.start);
}

/**
 * "40期：应急演练搞了几场、市场监管抽检多少批次": the words from one unit's name to the next are
 * that unit's question; the words before the first name are every unit's topic.
 */
export function unitParts(options: { understanding: QueryUnderstanding; tokenize: (text: string) => string[]; terms: readonly string[] }): Map<string, UnitPart> {
  const { understanding } = options;
  const text = understanding.text;
  const mentions = mentionsInOrder(understanding);
  const parts = new Map<string, UnitPart>();
  // "老人吃饭的地方 民政23年…多少个 矿山街道去年自己建了几个": a topic said before the first name is every unit's.
  const lead = options.tokenize(text.slice(0, mentions[0]?.start ?? 0)).filter((term) => options.terms.includes(term));
  mentions.forEach((mention, index) => {
    if (parts.has(mention.unit)) return;
    const start = index === 0 ? 0 : mention.start;
    const end = mentions.slice(index + 1).find((next) => next.start > mention.start)?.start ?? text.length;
    const part = text.slice(start, end);
    const terms = [...new Set([...(index === 0 ? [] : lead), ...options.tokenize(part).filter((term) => options.terms.includes(term))])];
    // Its own words: from the unit on, not the topic said before the first unit ("招商这块，工业路21年和").
    const own = options.tokenize(text.slice(mention.start + mention.alias.length, end)).filter((term) => options.terms.includes(term));
    parts.set(mention.unit, { terms, own: own.length, answerType: detectAnswerType(part) });
  });
  // "工业路21年和商务22年各签了几个项目": 各 asks every unit what the last part asks, of its own thing if it names one
  // ("医保追回的违规基金和应急局…罚款分别多少": an amount of money, but not of 罚款).
  const asking = [...parts.values()].at(-1);
  if (asking?.answerType && EACH.test(text)) {
    const { kind, label, measure } = asking.answerType;
    for (const [unit, part] of parts) {
      if (part.answerType) continue;
      if (part.own > 0) parts.set(unit, { ...part, answerType: { kind, label, ...(measure ? { measure } : {}) } });
      else parts.set(unit, { ...part, terms: [...new Set([...part.terms, ...asking.terms])], answerType: asking.answerType });
    }
  }
  return parts;
}

/** "各签了几个", "分别是多少", "都有多少": one question asked of each unit named. */
const EACH = /各|分别|都(?:有|是|签|办|搞|做|完成)?(?:了)?(?:多少|几)/;

/**
 * "今年夏天峡窝葡萄卖了多少钱 夜市营业额又是多少": a unit named in one of several things asked does not
 * filter out the items that answer the others; it only prefers its own.
 */
export function namedInEveryPart(understanding: QueryUnderstanding, parts: readonly { text: string }[]): QueryUnderstanding {
  if (understanding.units.length === 0) return understanding;
  const aliases = [...understanding.unitMentions, ...(understanding.hintedUnits ?? [])].map((mention) => mention.alias);
  if (parts.length < 2 || parts.every((part) => aliases.some((alias) => part.text.includes(alias)))) return understanding;
  return { ...understanding, units: [], unitMentions: [], hintedUnits: [...(understanding.hintedUnits ?? []), ...understanding.unitMentions] };
}
