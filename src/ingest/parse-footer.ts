import type { Segment } from "./segments.js";

const FOOTER_LINE = /^(?:本期送|本期发|抄送|抄报|报\s*[：:]|送\s*[：:]|发\s*[：:]|责任编辑|编辑\s*[：:]|签发|审核\s*[：:]|校对\s*[：:]|印发|共印)/;

export interface Footer {
  /** Index of the first footer segment (segments.length when there is no footer). */
  start: number;
  recipients: string[];
  editors: string[];
}

/** Reads the distribution and editor lines at the end of a bulletin. */
export function parseFooter(segments: readonly Segment[]): Footer {
  let start = segments.length;
  while (start > 0 && FOOTER_LINE.test(segments[start - 1]!.text)) start -= 1;
  const recipients: string[] = [];
  const editors: string[] = [];
  for (const segment of segments.slice(start)) {
    const editorLine = /^(?:责任编辑|编辑)\s*[：:]\s*(.*)$/.exec(segment.text);
    if (editorLine) editors.push(...splitNames(editorLine[1]!));
    else if (/^(?:本期送|本期发|抄送|抄报|报|送|发)/.test(segment.text)) recipients.push(segment.text);
  }
  return { start, recipients, editors };
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
