import type { Thesaurus } from "../query/thesaurus.js";

/**
 * The words a question is searched by: its phrases segmented apart (a word is not cut across two of
 * them), glued verbs and guessed words undone, thesaurus words it says kept whole, and quantities said
 * in passing dropped.
 */
export function queryWords(options: {
  text: string;
  tokenize: (text: string) => string[];
  known: (word: string) => boolean;
  dictionaryParts?: ((word: string) => string[]) | undefined;
  thesaurus: Pick<Thesaurus, "wordsIn" | "synonyms">;
}): string[] {
  const { text, known, dictionaryParts, thesaurus } = options;
  if (!text) return [];
  // Spaces next to Chinese are dropped as line wraps, so the phrases are separated by a comma.
  const segmented = splitGluedWords({ terms: options.tokenize(text.replace(/\s+/g, "，")), known });
  const guessed = dictionaryParts ? splitGuessedWords({ terms: segmented, known, dictionaryParts }) : segmented;
  // "新开" cut into 新 / 开: a thesaurus word the question says is a term of its own, so its synonyms ("新设立") are searched.
  const thesaurusWords = thesaurus.wordsIn(text).filter((word) => !guessed.includes(word) && thesaurus.synonyms(word).some(known));
  return withoutQuantities([...guessed, ...thesaurusWords]);
}

/**
 * A question word no bulletin has is sometimes a known word with a verb or preposition glued to its
 * front by the segmenter ("当河长" for 当 + 河长, "请物业" for 请 + 物业): it can never match, and it weighs
 * most in coverage. Such a word is replaced by the known word. Other unknown words ("居住证") stay
 * whole: that the bulletins do not have them is evidence too.
 *
 * @example
 * splitGluedWords({ terms: ["河长制", "当河长"], known: (word) => ["河长制", "河长"].includes(word) })
 * // ["河长制", "河长"]
 */
export function splitGluedWords(options: { terms: readonly string[]; known: (word: string) => boolean }): string[] {
  const { terms, known } = options;
  const result: string[] = [];
  for (const term of terms) {
    const word = unglued(term, known);
    if (!result.includes(word)) result.push(word);
  }
  return result;
}

function unglued(term: string, known: (word: string) => boolean): string {
  if ([...term].length < 2 || known(term)) return term;
  const [first = "", last = ""] = [term[0], term.at(-1)];
  if ([...term].length >= 3 && LEADING.test(first) && known(term.slice(1))) return term.slice(1);
  // "收得" -> 收: a single character weighs little, known or not.
  if (TRAILING.test(last) && ([...term].length === 2 || known(term.slice(0, -1)))) return term.slice(0, -1);
  return term;
}

/** Verbs and prepositions that lead a phrase in staff questions: "当河长", "请物业", "给企业", "帮群众". */
const LEADING = /^[当请把给让被在到去来帮找做搞办拿送叫跟和与对向从为]$/;
/** Particles that follow a verb: "收得上来", "办了", "来过". */
const TRAILING = /^[得了着过]$/;

/**
 * A question word no bulletin has and no dictionary has either was guessed by the segmenter from
 * the characters around it ("网红带" in 网红带货, "节请" in 年货节请): it stands for nothing and weighs
 * most in coverage. It is searched as its dictionary parts ("网红", "带"). A word the dictionary has
 * ("居住证") stays whole: that the bulletins lack it is evidence.
 */
export function splitGuessedWords(options: { terms: readonly string[]; known: (word: string) => boolean; dictionaryParts: (word: string) => string[] }): string[] {
  const result: string[] = [];
  for (const term of options.terms) {
    const parts = [...term].length >= 2 && /^[\u4e00-\u9fff]+$/.test(term) && !options.known(term) ? options.dictionaryParts(term) : [term];
    for (const part of parts.length > 1 ? parts : [term]) if (!result.includes(part)) result.push(part);
  }
  return result;
}

/** "两所", "三个", "几家": how many of something, said in passing; it names no topic. */
const QUANTITY = /^[一二两三四五六七八九十几数]+[个所家项名次场件条位批座处台辆户人]$/;

/** The question's words without quantities said in passing ("新开的两所学校" searches 新开, 学校). */
export function withoutQuantities(terms: readonly string[]): string[] {
  const kept = terms.filter((term) => !QUANTITY.test(term));
  return kept.length > 0 ? kept : [...terms];
}
