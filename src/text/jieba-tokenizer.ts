import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nodejieba from "nodejieba";
import { DataFileError } from "../errors.js";
import type { Tokenizer } from "./tokenizer.js";
import { escapeRegExp } from "./escape-reg-exp.js";

/** Changes whenever segmentation changes, so indexes built with an older version are rebuilt. */
const TOKENIZER_NAME = "jieba-search-v1";

const DEFAULT_DICTIONARY_DIR = fileURLToPath(new URL("../../data/dictionary/", import.meta.url));
const TERMS_FILE = "governance-terms.txt";
const STOPWORDS_FILE = "stopwords.txt";

/** PDF extraction leaves line-wrap spaces inside Chinese ("服 务群众") and around figures ("4.9 万"). */
const SPACE_NEXT_TO_HAN = /(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/gu;
/** A figure, with a scale unit kept (4.9万, 61.5%) or an approximation suffix dropped (1700余). */
const FIGURE = String.raw`(\d+(?:\.\d+)?)(?:\s*(%)|(万|亿)|(?:余|多))?`;
const PUNCTUATION_ONLY = /^[\s\p{P}\p{S}]*$/u;
const HAS_ASCII_ALPHANUMERIC = /[0-9a-z]/;

/** jieba's dictionary is process-global, so words inserted once stay for every tokenizer instance. */
const wordsInsertedIntoJieba = new Set<string>();

export interface JiebaTokenizerOptions {
  /** Extra words to keep whole, e.g. unit names known at start-up (区委社工部). */
  userWords?: readonly string[];
  /** Replaces the stopword list read from `stopwords.txt` when given. */
  stopwords?: readonly string[];
  /** Folder holding governance-terms.txt and stopwords.txt; defaults to data/dictionary/. */
  dictionaryDir?: string;
}

/**
 * Search-mode jieba segmentation with figures kept whole.
 * This module is the only importer of nodejieba: a second `nodejieba.load()` elsewhere would drop added words.
 *
 * @example
 * const tokenizer = createJiebaTokenizer({ userWords: ["区委社工部"] });
 * tokenizer.tokenize("区委社工部：注册志愿者增至 4.9 万人");
 * // ["区委", "社工", "工部", "区委社工部", "注册", "志愿", "愿者", "志愿者", "注册志愿者", "增至", "4.9万", "4.9", "人"]
 */
export function createJiebaTokenizer(options: JiebaTokenizerOptions = {}): Tokenizer & {
  /**
   * tokenize() of a passage's headline, its body and both joined, for the index and the hashing
   * embedder at once, cutting most of the body only once: what a full rebuild spends most of its
   * segmentation on. Equal to three tokenize() calls (test/jieba-tokenizer.test.ts checks every fixture).
   */
  tokenizeParts(parts: { title: string; body: string }): SegmentedParts;
  /**
   * Loads jieba's dictionary now (~3 s, 240 MiB), which otherwise happens at the first tokenize():
   * a server starts reading its index files off the event loop first, then loads it meanwhile.
   */
  preload(): void;
} {
  const dictionaryDir = options.dictionaryDir ?? DEFAULT_DICTIONARY_DIR;
  const stopwords = new Set(
    (options.stopwords ?? readWordList(path.join(dictionaryDir, STOPWORDS_FILE))).map(normalizeWord),
  );
  // Words with digits or Latin letters never reach jieba whole (figures are cut out first), so they are matched here.
  const mixedWords = new Set<string>();
  let segmentPattern = buildSegmentPattern(mixedWords);

  function addWords(words: readonly string[]): void {
    let mixedChanged = false;
    for (const raw of words) {
      const word = normalizeWord(raw);
      if (word === "" || PUNCTUATION_ONLY.test(word)) continue;
      if (HAS_ASCII_ALPHANUMERIC.test(word)) {
        if (!mixedWords.has(word)) {
          mixedWords.add(word);
          mixedChanged = true;
        }
        continue;
      }
      if (wordsInsertedIntoJieba.has(word)) continue;
      // Inserting a word loads the dictionary: until preload() or the first tokenize(), words wait.
      if (pendingWords) pendingWords.add(word);
      else insertWord(word);
    }
    if (mixedChanged) segmentPattern = buildSegmentPattern(mixedWords);
  }

  let pendingWords: Set<string> | undefined = new Set();
  function insertWord(word: string): void {
    if (wordsInsertedIntoJieba.has(word)) return;
    nodejieba.insertWord(word);
    wordsInsertedIntoJieba.add(word);
  }
  function preload(): void {
    if (!pendingWords) return;
    const words = pendingWords;
    pendingWords = undefined;
    for (const word of words) insertWord(word);
  }

  function pushJiebaTokens(text: string, tokens: string[]): void {
    if (PUNCTUATION_ONLY.test(text)) return;
    // Second argument turns the HMM on, which also joins unknown names (玉发, 精瓷).
    for (const token of nodejieba.cutForSearch(text, true)) {
      if (!stopwords.has(token) && (startsWithHan(token) || !PUNCTUATION_ONLY.test(token))) tokens.push(token);
    }
  }

  function pushFigure(match: RegExpExecArray, offset: number, tokens: string[]): void {
    const number = match[offset] ?? "";
    const unit = match[offset + 1] ?? match[offset + 2];
    if (unit !== undefined) tokens.push(number + unit);
    tokens.push(number);
  }

  function tokenizeNormalized(text: string, pattern: RegExp, tokens: string[]): void {
    pattern.lastIndex = 0;
    let position = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match.index > position) pushJiebaTokens(text.slice(position, match.index), tokens);
      const mixedWord = match[1];
      if (mixedWord !== undefined) {
        tokens.push(mixedWord);
        // Also index the parts, so "12345" alone finds "12345热线".
        tokenizeNormalized(mixedWord, FIGURE_PATTERN, tokens);
      } else {
        pushFigure(match, 2, tokens);
      }
      position = match.index + match[0].length;
    }
    if (position < text.length) pushJiebaTokens(text.slice(position), tokens);
  }

  function dictionaryParts(word: string): string[] {
    preload();
    return nodejieba.cut(word, false).filter((part) => part.trim() !== "");
  }

  function tokenize(text: string): string[] {
    preload();
    const tokens: string[] = [];
    tokenizeNormalized(normalizeText(text), segmentPattern, tokens);
    return tokens;
  }

  function tokenizeParts(parts: { title: string; body: string }): SegmentedParts {
    preload();
    const title = tokenize(parts.title);
    const joinedText = normalizeText(`${parts.title}\n${parts.body}`);
    const body = normalizeText(parts.body);
    // jieba cuts the text on either side of 。 apart, and no figure or mixed word spans one: the terms after the body's
    // first 。 are the same alone as after the headline, so only the headline and the first sentence are cut twice.
    const stop = body.indexOf(SENTENCE_END);
    const tail = stop < 0 ? "" : body.slice(stop);
    if (stop < 0 || !joinedText.endsWith(tail)) {
      const bodyTerms: string[] = [];
      tokenizeNormalized(body, segmentPattern, bodyTerms);
      const joined: string[] = [];
      tokenizeNormalized(joinedText, segmentPattern, joined);
      return { title, body: bodyTerms, joined };
    }
    const head: string[] = [];
    tokenizeNormalized(body.slice(0, stop), segmentPattern, head);
    const tailTerms: string[] = [];
    tokenizeNormalized(tail, segmentPattern, tailTerms);
    const joined: string[] = [];
    tokenizeNormalized(joinedText.slice(0, joinedText.length - tail.length), segmentPattern, joined);
    return { title, body: [...head, ...tailTerms], joined: [...joined, ...tailTerms] };
  }

  addWords(readWordList(path.join(dictionaryDir, TERMS_FILE)));
  if (options.userWords) addWords(options.userWords);

  return { name: TOKENIZER_NAME, tokenize, addWords, tokenizeParts, preload, dictionaryParts };
}

/** Terms of a passage's headline, of its body, and of both joined by a line break (as the hashing embedder reads them). */
export interface SegmentedParts {
  title: string[];
  body: string[];
  joined: string[];
}

/** One of jieba's own separators that normalisation keeps (it turns ，into ASCII, which jieba does not split at). */
const SENTENCE_END = "。";

/** Same group layout as buildSegmentPattern with no mixed words: group 1 never matches. */
const FIGURE_PATTERN = new RegExp(String.raw`(?!)()|${FIGURE}`, "gu");

function buildSegmentPattern(mixedWords: ReadonlySet<string>): RegExp {
  if (mixedWords.size === 0) return new RegExp(String.raw`(?!)()|${FIGURE}`, "gu");
  // Longest first, so 12345热线平台 wins over 12345热线.
  const alternatives = [...mixedWords].sort((left, right) => right.length - left.length).map(escapeRegExp);
  return new RegExp(`(${alternatives.join("|")})|${FIGURE}`, "gu");
}

/** Cheap check that spares the Unicode regex for the common case. */
function startsWithHan(token: string): boolean {
  const code = token.charCodeAt(0);
  return code >= 0x4e00 && code <= 0x9fff;
}

function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SPACE_NEXT_TO_HAN, "");
}

function normalizeWord(word: string): string {
  return normalizeText(word.trim());
}

/** One entry per line, `#` starts a comment line, anything after the first whitespace is ignored. */
function readWordList(file: string): string[] {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (cause) {
    throw new DataFileError({
      file,
      message: "读不到分词词典",
      hint: "请从代码仓库恢复 data/dictionary/，或让 dictionaryDir 指向含 governance-terms.txt 和 stopwords.txt 的目录",
      cause,
    });
  }
  return content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(/\s+/)[0] ?? "");
}
