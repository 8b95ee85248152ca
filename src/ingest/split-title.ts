import type { Paragraph } from "./join-paragraphs.js";
import { isUnitName } from "./parse-attribution.js";

/**
 * Separates a report's headline from its body when both share the first paragraph:
 * "区司法局运用“三段式”工作法推动行政争议实质化解 积极践行…" -> headline + body.
 * Candidate cut points are spaces and joined line breaks; the cut is taken where the body
 * visibly begins (一是, 按照, 今年以来 …), else at the first space within headline length.
 */
const BODY_OPENERS = [
  "一是", "一、", "（一）", "按照", "积极", "紧扣", "围绕", "建立", "明确", "今年以来", "去年以来", "近年来", "近期", "近日", "日前",
  "为进一步", "为切实", "为深入", "为全面", "为推动", "为加快", "为有效", "坚持", "聚焦", "立足", "结合", "针对", "通过", "依托",
  "着力", "持续", "深入", "强化", "截至", "自今年", "该局", "我区", "全区", "主动", "创新", "大力",
];
/** Openers strong enough to cut a headline even without a space before them. */
const GLUED_OPENERS = ["一是", "按照", "今年以来", "去年以来", "近年来", "为进一步", "为切实", "为深入", "紧扣", "围绕"];

/** The longest unit name read in a joint headline ("区婴幼儿照护服务指导中心" is 12). */
const JOINT_UNIT_LENGTH = 14;
const MIN_TITLE = 6;
const MAX_TITLE = 64;

export interface TitleSplit {
  title: string;
  /** Offset in the paragraph where the body starts. */
  bodyStart: number;
  /** The body visibly begins at the cut (一是, 今年以来, the unit named again …), rather than at a mere space. */
  opened?: boolean;
}

/** The unit a headline opens with ("区教育局推进……" -> 区教育局), shortest reading. */
function headlineUnit(text: string): string | undefined {
  for (let end = 3; end <= Math.min(24, text.length); end += 1) {
    if (isUnitName(text.slice(0, end))) return text.slice(0, end);
  }
  return undefined;
}

/**
 * A body may open with when: "9 月 20 日，", "8 月 1 日至 7 日，", "9 月 1 日起，", "2025 年，", "去年 11 月专项行动开展以来", "今年，" (a year
 * inside a headline runs on: "峡窝镇启动 2026 年和美乡村示范创建").
 */
const DATE_OPENER = /^(?:(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*(?:至|到|—|-|~|～)\s*(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号]|春节|元旦|清明|五一|端午|中秋|国庆)(?:前|后|前后)?|\d{1,2}\s*(?:[—–\-~～至到]\s*\d{1,2}\s*)?月(?:\s*\d{1,2}\s*[日号])?|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?)(?:以来|起|期间|初|底|中旬|上旬|下旬)?[，,]|^(?:19|20)\d{2}\s*年(?:以来|全区|全镇|全街道)|^(?:今年|去年|年初|年底|上半年|下半年)/;
/** "1 月 25 日至 2 月 10 日，": the second date of a range does not open anything. */
const RANGE_BEFORE = /(?:至|到|—|-|~|～|、|和|及)\s*$/;

function opensBody(text: string, at: number): boolean {
  const rest = text.slice(at).trimStart();
  if (BODY_OPENERS.some((opener) => rest.startsWith(opener))) return true;
  if (DATE_OPENER.test(rest) && !RANGE_BEFORE.test(text.slice(0, at))) return true;
  // The body often starts by naming the headline's unit again: "区样本局推进建设 区样本局按照……".
  const unit = headlineUnit(text);
  return unit !== undefined && at > unit.length && rest.startsWith(unit);
}

export function splitTitle(paragraph: Paragraph): TitleSplit | undefined {
  const text = paragraph.text;
  const inlineBold = /^\*\*([^*]+)\*\*\s*/.exec(text);
  if (inlineBold) return { title: inlineBold[1]!.trim(), bodyStart: inlineBold[0].length };

  const candidates = new Set<number>(paragraph.breaks);
  for (const match of text.matchAll(/\s+/g)) candidates.add(match.index);
  // "区残疾人康复中心 区残联以…为契机推进…": a space between the units of a joint headline ends nothing.
  // Everything before the space is units: "…收尾阶段 今年济源路街道…" is a headline and its body, though 阶段 ends like a unit.
  // A unit's name is short: "…创业就业平台 建成区…孵化基地" ends like two units but names none.
  const jointUnit = (name: string | undefined) => name !== undefined && isUnitName(name) && name.length <= JOINT_UNIT_LENGTH;
  const betweenUnits = (at: number) => text.slice(0, at).trim().split(/\s+/).every(jointUnit) && jointUnit(headlineUnit(text.slice(at).trimStart()));
  // "…“两手抓”清明假期（4 月 4 日…": a headline never ends inside brackets it opened.
  const insideBrackets = (at: number) => (text.slice(0, at).match(/[（(]/g)?.length ?? 0) > (text.slice(0, at).match(/[）)]/g)?.length ?? 0);
  const cuts = [...candidates].filter((at) => at >= MIN_TITLE && at <= MAX_TITLE && !betweenUnits(at) && !insideBrackets(at)).sort((a, b) => a - b);
  const beforePunctuation = (at: number) => !/[，。；：！？]/.test(text.slice(0, at));

  const opened = cuts.find((at) => beforePunctuation(at) && opensBody(text, at));
  if (opened !== undefined) return { title: text.slice(0, opened).trim(), bodyStart: opened, opened: true };

  const firstPunctuation = text.search(/[，。；：！？]/);
  const limit = Math.min(MAX_TITLE, firstPunctuation === -1 ? MAX_TITLE : firstPunctuation);
  for (const opener of GLUED_OPENERS) {
    const at = text.indexOf(opener, MIN_TITLE);
    if (at !== -1 && at <= limit) return { title: text.slice(0, at).trim(), bodyStart: at };
  }
  // A PDF sets figures and signs apart with spaces ("第 37 个", "热线 + 网格"): such a space ends no headline
  // while another does; when every space is one, the body most likely opens on a month ("活动 4 月是…", not "汇算于 3 月").
  const spaces = cuts.filter((at) => beforePunctuation(at) && /\s/.test(text[at] ?? ""));
  const padding = (at: number) => /[0-9+＋]/.test(text.slice(0, at).trimEnd().slice(-1)) || /^\s*[0-9+＋]/.test(text.slice(at));
  // "2024 年 11 月 15 日": a month right after its year is inside one date, not where the body opens.
  const opensOnMonth = (at: number) => /^\s*\d{1,2}\s*(?:[—–\-~～至到]\s*\d{1,2}\s*)?月/.test(text.slice(at)) && !/(?:于|在|至|到|从|自|为|是|年)$/.test(text.slice(0, at).trimEnd());
  // A joined line break is a cut too ("…敬老爱老氛围" / "10 月 4 日重阳节当天，…").
  // "…圆满完成 2021 年春运道路运输保障任务 2021 年春运自 1 月 28 日开始": the body opens by saying the headline's year again.
  const restatesYear = (at: number) => {
    const year = /^\s*((?:19|20)\d{2})\s*年/.exec(text.slice(at))?.[1];
    return year !== undefined && text.slice(0, at).includes(year);
  };
  const space = spaces.find((at) => !padding(at)) ?? cuts.find((at) => beforePunctuation(at) && opensOnMonth(at)) ?? spaces.find(restatesYear) ?? spaces[0];
  if (space !== undefined) return { title: text.slice(0, space).trim(), bodyStart: space };
  return undefined;
}
