import type { Answer } from "../answer/answer-question.js";
import type { ExportRequest } from "../export/export-request.js";
import type { DateRange } from "../stats/statistics.js";

/** One range covering all of a request's ranges (a download link carries one from/to). */
function span(ranges: readonly DateRange[]): DateRange {
  const froms = ranges.map((range) => range.from);
  const tos = ranges.map((range) => range.to);
  return {
    ...(froms.length > 0 && froms.every(Boolean) ? { from: (froms as string[]).sort()[0] } : {}),
    ...(tos.length > 0 && tos.every(Boolean) ? { to: (tos as string[]).sort().at(-1) } : {}),
  };
}

function query(entries: Record<string, string | number | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) parameters.set(key, String(value));
  return parameters.toString();
}

/** The Word export's address relative to the page (the page and the API share an origin and a base path). */
export function exportPath(request: ExportRequest): string {
  if (request.kind === "issue") return `api/export.docx?${query({ issue: request.issue, year: request.year })}`;
  const { from, to } = span(request.ranges);
  return `api/export.docx?${query({ department: request.units[0], from, to })}`;
}

/** The statistics page for a period, opened on one unit's summary when `unit` is given. */
export function statisticsPagePath(options: { unit?: string | undefined } & DateRange): string {
  const parameters = query({ department: options.unit, from: options.from, to: options.to });
  return `stats.html${parameters ? `?${parameters}` : ""}`;
}

/** What an answer can be downloaded as: an export question's document, or a one-unit summary's. */
function exportOf(answer: Answer): ExportRequest | undefined {
  if (answer.export) return answer.export;
  const { understanding } = answer;
  if (answer.intent !== "summary" || understanding.units.length !== 1 || answer.citations.length === 0) return undefined;
  const period = understanding.period;
  return { kind: "unit", units: [...understanding.units], ranges: period ? [{ from: period.from, to: period.to }] : [] };
}

/**
 * Links the web page shows under an answer: `download` (Word) for exports and one-unit summaries,
 * `statistics` (the full list on the statistics page) for counts and rankings.
 */
export function answerLinks(answer: Answer): { download?: string; statistics?: string } {
  const request = exportOf(answer);
  const counting = answer.intent === "count" || answer.intent === "ranking";
  const period = answer.understanding.period;
  const unit = answer.understanding.units.length === 1 ? answer.understanding.units[0] : undefined;
  return {
    ...(request ? { download: exportPath(request) } : {}),
    ...(counting ? { statistics: statisticsPagePath({ unit, ...(period ? { from: period.from, to: period.to } : {}) }) } : {}),
  };
}
