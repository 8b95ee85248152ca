/**
 * A word the segmenter does not know falls apart into single characters ("年假" -> 年 / 假), and
 * single characters match almost any passage. Adjacent single-character terms of the question are
 * put back together: the passage must have the word, not its characters scattered about.
 *
 * @example
 * joinSingleCharacterRuns({ text: "年假怎么请 走 流程", terms: ["年", "假", "走", "流程"] })
 * // ["年假", "走", "流程"]
 */
export function joinSingleCharacterRuns(options: { text: string; terms: readonly string[] }): string[] {
  const singles = new Set(options.terms.filter((term) => [...term].length === 1));
  if (singles.size < 2) return [...options.terms];
  // Characters that belong to a longer term of the question stay where they are.
  const covered = new Set<number>();
  for (const term of options.terms) {
    if ([...term].length < 2) continue;
    for (let at = options.text.indexOf(term); at >= 0; at = options.text.indexOf(term, at + 1)) for (let index = at; index < at + term.length; index += 1) covered.add(index);
  }
  const runs: string[] = [];
  const joined = new Set<string>();
  let run = "";
  const close = () => {
    if ([...run].length > 1) {
      runs.push(run);
      for (const character of run) joined.add(character);
    }
    run = "";
  };
  // Positions in UTF-16 units, as indexOf gives them above.
  for (let index = 0; index < options.text.length; index += 1) {
    const character = options.text[index]!;
    if (singles.has(character) && !covered.has(index)) run += character;
    else close();
  }
  close();
  if (runs.length === 0) return [...options.terms];
  return [...new Set([...options.terms.filter((term) => !joined.has(term)), ...runs])];
}
