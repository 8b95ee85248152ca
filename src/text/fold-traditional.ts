import { Converter } from "opencc-js/t2cn";

// Built on first use: loading the OpenCC dictionaries costs a few milliseconds.
let convert: ((text: string) => string) | undefined;

/**
 * Folds traditional Chinese characters to simplified ones (OpenCC "t" -> "cn", offline), so that
 * 區教育局 and 区教育局 compare equal. Meant for recognising and matching names, not for display.
 * The result always has the input's length, so offsets found in the folded text point into the
 * original: where a phrase rule would change the length, each character is folded on its own.
 *
 * @example foldTraditional("（區衛健委）") // "（区卫健委）"
 */
export function foldTraditional(text: string): string {
  // Latin-only text has nothing to fold; skip the dictionary walk.
  if (!/[^\u0000-\u00ff]/.test(text)) return text;
  const fold = (convert ??= Converter({ from: "t", to: "cn" }));
  const folded = fold(text);
  if (folded.length === text.length) return folded;
  return [...text]
    .map((character) => {
      const one = fold(character);
      return one.length === character.length ? one : character;
    })
    .join("");
}
