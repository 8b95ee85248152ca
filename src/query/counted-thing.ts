import { escapeRegExp } from "../text/escape-reg-exp.js";
import type { AnswerType } from "./asked-value.js";

/**
 * Whether a passage names the thing a question counts ("多少老人", "几个村"), and whether its figure
 * counts that thing or another: the words next to a figure say what it is of.
 */

/** Measure words of people and things counted. */
export const PEOPLE_OR_THINGS = "户|名|人|位|家|个|所|项|处|座|栋|套|台|辆";

/** Some pair of adjacent characters of `words` is in `text`, or with one character between ("老人" in "老年人"). */
export function sharesPair(text: string, words: string): boolean {
  for (let index = 0; index + 1 < words.length; index += 1) {
    const [first, second] = [words[index]!, words[index + 1]!];
    if (new RegExp(`${escapeRegExp(first)}[\u4e00-\u9fff]?${escapeRegExp(second)}`).test(text)) return true;
  }
  return false;
}

/** "加游机" for 加油机: a word of three or more characters with its middle one mistyped. */
function namesMistyped(text: string, words: string): boolean {
  for (let index = 0; index + 2 < words.length; index += 1) {
    if (new RegExp(`${escapeRegExp(words[index]!)}[\u4e00-\u9fff]${escapeRegExp(words[index + 2]!)}`).test(text)) return true;
  }
  return false;
}

/**
 * The clause names what is counted somewhere: a pair of its characters ("老人" in "老年人"), its first
 * character before a figure ("土地420亩" for 多少亩地), the name with its middle character mistyped, the verb
 * asked glued to it ("招生"), or a thesaurus word for it ("教师" for 老师).
 */
export function mentionsCounted(text: string, counted: string, type: Pick<AnswerType, "verb" | "synonyms">): boolean {
  return sharesPair(text, counted) || namesBeforeFigure(text, counted[0]!) || countsFirstCharacter(text, counted[0]!) || namesMistyped(text, counted) || verbGluedToCounted(text, type.verb, counted)
    || (type.synonyms?.[counted] ?? []).some((word) => text.includes(word));
}

/** "招多少学生" against "招生计划1650人", "招多少工人" against "招工": the verb asked glued to a character of what is counted. */
function verbGluedToCounted(text: string, verb: string | undefined, counted: string): boolean {
  if (verb === undefined || counted.length < 2) return false;
  return text.includes(`${verb}${counted[0]}`) || text.includes(`${verb}${counted.at(-1)}`);
}

/** "多少亩地种菜" against "流转土地 420 亩": the counted thing's first character names the figure just after it. */
function namesBeforeFigure(text: string, character: string): boolean {
  return new RegExp(`${escapeRegExp(character)}\\s*\\d`).test(text);
}

/** "几个村做完了" against "已有9个村完成清查": the figure's measure word followed by the counted thing's first character. */
function countsFirstCharacter(text: string, character: string): boolean {
  return new RegExp(`\\d[\\d.]*\\s*(?:万|亿)?\\s*(?:余|多)?\\s*(?:${PEOPLE_OR_THINGS})${escapeRegExp(character)}`).test(text);
}

/** "47户老旧住户": a figure followed by what it counts. */
const COUNTED_NOUN = new RegExp(`\\d[\\d.]*\\s*(?:万|亿)?\\s*(?:${PEOPLE_OR_THINGS})([\\u4e00-\\u9fff]{2,4})`, "g");

/** "对860名独居老人实行…", "确定入伍新兵58名" for 多少老人/几个新兵: what the question counts is next to the figure. */
export function countsAskedThing(phrase: string, counted: string): boolean {
  const thing = escapeRegExp(counted);
  // "非遗代表性项目达47项" for 非遗项目, "预付式消费投诉218件" for 预付卡投诉: the name's first word and its
  // head noun with a word between them, right before the figure.
  const spread = [...counted].length >= 4 ? `|${escapeRegExp(counted.slice(0, 2))}[\\u4e00-\\u9fff]{1,4}?${escapeRegExp(counted.slice(-2))}\\s*(?:达|为|共|有)?\\s*\\d` : "";
  return new RegExp(`\\d[\\d.]*\\s*(?:万|亿)?\\s*(?:余|多)?\\s*(?:${PEOPLE_OR_THINGS})[\\u4e00-\\u9fff]{0,4}?${thing}|${thing}\\s*(?:达|为|共|有)?\\s*\\d${spread}`).test(phrase);
}

/** "为47户老旧住户免费检修…，为130名独居老人安装…": the figure before the topic counts something else. */
export function countsOtherThing(phrase: string, topic: string): boolean {
  const nouns = [...phrase.matchAll(COUNTED_NOUN)].map((match) => match[1] ?? "");
  return nouns.length > 0 && nouns.every((noun) => !sharesPair(topic, noun) && !sharesPair(noun, topic));
}
