import type { Tokenizer } from "./tokenizer.js";

/** Changes whenever the terms change, so indexes built with an older version are rebuilt. */
const TOKENIZER_NAME = "han-bigram-v1";

const HAN_RUN = /\p{Script=Han}+/gu;
const ASCII_WORD = /[0-9a-z]+(?:\.[0-9]+)?%?/g;

/**
 * Overlapping pairs of Chinese characters (a lone character as itself) and whole ASCII words and
 * figures: no dictionary, so it matches where word segmentation differs between a question and a
 * text ("微网格" vs "微 网格", a typo in one character of a long word). Words given to addWords
 * also come out whole when they occur.
 *
 * @example
 * createBigramTokenizer().tokenize("注册志愿者4.9万人"); // ["注册", "册志", "志愿", "愿者", "万人", "4.9"]
 */
export function createBigramTokenizer(): Tokenizer {
  const known = new Set<string>();
  return {
    name: TOKENIZER_NAME,
    addWords: (words) => {
      for (const word of words) if (/^\p{Script=Han}{2,}$/u.test(word.trim())) known.add(word.trim());
    },
    tokenize: (text) => {
      const normalized = text.normalize("NFKC").toLowerCase();
      const tokens: string[] = [];
      for (const [run] of normalized.matchAll(HAN_RUN)) {
        const characters = Array.from(run);
        if (characters.length === 1) tokens.push(run);
        for (let index = 0; index + 1 < characters.length; index += 1) tokens.push(characters[index]! + characters[index + 1]!);
        for (const word of known) if (run.includes(word)) tokens.push(word);
      }
      for (const [word] of normalized.matchAll(ASCII_WORD)) tokens.push(word);
      return tokens;
    },
  };
}
