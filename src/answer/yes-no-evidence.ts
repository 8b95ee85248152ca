import { onlyPlans } from "../query/figure-scope.js";

/**
 * What a passage says to a yes/no question: whether its phrase on the thing asked denies it, says all of it
 * is done, or only plans it, and how reports write a price kept, a fee waived or what something costs.
 */

/** The question's words for the change. */
export const PRICE_CHANGE_WORD = /涨|提价|调价|上调|上浮/;
/** A clause that speaks of a price or fee at all. */
export const PRICED = /价|费|收费|元/;
/** How reports say a price was kept. */
const KEPT_WORDS = "保持不变|不变|不上浮|不上调|未上涨|未调整";
/** A clause that says what a price did: kept, raised or lowered. */
export const PRICE_STATE = new RegExp(`(?:价格?|费|收费|标准)[^，。；]{0,6}(?:${KEPT_WORDS}|上涨|上调|上浮|提高|下调|降低)|(?:按|执行)原(?:价格|标准)|原标准`);
/** ... and that it was kept. */
export const PRICE_KEPT = new RegExp(`${KEPT_WORDS}|原标准`);

/** The words of a yes/no question asking whether something can be done, or whether anyone did it ("有人烧秸秆没"). */
export const YES_NO_WORDS = /^(?:能不能|不能|可不可以|可以|有人|有没有人)$/;

/** "未发生", "没有出现", "无一例", "零事故": the phrase says it did not happen; "无需提交": it is not needed. */
const NEGATED = /未(?:发生|出现|发现|接到|造成|引发)|没有(?:发生|出现|发现|造成)|无(?:一例|一起|人员伤亡)|零(?:事故|发生|伤亡)|杜绝|无[需须]|不需要?/;

/** The phrase of the clause that says what was asked says it did not happen. */
export function denies(clause: string, terms: readonly string[], question: string): boolean {
  return NEGATED.test(askedPhrase(clause, terms, question)) || NEGATED.test(claimedPhrase(clause, question) ?? "");
}

/** The phrase of a clause with the question's last word that the clause has: what the question asks happened. */
function askedPhrase(clause: string, terms: readonly string[], question: string): string {
  const found = terms.filter((term) => clause.includes(term));
  const asked = saidLast(found, question);
  if (asked === undefined) return clause;
  // Of the phrases with that word, the one with most of the question's words ("秸秆综合利用率93.5%，未发现秸秆焚烧火点" for 烧秸秆).
  const said = (part: string) => found.filter((term) => part.includes(term)).length;
  return clause.split(/[，,；;]/).filter((part) => part.includes(asked)).reduce<string | undefined>((best, part) => (best === undefined || said(part) > said(best) ? part : best), undefined) ?? clause;
}

/** The phrase of a clause sharing most characters with what the question claims happened ("伤到人" against "…，未造成人员伤亡"). */
function claimedPhrase(clause: string, question: string): string | undefined {
  const claimed = CLAIM_AFTER.exec(question)?.[1];
  if (!claimed) return undefined;
  const shared = (phrase: string) => [...new Set(claimed.replace(NO_CLAIM_CHARACTERS, ""))].filter((character) => phrase.includes(character)).length;
  const best = clause.split(/[，,；;]/).reduce((top, phrase) => (shared(phrase) > shared(top) ? phrase : top));
  return shared(best) >= CLAIM_CHARACTERS ? best : undefined;
}

/** "有没有伤到人", "是否发生事故": what the question claims happened, after its yes/no words. */
const CLAIM_AFTER = /(?:有没有|有无|是否|是不是)([\u4e00-\u9fff]{2,8}?)(?:的|过)?[？?]?\s*$/;
/** Characters of a claim that say nothing of it. */
const NO_CLAIM_CHARACTERS = /[的了过着有没是不到出个那这些]/g;
/** A phrase shares this many of the claim's characters to be the one saying it. */
const CLAIM_CHARACTERS = 2;

/** Of the words (two characters or more) the question says, the one it says last: what it asks happened. */
export function saidLast(terms: readonly string[], question: string): string | undefined {
  return terms
    .filter((term) => [...term].length > 1 && question.includes(term))
    .sort((left, right) => question.lastIndexOf(right) - question.lastIndexOf(left))[0];
}

/**
 * "中心路立体停车楼已完成施工图设计，计划4月开工" for "开工了没": the phrase with the question's last word
 * that the clause has (what it asks happened) only plans it.
 */
export function onlyPlanned(clause: string, terms: readonly string[], question: string): boolean {
  return onlyPlans(askedPhrase(clause, terms, question));
}

/** "全部完成", "均已整改", "已完工", "整改率100%": all of it done (not "已完成29座"). */
const ALL_DONE = /全部|均已|全面完成|100\s*%|百分之百|清零|销号|如期完成|按期完成|(?:已|顺利|提前)(?:完成|完工|竣工|结束|办结)(?![\d一二两三四五六七八九十])/;

/** The phrase of the clause that says what was asked says all of it is done. */
export function saysDone(clause: string, terms: readonly string[], question: string): boolean {
  return ALL_DONE.test(askedPhrase(clause, terms, question));
}
