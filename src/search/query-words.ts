import type { Thesaurus } from "../query/thesaurus.js";
import type { Homophones } from "./homophones.js";

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
  homophones?: Homophones | undefined;
  together?: (word: string, others: readonly string[]) => boolean;
  /** Whether some report has the words as written (a phrase of several search words); default `known`. */
  written?: (words: string) => boolean;
  /** Unit names among the words: the thesaurus adds nothing for them ("应急局" is a unit, not a topic). */
  names?: readonly string[] | undefined;
}): string[] {
  const { text, known, dictionaryParts, thesaurus } = options;
  if (!text) return [];
  // Spaces next to Chinese are dropped as line wraps, so the phrases are separated by a comma.
  const segmented = splitGluedWords({ terms: options.tokenize(text.replace(/\s+/g, "，")), known });
  const split = dictionaryParts ? splitGuessedWords({ terms: segmented, known, dictionaryParts }) : segmented;
  const guessed = options.homophones && options.together ? correctBySound({ text, terms: split, known, homophones: options.homophones, together: options.together }) : split;
  // "新开" cut into 新 / 开: a thesaurus word the question says is a term of its own, so its synonyms ("新设立") are searched.
  // A synonym the bulletins write as several words ("最高气温": 最高 / 气温) counts where some report has it whole.
  const written = options.written ?? known;
  // A word the segmenter already found as words of its own ("环保督察": 环保 / 督察) is searched by them.
  const foundAsWords = (word: string) => options.tokenize(word).every((part) => [...part].length > 1 && guessed.includes(part));
  const inName = (word: string) => (options.names ?? []).some((name) => name.includes(word) || word.includes(name));
  const thesaurusWords = thesaurus.wordsIn(text).filter((word) => !guessed.includes(word) && !foundAsWords(word) && !inName(word) && thesaurus.synonyms(word).some(written));
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

/** Lengths of the runs of characters tried against the bulletins' words by sound, longest first. */
const SOUNDED_LENGTHS = [4, 3, 2];

/**
 * "城区易捞点" is segmented 城区 / 易 / 捞 / 点: where the segmenter found no word, a run of characters
 * that sounds like a word of the bulletins ("易涝点") was mistyped through the input method. The
 * bulletins' word is searched instead of the single characters it covers.
 *
 * @example
 * correctBySound({ text: "城区易捞点", terms: ["城区", "易", "捞", "点"], known, homophones, together }) // ["城区", "易涝点"]
 */
export function correctBySound(options: {
  text: string;
  terms: readonly string[];
  known: (word: string) => boolean;
  homophones: Homophones;
  /** Whether some bulletin item has `word` and one of `others`: a correction must fit the rest of the question. */
  together: (word: string, others: readonly string[]) => boolean;
}): string[] {
  const { text, known, homophones } = options;
  const others = options.terms.filter((term) => [...term].length > 1);
  // Characters inside a word the segmenter found are no typo.
  const inWord = new Set<number>();
  for (const term of options.terms.filter((term) => [...term].length > 1)) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) for (let spot = at; spot < at + term.length; spot += 1) inWord.add(spot);
  }
  const corrected: string[] = [];
  const covered = new Set<number>();
  for (const length of SOUNDED_LENGTHS) {
    for (let start = 0; start + length <= text.length; start += 1) {
      const run = text.slice(start, start + length);
      const spots = Array.from({ length }, (_, offset) => start + offset);
      if (spots.some((spot) => covered.has(spot) || inWord.has(spot)) || !/^[\u4e00-\u9fff]+$/.test(run) || known(run)) continue;
      // "给盲人用的" is no mistyped 任用: the word must stand with another word of the question in some report.
      const word = homophones.of(run).find((candidate) => (others.length === 0 ? length > 2 : options.together(candidate, others)));
      if (!word) continue;
      corrected.push(word);
      for (const spot of spots) covered.add(spot);
    }
  }
  if (corrected.length === 0) return [...options.terms];
  const coveredCharacters = new Set([...covered].map((spot) => text[spot]!));
  return [...options.terms.filter((term) => !([...term].length === 1 && coveredCharacters.has(term))), ...corrected.filter((word) => !options.terms.includes(word))];
}

/** "两所", "三个", "几家": how many of something, said in passing; it names no topic. */
const QUANTITY = /^[一二两三四五六七八九十几数]+[个所家项名次场件条位批座处台辆户人]$/;

/** The question's words without quantities said in passing ("新开的两所学校" searches 新开, 学校). */
export function withoutQuantities(terms: readonly string[]): string[] {
  const kept = terms.filter((term) => !QUANTITY.test(term));
  return kept.length > 0 ? kept : [...terms];
}
