import { FEE_ASKED, FEE_ASKING_WORD, FEE_STATE, FEE_WORD } from "../query/fee-question.js";
import { asksPriceChange } from "../query/yes-no-claim.js";
import { maximalTerms } from "../text/maximal-terms.js";
import type { ScoredClause, Synonyms } from "./select-sentences.js";
import { PRICE_CHANGE_WORD, PRICE_STATE, saidLast } from "./yes-no-evidence.js";

/** Words at least this share as telling as the question's most telling one must be in the passage that says yes. */
const KEY_TERM_SHARE = 0.9;

/**
 * How a yes/no question with no value to check ("自建房有没有出过安全事故", "暖气费涨没涨", "家长要掏钱不")
 * is settled: which words a passage must say, and what counts as saying them. For any other question,
 * nothing is asked of the passage (no key terms, no last word).
 */
export interface YesNoReading {
  /** "暖气费涨没涨": whether a price rose, which a clause saying what the price did settles. */
  priceChange: boolean;
  /** "要不要买门票", "家长要掏钱不": whether it costs anything, which a clause saying what it costs settles. */
  feeAsked: boolean;
  /** What the question asks happened, said last ("安全事故" of "有没有出过安全事故"). */
  lastWord: string | undefined;
  /** The question's most telling words: the rarest in the bulletins (or never used in them), as rare as each other. */
  keyTerms: readonly string[];
  /** Of an item's clauses, the one that says what was asked: for a fee, one saying what it costs first. */
  saysAsked(clauses: readonly ScoredClause[]): ScoredClause | undefined;
  /** The passage (its best clause and headline, or for the rest of the question its body) says the key terms. */
  namesKeyTerms(passage: { best: ScoredClause; title: string; body: string }): boolean;
  /** The best clause or the headline says what the question asks happened. */
  namesLastWord(passage: { best: ScoredClause; title: string }): boolean;
}

export function readYesNoQuestion(options: {
  /** True for a yes/no question with no value to check; false gives a reading that asks nothing. */
  yesNo: boolean;
  text: string;
  queryTerms: readonly string[];
  synonyms: Synonyms | undefined;
  termWeight: (term: string) => number;
}): YesNoReading {
  const { yesNo, text, queryTerms, synonyms, termWeight } = options;
  // "自建房有没有出过安全事故": what the question asks happened is said last (事故); a passage on 自建房 without it says nothing.
  const lastWord = yesNo ? saidLast(maximalTerms(queryTerms), text) : undefined;
  const priceChange = yesNo && asksPriceChange(text);
  const feeAsked = yesNo && FEE_ASKED.test(text);
  // The text has the word, a thesaurus word for it, or says what a price did or what a thing costs.
  const says = (passage: string, word: string) =>
    passage.includes(word) || (synonyms?.of[word] ?? []).some((synonym) => passage.includes(synonym)) ||
    (priceChange && PRICE_CHANGE_WORD.test(word) && PRICE_STATE.test(passage)) || (feeAsked && FEE_WORD.test(word) && FEE_STATE.test(passage));
  // The clause says what the question asks happened ("未发生人员伤亡").
  const saysLastWord = (clause: ScoredClause) => lastWord !== undefined && says(clause.text, lastWord);
  // Digits ("7·31") name the event; they are no word to find said.
  // "出没出安全事故": the words cut from the asking form ("出没") are no word of the topic.
  const askingForm = /([\u4e00-\u9fff])[不没]\1/.exec(text)?.[0];
  const words = yesNo ? maximalTerms(queryTerms).filter((term) => [...term].length > 1 && /\D/.test(term) && !(feeAsked && FEE_ASKING_WORD.test(term)) && !askingForm?.includes(term)) : [];
  const rarest = Math.max(0, ...words.map((term) => termWeight(term)));
  const keyTerms = words.filter((term) => termWeight(term) >= rarest * KEY_TERM_SHARE);
  const names = (passage: { best: ScoredClause; title: string }, term: string) => [passage.best.text, passage.title].some((said) => says(said, term));
  return {
    priceChange, feeAsked, lastWord, keyTerms,
    // "企业要掏钱吗": a clause that says what it costs ("开展免费“法治体检”") before one that only speaks of a fee.
    saysAsked: (clauses) => (feeAsked ? clauses.find((clause) => FEE_STATE.test(clause.text) && saysLastWord(clause)) : undefined) ?? clauses.find(saysLastWord),
    // "五一峡窝乡村游人那么多 出没出安全事故": where the best clause says what is asked last (安全事故), the rest of the
    // question (游人 -> 游客) may be said elsewhere in the item.
    namesKeyTerms: (passage) => keyTerms.every((term) => names(passage, term) || (lastWord !== undefined && term !== lastWord && saysLastWord(passage.best) && says(passage.body, term))),
    namesLastWord: (passage) => lastWord === undefined || names(passage, lastWord),
  };
}
