import type { StoredItem } from "../domain.js";
import { maximalTerms } from "../text/maximal-terms.js";
import { topicShare, type ScoredClause, type Synonyms } from "./select-sentences.js";

/**
 * When a question names what an item is about rather than a value, the answer is the item's gist (its
 * first clauses with figures), or the clause naming the thing with the clause that says the rest.
 */

/** The headline must carry this share of the question's words for the question to ask for the item's gist. */
const GIST_TITLE_SHARE = 0.8;
/** The gist: this many of the item's first clauses that give figures. */
const GIST_CLAUSES = 2;

/** The item's first clauses with figures, when its headline says all the question says (else none). */
export function gistOf(entry: { item: StoredItem; clauses: readonly ScoredClause[]; terms: readonly string[] }, weight: (term: string) => number, synonyms: Synonyms | undefined): ScoredClause[] {
  if (topicShare({ text: entry.item.title, terms: entry.terms, weight, synonyms }) < GIST_TITLE_SHARE) return [];
  const gist = [...entry.clauses].sort((left, right) => left.position - right.position).filter((clause) => /\d/.test(clause.text)).slice(0, GIST_CLAUSES);
  // "HPV疫苗" against "推进“两癌”筛查和HPV疫苗接种": the headline names two things and the question one of them;
  // a clause that says all of the question's words itself is about it, when the first clauses say none.
  const own = (clause: ScoredClause) => topicShare({ text: clause.text, terms: entry.terms, weight, synonyms });
  const about = entry.clauses.find((clause) => /\d/.test(clause.text) && own(clause) >= 1);
  return about && gist.every((clause) => own(clause) === 0) ? [] : gist;
}

/** A complementing clause must carry at least this share of the question's words the chosen one lacks. */
const COMPLEMENT_SHARE = 0.25;

/** The item's clause that carries most of the question's words the chosen clause and the headline leave out, if any does. */
export function complementClause(options: { chosen: ScoredClause; clauses: readonly ScoredClause[]; terms: readonly string[]; title: string; weight: (term: string) => number }): ScoredClause | undefined {
  const { chosen, title } = options;
  const weightOf = (term: string) => options.weight(term) * ([...term].length === 1 ? 0.3 : 1);
  const terms = maximalTerms(options.terms);
  const total = terms.reduce((sum, term) => sum + weightOf(term), 0);
  const missing = terms.filter((term) => !chosen.text.includes(term) && !title.includes(term));
  if (total === 0 || missing.length === 0) return undefined;
  let best: { clause: ScoredClause; share: number } | undefined;
  for (const clause of options.clauses) {
    if (clause.text === chosen.text) continue;
    const share = missing.reduce((sum, term) => sum + (clause.text.includes(term) ? weightOf(term) : 0), 0) / total;
    if (share >= COMPLEMENT_SHARE && (!best || share > best.share)) best = { clause, share };
  }
  return best?.clause;
}
