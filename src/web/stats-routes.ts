import { createRequire } from "node:module";
import express, { type Request, type Response } from "express";
import { z } from "zod";
import { displayTitle } from "../answer/citation.js";
import { selectExport, unitItemsOver, type ExportRequest } from "../export/export-request.js";
import type { UnitMatcher } from "../query/unit-aliases.js";
import { rangeLabel } from "../stats/describe-range.js";
import { statisticsCsv } from "../stats/statistics-csv.js";
import { statisticsJson } from "../stats/statistics-json.js";
import { buildStatisticsReport } from "../stats/statistics-report.js";
import type { Statistics } from "../stats/statistics.js";
import type { BulletinCatalog } from "../store/bulletin-store.js";
import { HttpError } from "./http-error.js";
import type { IssueLinks } from "./issue-links.js";
import { exportPath } from "./stats-links.js";

/** What the statistics view needs from the application. */
export interface StatisticsRouteParts {
  statistics: Statistics;
  /** Unit names and aliases, to read a department typed into the address. */
  units: () => UnitMatcher;
  /** BULLETIN_SERIES, named in the exported documents. */
  series: string;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期应为 YYYY-MM-DD").optional();
const rangeQuery = z.object({ from: date, to: date, department: z.string().trim().min(1).max(50).optional(), by: z.enum(["month", "quarter", "year"]).optional() });
const exportQuery = rangeQuery.extend({ issue: z.string().regex(/^\d{1,4}$/).optional(), year: z.string().regex(/^\d{4}$/).optional() });

function parse<T extends z.ZodType>(schema: T, request: Request): z.infer<T> {
  const parsed = schema.safeParse(request.query);
  if (!parsed.success) throw new HttpError(400, `参数不对：${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("；")}`);
  return parsed.data;
}

function rangeOf(query: { from?: string | undefined; to?: string | undefined }): { from?: string; to?: string } {
  if (query.from && query.to && query.from > query.to) throw new HttpError(400, "起始日期晚于截止日期。");
  return { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
}

function attachment(response: Response, options: { type: string; fileName: string; body: string | Buffer }): void {
  response.setHeader("Content-Type", options.type);
  response.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(options.fileName)}`);
  response.send(options.body);
}

/**
 * The statistics view's API: the report (GET /api/stats, same JSON as `stats --json`), its CSV,
 * one unit's items for its summary, and Word exports of a unit's items or a whole issue.
 * Mounted under the same staff login as the rest of /api.
 */
export function statisticsRoutes(options: StatisticsRouteParts & { catalog: BulletinCatalog; links: IssueLinks }): express.Router {
  const { statistics, catalog, links } = options;
  const router = express.Router();

  const department = (name: string | undefined): string[] => {
    if (name === undefined) return [];
    const resolved = options.units().resolve(name);
    if ("unit" in resolved) return [resolved.unit];
    throw new HttpError(404, `没有找到单位“${name}”。${resolved.suggestions.length > 0 ? `您是不是要找：${resolved.suggestions.join("、")}` : ""}`);
  };

  router.get("/api/stats", (request, response) => {
    const query = parse(rangeQuery, request);
    const report = buildStatisticsReport({ statistics, range: rangeOf(query), units: department(query.department), ...(query.by ? { by: query.by } : {}) });
    response.json({ ...statisticsJson(report), coverage: statistics.coverage() });
  });

  router.get("/api/stats.csv", (request, response) => {
    const query = parse(rangeQuery, request);
    const report = buildStatisticsReport({ statistics, range: rangeOf(query), units: department(query.department), ...(query.by ? { by: query.by } : {}) });
    attachment(response, { type: "text/csv; charset=utf-8", fileName: `${options.series}统计-${report.range.label}.csv`, body: statisticsCsv(report) });
  });

  // One unit's summary on the statistics page: its figures and every item, each linked to its issue.
  router.get("/api/stats/department", (request, response) => {
    const query = parse(rangeQuery, request);
    const [unit] = department(query.department);
    if (!unit) throw new HttpError(400, "缺少 department 参数。");
    const range = rangeOf(query);
    const items = unitItemsOver({ catalog, units: [unit], ranges: [range] });
    response.json({
      department: unit,
      range: { ...range, label: rangeLabel(range) },
      totals: {
        items: items.length,
        reports: items.filter((item) => item.kind === "report").length,
        briefs: items.filter((item) => item.kind === "brief").length,
        joint: items.filter((item) => item.units.length > 1).length,
        issues: new Set(items.map((item) => item.documentId)).size,
      },
      items: items.map((item) => ({
        issue: item.issue, year: item.year, date: item.date, title: displayTitle(item), kind: item.kind, departments: item.units,
        url: links.issue({ documentId: item.documentId, year: item.year, issue: item.issue, item: item.position }),
      })),
      download: exportPath({ kind: "unit", units: [unit], ranges: [range] }),
    });
  });

  router.get("/api/export.docx", async (request, response) => {
    const query = parse(exportQuery, request);
    let exportRequest: ExportRequest;
    if (query.issue) exportRequest = { kind: "issue", issue: Number(query.issue), ...(query.year ? { year: Number(query.year) } : {}) };
    else if (query.department) {
      const range = rangeOf(query);
      exportRequest = { kind: "unit", units: department(query.department), ranges: range.from || range.to ? [range] : [] };
    } else throw new HttpError(400, "请指定 department（单位）或 issue（期号）。");
    const content = selectExport({ catalog, request: exportRequest, series: options.series });
    if (!content) throw new HttpError(404, "没有收录这一期简报。");
    if (content.items.length === 0) throw new HttpError(404, `${content.subject}在${content.period}没有被采用的信息，没有可导出的内容。`);
    const { writeExportDocx } = await import("../export/write-docx.js");
    attachment(response, { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fileName: content.fileName, body: await writeExportDocx(content) });
  });

  return router;
}

const CHART_SCRIPT = createRequire(import.meta.url).resolve("chart.js").replace(/chart\.cjs$/, "chart.umd.min.js");

/** Chart.js for the statistics page, served from node_modules (the page loads scripts from this origin only). */
export function vendorScripts(): express.Router {
  const router = express.Router();
  router.get("/vendor/chart.umd.min.js", (_request, response) => {
    response.sendFile(CHART_SCRIPT, { maxAge: "1d" });
  });
  return router;
}
