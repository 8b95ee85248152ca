/**
 * Recognises the closing attribution of an item, "（区教育局）" or "(区卫健委 区医保局)",
 * and tells unit names apart from other parenthesised text such as "（试行）" or "（如图）".
 */
const UNIT_SUFFIX =
  /(?:局|部|办|委|院|街道|镇|乡|村|社区|中心|分局|所|站|队|会|室|馆|团|处|科|组|公司|集团|政府|工委|妇联|科协|残联|工商联|分行|办事处|法庭|学校|医院)$/;
const NOT_UNIT = /试行|暂行|草案|如图|上接|下转|接上|转下|附件|详见|见图|摄|记者|通讯员/;
const SEPARATOR = /[\s、，,；;/]+|(?<=[局部办委院道镇心会室])(?:和|及|与)/;

export function isUnitName(name: string): boolean {
  return /^[\u4e00-\u9fa5A-Za-z0-9·（）()]{2,24}$/.test(name) && UNIT_SUFFIX.test(name) && !NOT_UNIT.test(name);
}

/** Splits the inside of an attribution into unit names; undefined when it is not an attribution. */
export function parseUnits(inner: string): string[] | undefined {
  const parts = inner.trim().split(SEPARATOR).filter(Boolean);
  if (parts.length === 0 || parts.length > 6) return undefined;
  return parts.every(isUnitName) ? parts : undefined;
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
