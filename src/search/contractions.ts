/**
 * Chinese contracts two adjacent words to their first characters: 雨水 + 污水 -> 雨污 (雨污管网),
 * 环境 + 保护 -> 环保, 文化 + 旅游 -> 文旅. A question may spell out what the bulletins contract;
 * the contraction, when the bulletins use it as a word, stands in for both words.
 *
 * @example
 * contractions({ text: "雨水污水管子", terms: ["雨水", "污水", "管子"], known: (word) => word === "雨污" })
 * // Map { "雨水" => ["雨污"], "污水" => ["雨污"] }
 */
export function contractions(options: { text: string; terms: readonly string[]; known: (word: string) => boolean }): Map<string, string[]> {
  const { text } = options;
  const found = new Map<string, string[]>();
  const twoCharacter = new Set(options.terms.filter((term) => [...term].length === 2));
  for (const first of twoCharacter) {
    for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      const second = text.slice(at + 2, at + 4);
      if (second === first || !twoCharacter.has(second)) continue;
      const contracted = `${first[0]}${second[0]}`;
      if (contracted === first || contracted === second || !options.known(contracted)) continue;
      for (const word of [first, second]) found.set(word, [...new Set([...(found.get(word) ?? []), contracted])]);
    }
  }
  return found;
}
