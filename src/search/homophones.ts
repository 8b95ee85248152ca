import { soundOf } from "../text/sound-of.js";

/**
 * Words typed through a pinyin input method come out as other characters of the same sound: "易捞点"
 * for 易涝点, "区志搞子" for 志稿. The bulletins' own words, looked up by sound, put them right.
 */
export interface Homophones {
  /** Words of the bulletins that sound like `text` (toneless pinyin) and share a character with it; never `text` itself. */
  of(text: string): string[];
}

/** Sound keys are built for words of this many characters. */
const SHORTEST = 2;
const LONGEST = 4;
const CHINESE = /^[\u4e00-\u9fff]+$/;


/**
 * Homophones over a growing vocabulary (the lexical index's terms, read from where it was last read).
 * A word counts while `known` says the bulletins still have it.
 */
export function createHomophones(options: { vocabulary: (start: number) => readonly string[]; known: (word: string) => boolean }): Homophones {
  const bySound = new Map<string, string[]>();
  let read = 0;
  const refresh = () => {
    const added = options.vocabulary(read);
    read += added.length;
    for (const word of added) {
      const length = [...word].length;
      if (length < SHORTEST || length > LONGEST || !CHINESE.test(word)) continue;
      const sound = soundOf(word);
      bySound.set(sound, [...(bySound.get(sound) ?? []), word]);
    }
  };
  return {
    of(text) {
      if (!CHINESE.test(text) || [...text].length < SHORTEST || [...text].length > LONGEST) return [];
      refresh();
      const sharesCharacter = (word: string) => [...word].some((character, at) => text[at] === character);
      return (bySound.get(soundOf(text)) ?? []).filter((word) => word !== text && sharesCharacter(word) && options.known(word));
    },
  };
}
