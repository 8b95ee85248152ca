import { foldTraditional } from "../text/fold-traditional.js";
import { findDate } from "./find-date.js";
import type { Segment } from "./segments.js";

/** Distribution, editor and printing lines: "本期送：…", "主编：…", "中共某某市委办公室 2024年5月20日印发", "（共印80份）". */
const FOOTER_LINE =
  /^(?:本期送|本期发|抄送|抄报|报送\s*[：:]|报\s*[：:]|送\s*[：:]|发\s*[：:]|主\s*编\s*[：:]|副主编|责任编辑|编辑\s*[：:]|签发|审核\s*[：:]|审稿\s*[：:]|校对\s*[：:]|联系电话|印发|共印)|(?:日|\d)\s*印发$|^[（(]\s*共印\s*\d+\s*份\s*[）)]$/;
/** Labels of a footer line; only the editors' ones are read, the others end an editors' list. */
const LABEL = /(责任编辑|副主编|主\s*编|编\s*辑|审\s*核|审\s*稿|校\s*对|签\s*发|联系电话|电\s*话)\s*[：:]/g;
const PRINT_RUN = /[（(]?\s*共印\s*\d*\s*份?\s*[）)]?.*$/;
const EDITOR_ROLE = /^(?:责任编辑|副主编|主\s*编|编\s*辑)$/;

export interface Footer {
  /** Index of the first footer segment (segments.length when there is no footer). */
  start: number;
  recipients: string[];
  editors: string[];
  /** Date of the 印发 line ("中共某某市委办公室 2024年5月20日印发"), else of any footer line; null when none. */
  date: { iso: string; year: number } | null;
}

/** Reads the distribution, editor and printing lines at the end of a bulletin. */
export function parseFooter(segments: readonly Segment[]): Footer {
  let start = segments.length;
  while (start > 0 && FOOTER_LINE.test(foldTraditional(segments[start - 1]!.text))) start -= 1;
  const recipients: string[] = [];
  const editors: string[] = [];
  const lines = segments.slice(start).map((segment) => segment.text);
  for (const text of lines) {
    // Labels are matched on folded text; its offsets are the original's (same length).
    const folded = foldTraditional(text);
    const labels = [...folded.matchAll(LABEL)];
    // "主编：张三 编辑：李四 王五 审核：赵六" holds several labelled lists.
    labels.forEach((label, index) => {
      if (!EDITOR_ROLE.test(label[1]!)) return;
      const from = label.index + label[0].length;
      // "责任编辑：郝 婕 许亦是        共印 110 份": the print run shares the line, it is no name.
      editors.push(...splitNames(text.slice(from, labels[index + 1]?.index ?? text.length).replace(PRINT_RUN, "").trim()));
    });
    if (labels.length === 0 && /^(?:本期送|本期发|抄送|抄报|报送|报|送|发)/.test(folded)) recipients.push(text);
  }
  return { start, recipients, editors, date: findFooterDate(lines) };
}

/**
 * The date printed at the end of a document: a 印发 line first, else the last short line with a
 * date (the signature date of a notice). Used when the masthead gives none.
 */
export function findFooterDate(lines: readonly string[]): { iso: string; year: number } | null {
  const tail = lines.slice(-6).map((line) => foldTraditional(line)).filter((line) => line.length <= 60);
  const dated = (line: string) => findDate(line);
  const printed = tail.find((line) => /印发\s*$/.test(line) && dated(line));
  const fallback = [...tail].reverse().find((line) => dated(line) && !/[，。；！？]/.test(line));
  const found = dated(printed ?? fallback ?? "");
  return found ? { iso: found.iso, year: found.year } : null;
}

/** "郝 婕 许亦是" -> ["郝婕", "许亦是"]: two-character names are often spaced out for alignment. */
export function splitNames(text: string): string[] {
  const parts = text.split(/[\s、，,；;]+/).filter(Boolean);
  const names: string[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const next = parts[index + 1];
    if (part.length === 1 && next !== undefined && next.length === 1) {
      names.push(part + next);
      index += 1;
    } else names.push(part);
  }
  return names;
}
