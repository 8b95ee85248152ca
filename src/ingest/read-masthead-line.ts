import type { IssueEdition } from "../domain.js";
import { foldTraditional } from "../text/fold-traditional.js";
import { findDate, type FoundDate } from "./find-date.js";
import { isUnitName } from "./parse-attribution.js";
import { EDITION_WORDS, readIssueMarks } from "./read-issue-marks.js";

/** Everything one line at the top of a document says about the issue, and what it leaves unexplained. */
export interface MastheadLine {
  series: string | null;
  publisher: string | null;
  issue: number | null;
  /** Year written with the issue number ("2024年第3期"). */
  issueYear: number | null;
  totalIssue: number | null;
  edition: IssueEdition | null;
  date: FoundDate | null;
  /** Words that are none of the above nor masthead decoration ("内部资料", "编印"). */
  leftovers: string[];
}

const SERIES =
  /^[\u4e00-\u9fa5]{0,10}(?:信息|简报|动态|专报|通讯|快报|要情|参阅|要报|摘报|周报|月报|专刊|简讯|快讯|通报|内参|参考|交流)$/;
const PUBLISHER = /^(?:中共)?[\u4e00-\u9fa5]{2,24}(?:办公室|委员会|人民政府|政府办|委办|宣传部|研究室|信息科|督查室|秘书科)$/;
/** Publisher lines say who compiled the issue: "中共某某市委办公室编", "主办：某某县委办公室". */
const COMPILED_BY = /^(?:主办单位|编印单位|主办|编印|编发|主编单位)[：:]?|(?:编印|编发|主办|编辑|印发|编)$/g;
const DECORATION =
  /^(?:[（(【〔]?(?:内部资料|注意保存|内部刊物|内部参阅|仅供参考|仅供领导参阅|请勿外传|妥善保管|秘密|机密|绝密|[★☆]+\S{0,4}|共印\d+份|编印|主办|编|印发)[）)】〕]?)+$|^[（()）\-—–·•|｜/、,，:：]+$/;
const SENTENCE = /[，。；！？,;!?]/;

/** Letter-spaced headings ("信 息 简 报") become one word again. */
export function closeLetterSpacing(text: string): string {
  return text.replace(/(?<=^|\s)[\u4e00-\u9fa5](?:\s+[\u4e00-\u9fa5](?=\s|$))+/g, (run) => run.replace(/\s+/g, ""));
}

function unbracket(word: string): string {
  return word.replace(/^[《〈【「]+|[》〉】」]+$/g, "");
}

/** A series name, possibly glued to its edition ("上街信息专报" = 上街信息, 专报 edition). */
function readSeries(word: string): { series: string; edition: IssueEdition | null } | undefined {
  const name = unbracket(word);
  for (const [edition, value] of Object.entries(EDITION_WORDS)) {
    const base = name.slice(0, -edition.length);
    if (name.endsWith(edition) && base.length >= 2 && SERIES.test(base)) return { series: base, edition: value };
  }
  return name.length >= 2 && SERIES.test(name) ? { series: name, edition: null } : undefined;
}

function readPublisher(word: string): string | undefined {
  const name = word.replace(COMPILED_BY, "");
  return name !== "" && (PUBLISHER.test(name) || isUnitName(name)) ? name : undefined;
}

/**
 * Reads one line of a masthead in any order: series name (spaced or not), issue forms, edition,
 * publisher and date. Traditional characters are folded first, so 《資訊簡報》 reads as 资讯简报.
 */
export function readMastheadLine(text: string): MastheadLine {
  const line: MastheadLine = {
    series: null, publisher: null, issue: null, issueYear: null, totalIssue: null, edition: null, date: null, leftovers: [],
  };
  let rest = foldTraditional(text);
  const date = findDate(rest);
  if (date) {
    line.date = date;
    rest = `${rest.slice(0, date.index)} ${rest.slice(date.index + date.length)}`;
  }
  const marks = readIssueMarks(rest);
  Object.assign(line, { issue: marks.issue, issueYear: marks.year, totalIssue: marks.totalIssue, edition: marks.edition });
  for (const word of closeLetterSpacing(marks.rest).split(/\s+/).filter(Boolean)) {
    const series = line.series === null ? readSeries(word) : undefined;
    if (series) {
      line.series = series.series;
      line.edition ??= series.edition;
      continue;
    }
    const publisher = line.publisher === null ? readPublisher(word) : undefined;
    if (publisher) line.publisher = publisher;
    else if (!DECORATION.test(word)) line.leftovers.push(word);
  }
  return line;
}

/** Something a masthead says was found on the line (decoration alone does not count). */
export function hasMastheadParts(line: MastheadLine): boolean {
  return [line.series, line.publisher, line.issue, line.totalIssue, line.edition, line.date].some((part) => part !== null);
}

/** Leftovers small enough to be an unknown masthead word (a series name, an office's motto), never a sentence. */
export function leftoversAreMinor(line: MastheadLine): boolean {
  return line.leftovers.join("").length <= 12 && !line.leftovers.some((word) => SENTENCE.test(word));
}
