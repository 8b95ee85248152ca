import { readFileSync } from "node:fs";
import { DataFileError } from "../errors.js";

/**
 * English words staff use for what the bulletins say in Chinese (data/dictionary/glossary-en.txt):
 * an English question's content words become Chinese search words, and its question words
 * ("how many", "what percentage") the Chinese ones that say what kind of value is asked.
 */
export interface EnglishGlossary {
  /** "How many saplings were planted in spring?" -> "多少 树苗 植树 春季"; "" when no word is known. */
  render(text: string): string;
}

/** Words that carry no topic: question words, auxiliaries, articles, prepositions, pronouns. */
const FUNCTION_WORDS = new Set(
  ("a an the of in on at to for from by with about into over under during since after before than as and or but not no " +
    "is are was were be been being do does did done has have had having will would can could should may might must shall " +
    "what which who whom whose when where why how many much long often " +
    "this that these those there here it its they them their we our us you your he she his her i me my " +
    "any some all each every other another more most less few such only just also still even ever already yet very so too " +
    "please tell know want need like get got give gave let make made say said show find found " +
    "bulletin bulletins issue issues report reports reported district shangjie year years month months day days").split(/\s+/),
);

/** Question words, put into Chinese so that the answer type is read as for a Chinese question. */
const QUESTION_WORDS: readonly [RegExp, string][] = [
  [/\b(?:what|which) (?:percentage|percent|share|proportion|rate|ratio)\b|\bhow (?:high|low) (?:was|is) the rate\b/i, "比例是多少"],
  [/\bhow much (?:money|funding|funds?|investment|subsid(?:y|ies)|did .* cost|does .* cost)\b|\bhow much\b.*\b(?:yuan|rmb|cost|spend|spent|invest(?:ed)?|pa(?:y|id)|fund(?:s|ing|ed)?)\b/i, "多少钱"],
  [/\bhow many households?\b/i, "多少户"],
  [/\bhow many (?:people|persons|residents|workers|staff|volunteers|students|teachers|visitors|patients|elderly)\b/i, "多少人"],
  [/\bhow long\b/i, "多长时间"],
  [/\bhow (?:many|much)\b/i, "多少"],
  [/\bwhen\b|\bwhat (?:date|day|time)\b/i, "什么时候"],
  [/\bwhere\b|\bwhat (?:place|location)\b/i, "在哪里"],
  [/\bwho\b|\bwhat (?:is|was|were|are) the names?\b|\bnamed?\b/i, "叫什么"],
];

/** Parses glossary lines: `english phrase = 中文; 中文`, `#` starts a comment. */
export function parseEnglishGlossary(lines: readonly string[], file = "data/dictionary/glossary-en.txt"): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const separator = line.indexOf("=");
    const phrase = separator > 0 ? words(line.slice(0, separator)).join(" ") : "";
    const chinese = separator > 0 ? line.slice(separator + 1).split(/[;；,，]/).map((term) => term.trim()).filter((term) => term !== "") : [];
    if (phrase === "" || chinese.length === 0) {
      throw new DataFileError({ file, message: `第 ${index + 1} 行“${raw.trim()}”不是“英文词语 = 中文词”`, hint: "每行写一个词，如“charging pile = 充电桩; 充电设施”" });
    }
    entries.set(phrase, [...(entries.get(phrase) ?? []), ...chinese]);
  });
  return entries;
}

export function readEnglishGlossary(options: { path: string }): EnglishGlossary {
  let text: string;
  try {
    text = readFileSync(options.path, "utf8");
  } catch (error) {
    throw new DataFileError({ file: options.path, message: "读不到英文词表", hint: "请从代码仓库恢复 data/dictionary/glossary-en.txt", cause: error });
  }
  return createEnglishGlossary(parseEnglishGlossary(text.split(/\r?\n/), options.path));
}

/** At most this many words in one glossary phrase are looked for. */
const LONGEST_PHRASE = 4;
/** Chinese terms used per English phrase: the first is the usual rendering, the second its common variant. */
const TERMS_PER_PHRASE = 2;

export function createEnglishGlossary(entries: ReadonlyMap<string, readonly string[]>): EnglishGlossary {
  return {
    render(text) {
      const question = QUESTION_WORDS.find(([pattern]) => pattern.test(text))?.[1];
      const found: string[] = [];
      const tokens = words(text);
      for (let start = 0; start < tokens.length; ) {
        let matched = 0;
        for (let length = Math.min(LONGEST_PHRASE, tokens.length - start); length >= 1 && matched === 0; length -= 1) {
          if (length === 1 && FUNCTION_WORDS.has(tokens[start]!)) continue;
          const terms = phrases(tokens.slice(start, start + length)).map((phrase) => entries.get(phrase)).find((entry) => entry !== undefined);
          if (terms) {
            // A variant built on the first (隐患 / 安全隐患) would only make a passage need the longer word.
            const [first, ...variants] = terms;
            found.push(first!, ...variants.filter((variant) => !variant.includes(first!) && !first!.includes(variant)).slice(0, TERMS_PER_PHRASE - 1));
            matched = length;
          }
        }
        start += Math.max(matched, 1);
      }
      if (found.length === 0) return "";
      return [...new Set(found), ...(question ? [question] : [])].join(" ");
    },
  };
}

function words(text: string): string[] {
  // "tree-planting" is two words, as the glossary writes it.
  return text.toLowerCase().match(/[a-z]+(?:['’][a-z]+)*/g)?.map((word) => word.replace(/['’]s$/, "")) ?? [];
}

/** The forms a question's word may have in the glossary: itself, then without an ending (saplings, planted, checking). */
function forms(word: string): string[] {
  const candidates = [word];
  const add = (form: string) => {
    if (form.length >= 2 && !candidates.includes(form)) candidates.push(form);
  };
  if (word.length > 3) {
    if (word.endsWith("ies")) add(`${word.slice(0, -3)}y`);
    if (word.endsWith("es")) add(word.slice(0, -2));
    if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) add(word.slice(0, -1));
    if (word.endsWith("ied")) add(`${word.slice(0, -3)}y`);
    if (word.endsWith("ed")) {
      add(word.slice(0, -2));
      add(word.slice(0, -1));
      if (/([^aeiou])\1ed$/.test(word)) add(word.slice(0, -3));
    }
    if (word.endsWith("ing") && word.length > 5) {
      add(word.slice(0, -3));
      add(`${word.slice(0, -3)}e`);
      if (/([^aeiou])\1ing$/.test(word)) add(word.slice(0, -4));
    }
  }
  return candidates;
}

/** Every phrase the words may form in the glossary, the words as written first. */
function phrases(tokens: readonly string[]): string[] {
  return tokens.reduce<string[]>((built, token) => built.flatMap((prefix) => forms(token).map((form) => (prefix === "" ? form : `${prefix} ${form}`))), [""]);
}
