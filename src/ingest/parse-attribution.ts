import { foldTraditional } from "../text/fold-traditional.js";
import { isPersonName } from "./person-name.js";

/**
 * Recognises the attribution that names an item's unit, "（区教育局）", "(区卫健委 区医保局)",
 * "（区政府办供稿）", "（供稿：区卫健委 张三）", and tells it apart from other parenthesised text
 * such as "（试行）" or "（如图）". Units come back with traditional characters folded.
 */
const UNIT_SUFFIX =
  /(?:局|部|办|委|院|街道|镇|乡|村|社区|中心|分局|所|站|队|会|室|馆|团|处|科|组|公司|集团|政府|工委|妇联|科协|残联|工商联|联|协|社|台|银行|分行|办事处|法庭|学校|大学|党校|中学|小学|医院|宫|林场|农场|幼儿园|水厂|厂|库|段|圃|基地|公寓)$/;
/** What is left of "（街道）", "（各社区）", "（镇村）" without its suffix names no unit: a kind of unit, not one. */
const GENERIC_STEM = /^(?:各|全|本|镇|乡|村|街道|社区)?$/;
// "（区农委 李静 摄）" credits a photo; 摄 inside a name (区摄影家协会) does not.
const NOT_UNIT = /试行|暂行|草案|如图|上接|下转|接上|转下|附件|详见|见图|摄$|摄[:：]|记者|通讯员/;
const SEPARATOR = /[\s、，,；;/]+|(?<=[局部办委院道镇心会室])(?:和|及|与)/;
/** "供稿：", "来源：" before the units. */
const LABEL = /^(?:供稿单位|报送单位|信息来源|稿件来源|来源|供稿|报送|稿源|作者单位|作者|撰稿|执笔)\s*[：:]\s*/;
/** "区政府办供稿", "区教育局 报送": what the unit did with the text, glued on or standing alone. */
const ROLE = /(?<=.)(?:供稿|报送|提供|撰稿|执笔|整理)$/;
const ROLE_WORD = /^(?:供稿|报送|提供|撰稿|执笔|整理)$/;

export function isUnitName(name: string): boolean {
  const folded = foldTraditional(name);
  const suffix = UNIT_SUFFIX.exec(folded);
  return /^[\u4e00-\u9fa5A-Za-z0-9·（）()]{2,24}$/.test(folded) && suffix !== null && !GENERIC_STEM.test(folded.slice(0, suffix.index)) && !NOT_UNIT.test(folded);
}

/** "区民政局李四" -> 区民政局 + 李四: a unit with its writer's name glued on. */
function splitUnitAndName(part: string): string | undefined {
  for (const length of [2, 3, 4]) {
    const unit = part.slice(0, -length);
    if (isUnitName(unit) && isPersonName(part.slice(-length))) return unit;
  }
  return undefined;
}

/**
 * Splits the inside of an attribution into unit names; undefined when it is not an attribution.
 * Writers' names and roles may follow the units ("区卫健委 张三", "区政府办供稿") but never
 * stand alone.
 */
export function parseUnits(inner: string): string[] | undefined {
  const parts = foldTraditional(inner).trim().replace(LABEL, "").split(SEPARATOR).filter(Boolean);
  if (parts.length === 0 || parts.length > 8) return undefined;
  const units: string[] = [];
  for (const written of parts) {
    if (ROLE_WORD.test(written)) continue;
    const part = written.replace(ROLE, "");
    if (isUnitName(part)) units.push(part);
    else if (units.length > 0 && isPersonName(part)) continue;
    else {
      const unit = splitUnitAndName(part);
      if (unit === undefined) return undefined;
      units.push(unit);
    }
  }
  return units.length > 0 ? units : undefined;
}

export interface Attribution {
  /** Offset in the paragraph where the attribution starts (the opening bracket). */
  start: number;
  /** Offset just after the closing bracket. */
  end: number;
  text: string;
  units: string[];
}

const AT_END = /[（(]\s*([^（）()]{2,80})\s*[）)]\s*$/;
const INLINE = /(?<=[。！？!?”」』])\s*([（(]\s*([^（）()]{2,80})\s*[）)])/g;

/** The attribution closing a paragraph, if the paragraph ends with one. */
export function findClosingAttribution(paragraph: string): Attribution | undefined {
  const match = AT_END.exec(paragraph);
  if (!match) return undefined;
  const units = parseUnits(match[1]!);
  if (!units) return undefined;
  const end = paragraph.trimEnd().length;
  return { start: match.index, end, text: paragraph.slice(match.index, end), units };
}

/**
 * Attributions glued to the next item on the same line by text extraction:
 * "...成效明显。（区教育局）区司法局运用..." — only after sentence-ending punctuation.
 */
export function findInlineAttributions(paragraph: string): Attribution[] {
  const found: Attribution[] = [];
  for (const match of paragraph.matchAll(INLINE)) {
    const units = parseUnits(match[2]!);
    if (!units) continue;
    const start = match.index + match[0].indexOf(match[1]!);
    const end = start + match[1]!.length;
    if (paragraph.slice(end).trim() === "") continue;
    found.push({ start, end, text: match[1]!, units });
  }
  return found;
}
