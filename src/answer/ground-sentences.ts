import { CITATION_MARKER, citedNumbers, cleanCitationMarkers } from "./clean-citation-markers.js";

/**
 * Keeps only the sentences of a model's answer that rest on the items it was given. A sentence
 * stays when it cites at least one provided item and at least MIN_SUPPORT of its character pairs
 * occur in the items it cites (the prompt asks for figures and names copied from the text).
 * A marker pointing at no provided item is removed; the sentence stays only when it also cites a
 * provided item that supports it. Uncited sentences go, and so does a cited sentence the cited
 * items do not contain: what a bulletin smuggled in as an instruction, or what the model made up.
 */
export const MIN_SUPPORT = 0.4;

export type DropReason = "uncited" | "invalid-citation" | "unsupported";

export interface GroundedAnswer {
  /** The kept sentences, markers normalised and invalid ones removed; "" when none was kept. */
  text: string;
  /** Item numbers the kept sentences cite, in first-use order. */
  used: number[];
  dropped: { sentence: string; reason: DropReason }[];
}

const TERMINATORS = "。！？!?";
const CLOSERS = "”’」』）)";
const LEADING_MARKER = new RegExp(`^[ \\t]*(?:${CITATION_MARKER.source})`);
const CONTENT = /[\p{L}\p{N}]/u;

/**
 * Splits text into sentences that join back to it exactly. A sentence ends at 。！？!? (with
 * closing quotes) or a line break; citation markers right after the full stop ("…5.2万亩。[1]")
 * belong to the sentence before them.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  let position = 0;
  while (position < text.length) {
    const character = text[position]!;
    if (character === "\n") {
      sentences.push(text.slice(start, position + 1));
      start = position += 1;
      continue;
    }
    if (!TERMINATORS.includes(character)) {
      position += 1;
      continue;
    }
    let end = position + 1;
    while (end < text.length && (TERMINATORS + CLOSERS).includes(text[end]!)) end += 1;
    for (let marker = LEADING_MARKER.exec(text.slice(end)); marker; marker = LEADING_MARKER.exec(text.slice(end))) end += marker[0].length;
    sentences.push(text.slice(start, end));
    start = position = end;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}

/** Letters and digits only: what a sentence says, without markers, punctuation or spacing. */
function contentOf(text: string): string {
  return [...text.replace(CITATION_MARKER, "")].filter((character) => CONTENT.test(character)).join("");
}

function characterPairs(text: string): string[] {
  const characters = [...text];
  return characters.slice(1).map((character, index) => `${characters[index]}${character}`);
}

/** Share of the sentence's character pairs found in `source`, 0..1. */
function support(options: { content: string; source: ReadonlySet<string> }): number {
  const pairs = characterPairs(options.content);
  if (pairs.length === 0) return 0;
  return pairs.filter((pair) => options.source.has(pair)).length / pairs.length;
}

/** A line break, blank line or stray punctuation: layout between sentences, neither cited nor dropped. */
export function isLayout(sentence: string): boolean {
  return contentOf(sentence) === "" && citedNumbers(sentence).length === 0;
}

/**
 * Judges one sentence against the provided items (number → the text the model saw).
 * Returns the sentence with invalid markers removed, or why it goes.
 */
export function groundSentence(options: { sentence: string; sources: ReadonlyMap<number, string> }): { text: string } | { reason: DropReason } {
  const { sentence, sources } = options;
  const cited = citedNumbers(sentence);
  const valid = [...new Set(cited.filter((n) => sources.has(n)))];
  if (valid.length === 0) return { reason: cited.length === 0 ? "uncited" : "invalid-citation" };
  const content = contentOf(sentence);
  const source = new Set(valid.flatMap((n) => characterPairs(contentOf(sources.get(n)!))));
  if (support({ content, source }) < MIN_SUPPORT) return { reason: "unsupported" };
  return { text: cleanCitationMarkers({ text: sentence, valid: new Set(sources.keys()) }).text };
}

/**
 * Applies groundSentence to every sentence of `text`; line breaks between kept sentences stay.
 *
 * @example
 * groundAnswer({ text: "交流教师140余人次[2]。另据资料[9]。区长是张三。", sources: new Map([[2, "两年内共交流教师140余人次"]]) });
 * // { text: "交流教师140余人次[2]。", used: [2], dropped: [{ sentence: "另据资料[9]。", reason: "invalid-citation" }, { sentence: "区长是张三。", reason: "uncited" }] }
 */
export function groundAnswer(options: { text: string; sources: ReadonlyMap<number, string> }): GroundedAnswer {
  const kept: string[] = [];
  const dropped: GroundedAnswer["dropped"] = [];
  for (const sentence of splitSentences(options.text)) {
    if (isLayout(sentence)) {
      // Kept only after a kept sentence: an answer never starts with leftovers of dropped ones.
      if (kept.length > 0) kept.push(sentence);
      continue;
    }
    const judged = groundSentence({ sentence, sources: options.sources });
    if ("text" in judged) kept.push(judged.text);
    else dropped.push({ sentence, reason: judged.reason });
  }
  const text = kept.join("").replace(/\n{3,}/g, "\n\n").trim();
  return { text, used: cleanCitationMarkers({ text, valid: new Set(options.sources.keys()) }).used, dropped };
}
