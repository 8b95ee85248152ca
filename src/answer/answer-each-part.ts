import type { StoredItem } from "../domain.js";
import { PLAN_ASKED, type AnswerType } from "../query/answer-type.js";
import { PLAN_SAID } from "../query/figure-scope.js";
import { looksBackOn, plansFor, reportsOn } from "../query/period-reports.js";
import type { QueryUnderstanding } from "../query/understand-query.js";
import { resolveRelativeTimes } from "./resolve-relative-times.js";
import { scoreClauses, type ScoredClause, type Synonyms } from "./select-sentences.js";

/**
 * The rest of a question that asks for several values: each further thing asked ("消费券发了多少钱，直播多少人看")
 * and each further period named ("23年跟去年各纳入了几个小区") answered by the item that gives it.
 */

/** A clause must carry this much of the question's words to answer it (the type bonus aside). */
export const TOPIC_MINIMUM = 0.25;
/** The best item's clause with a figure of the asked type needs only this much of the question's words. */
export const TOP_ITEM_TOPIC_MINIMUM = 0.1;
/** A part answered by the first item with this much of its words needs no other item… */
const PART_TOPIC_CLEAR = 0.5;
/** …otherwise another item answers it when its clause has this much more of them. */
const PART_TOPIC_MARGIN = 0.2;

/** A clause quoted in the answer, and its item. */
export interface Quoted {
  item: StoredItem;
  clause: ScoredClause;
}

/**
 * "消费券发了多少钱，直播多少人看": each part's value from the first answer's item, in the item's order; a part that
 * item does not answer from the next item found that does ("河长巡了多少次 安全月应急查了多少家企业"). Returns
 * the clauses to add, none already quoted.
 */
export function answerEachThingAsked(options: {
  thingsAsked: readonly { text: string; type: AnswerType }[];
  /** The first answer's item, then the other items found, in ranking order. */
  first: StoredItem;
  others: readonly StoredItem[];
  understanding: Pick<QueryUnderstanding, "text" | "keywords" | "periods">;
  tokenize: (text: string) => string[];
  termWeight: (term: string) => number;
  /** Other words of the question, a small bonus each. */
  context: readonly string[];
  synonyms: Synonyms | undefined;
  /** The years the question asks about, for a part that names none of its own. */
  askedYears: { from: number; to: number; partial: boolean; part?: string | undefined } | undefined;
  quoted: readonly Quoted[];
}): Quoted[] {
  const { understanding, first, others, synonyms } = options;
  const added: Quoted[] = [];
  for (const part of options.thingsAsked) {
    // "23年授信多少 去年授信总额又是多少": a part that names its own period is answered by an item of that period.
    const at = understanding.text.indexOf(part.text);
    const period = understanding.periods?.find((named) => named.start >= at && named.start < at + part.text.length);
    // "去年秋天预计招多少": a plan for the period comes out shortly before it.
    const plan = PLAN_ASKED.test(part.text);
    // The part's own period, or the question's: a clause opening on another year is not about it.
    const partYears = period ? yearsOf(period) : options.askedYears;
    const fits = (item: StoredItem) => !period || reportsOn(item.date, period) || (plan && plansFor(item.date, period));
    // The part's own period says which report, not what the clause is about ("去年秋天" against "今年秋季").
    const ownWords = period ? `${part.text.slice(0, period.start - at)} ${part.text.slice(period.end - at)}` : part.text;
    const terms = options.tokenize(ownWords);
    const answerType = { ...part.type, focus: understanding.keywords, ...(synonyms ? { synonyms: synonyms.of } : {}) };
    const bestIn = (item: StoredItem) =>
      scoreClauses({ text: item.body, terms, context: options.context, weight: options.termWeight, answerType, title: item.title, synonyms, years: partYears && { ...partYears, issued: item.date } }).find((clause) => clause.typed);
    let found: Quoted | undefined;
    const own = fits(first) ? bestIn(first) : undefined;
    if (own && own.topic >= TOP_ITEM_TOPIC_MINIMUM) found = { item: first, clause: own };
    // Scored one item at a time, down the ranking: the first that answers the part, unless the first
    // answer's item only touches it and another is clearly about it ("…清单扩到几项了 一网统管上了几个场景").
    for (const item of others) {
      if (found && found.clause.topic >= PART_TOPIC_CLEAR) break;
      if (!fits(item)) continue;
      const clause = bestIn(item);
      if (clause && clause.topic >= TOPIC_MINIMUM && (!found || clause.topic >= found.clause.topic + PART_TOPIC_MARGIN)) found = { item, clause };
    }
    if (found && ![...options.quoted, ...added].some((entry) => entry.clause.text === found.clause.text)) added.push(found);
  }
  return added;
}

/**
 * "住建23年跟去年的老旧小区改造 各纳入了几个小区": each period named that no quoted clause answers, by its own
 * best item: the period's reports that give a figure on the topic, the one most about it. The first answer's
 * unit reporting the same thing in another year needs only a little of the topic, as the first answer does.
 */
export function answerEachPeriod(options: {
  periods: readonly { from: string; to: string }[];
  /** The items found, each with its best clause. */
  candidates: readonly { item: StoredItem; best: ScoredClause | undefined }[];
  quoted: readonly Quoted[];
}): Quoted[] {
  const added: Quoted[] = [];
  const firstUnits = options.quoted[0]?.item.units ?? [];
  const sameUnit = (item: StoredItem) => item.units.some((unit) => firstUnits.includes(unit));
  for (const period of options.periods) {
    if ([...options.quoted, ...added].some((entry) => answersFor(entry, period))) continue;
    const entry = options.candidates
      .filter((candidate) => candidate.best !== undefined && reportedFor({ item: candidate.item, clause: candidate.best }, period) && candidate.best.typed && candidate.best.topic >= (sameUnit(candidate.item) ? TOP_ITEM_TOPIC_MINIMUM : TOPIC_MINIMUM))
      .reduce<(typeof options.candidates)[number] | undefined>((best, candidate) => (!best || candidate.best!.topic > best.best!.topic ? candidate : best), undefined);
    if (entry?.best) added.push({ item: entry.item, clause: entry.best });
  }
  return added;
}

/** The first and last year a period spans. */
export function yearsOf(period: { from: string; to: string }): { from: number; to: number; partial: boolean } {
  return { from: Number(period.from.slice(0, 4)), to: Number(period.to.slice(0, 4)), partial: period.from.slice(5) !== "01-01" || period.to.slice(5) !== "12-31" };
}

/** The clause is from a report on the period, or, for a year, from one in the months after it naming the year. */
function reportedFor(entry: Quoted, period: { from: string; to: string }): boolean {
  return reportsOn(entry.item.date, period) || looksBackOn(entry.item.date, resolveRelativeTimes({ text: entry.clause.text, date: entry.item.date }), period);
}

/** ... or plans for the period in a report shortly before it. */
export function answersFor(entry: Quoted, period: { from: string; to: string }): boolean {
  return reportedFor(entry, period) || (plansFor(entry.item.date, period) && PLAN_SAID.test(entry.clause.text));
}
