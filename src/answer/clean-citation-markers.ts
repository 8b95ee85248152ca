/**
 * One citation marker as models write it: [1], ［1］, 【1】, [^1], [1,2], [1、3], [1-3], with
 * ASCII or full-width digits. At most three digits, so a bracketed year such as [2025] is left alone.
 */
export const CITATION_MARKER = /[[［【]\^?[ \t]*([0-9０-９]{1,3}(?:[ \t]*(?:[,，、;；]|[-–—~～])[ \t]*[0-9０-９]{1,3})*)[ \t]*[\]］】]/g;
/** Longest range expanded from "[a-b]"; longer ones are taken as text, not a citation. */
const MAX_RANGE = 20;

/**
 * Rewrites every run of adjacent markers through `map` (old number → new number, or undefined to
 * drop it) as canonical "[a][b]", ascending and without duplicates. A run left empty is removed
 * together with the spaces before it. Returns the text and the numbers written, in reading order.
 */
function rewriteMarkers(options: { text: string; map: (n: number) => number | undefined }): { text: string; used: number[] } {
  const { text } = options;
  const used: number[] = [];
  let output = "";
  let position = 0;
  const matches = [...text.matchAll(CITATION_MARKER)];
  for (let index = 0; index < matches.length; ) {
    const runStart = matches[index]!.index;
    let runEnd = runStart + matches[index]![0].length;
    const numbers = new Set<number>();
    // A run: markers separated by nothing but spaces, e.g. "[1] [2]" or "【1】[3]".
    for (;;) {
      for (const n of parseNumbers(matches[index]![1]!)) {
        const mapped = options.map(n);
        if (mapped !== undefined) numbers.add(mapped);
      }
      index += 1;
      const next = matches[index];
      if (!next || !/^[ \t]*$/.test(text.slice(runEnd, next.index))) break;
      runEnd = next.index + next[0].length;
    }
    output += text.slice(position, runStart);
    position = runEnd;
    if (numbers.size === 0) {
      output = output.replace(/[ \t]+$/, "");
      continue;
    }
    const sorted = [...numbers].sort((left, right) => left - right);
    for (const n of sorted) if (!used.includes(n)) used.push(n);
    output += sorted.map((n) => `[${n}]`).join("");
  }
  output += text.slice(position);
  return { text: output, used };
}

function parseNumbers(list: string): number[] {
  const ascii = list.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  const numbers: number[] = [];
  for (const part of ascii.split(/[,，、;；]/)) {
    const [from, to] = part.split(/[-–—~～]/).map((value) => Number.parseInt(value.trim(), 10));
    if (from === undefined || Number.isNaN(from)) continue;
    if (to === undefined || Number.isNaN(to)) {
      numbers.push(from);
      continue;
    }
    if (to < from || to - from > MAX_RANGE) continue;
    for (let n = from; n <= to; n += 1) numbers.push(n);
  }
  return numbers;
}

/** Every item number `text` cites, valid or not, in reading order. */
export function citedNumbers(text: string): number[] {
  return [...text.matchAll(CITATION_MARKER)].flatMap((match) => parseNumbers(match[1]!));
}

/**
 * Normalises a model's citation markers to "[1][2]" and drops those pointing at no provided item.
 * `used` lists the markers that remain, in first-use order (within one run, ascending).
 *
 * @example
 * cleanCitationMarkers({ text: "交流教师140余人次［1］，见[2,9]。", valid: new Set([1, 2, 3]) });
 * // { text: "交流教师140余人次[1]，见[2]。", used: [1, 2] }
 */
export function cleanCitationMarkers(options: { text: string; valid: ReadonlySet<number> }): { text: string; used: number[] } {
  return rewriteMarkers({ text: options.text, map: (n) => (options.valid.has(n) ? n : undefined) });
}

/**
 * Renumbers markers so `order[i]` becomes i + 1 (pass `used` from cleanCitationMarkers to number
 * citations 1..m in first-use order); markers not in `order` are dropped.
 *
 * @example
 * renumberCitationMarkers({ text: "甲[4]乙[2][4]", order: [4, 2] }); // "甲[1]乙[1][2]"
 */
export function renumberCitationMarkers(options: { text: string; order: readonly number[] }): string {
  const renumbered = new Map(options.order.map((n, index) => [n, index + 1]));
  return rewriteMarkers({ text: options.text, map: (n) => renumbered.get(n) }).text;
}
