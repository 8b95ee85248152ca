import cliProgress from "cli-progress";
import type { Application, IngestResult } from "../app/create-application.js";
import type { IngestReport } from "../ingest/ingest-files.js";
import type { CliContext } from "./cli-context.js";
import { formatTable } from "./format-table.js";

const STATUS_LABEL = { added: "新增", replaced: "已替换", unchanged: "未变化" } as const;

/** The JSON contract of `ingest --json` (other tools depend on it): the unit keeps its historical name `department`. */
export function ingestReportJson(report: IngestReport) {
  return {
    documents: report.documents.map(({ source, parsed }) => ({
      source,
      kind: parsed.kind,
      issue: parsed.issue,
      year: parsed.year,
      date: parsed.date,
      items: parsed.items.map((item) => ({ department: item.unit, departments: item.units, kind: item.kind, title: item.title })),
    })),
    failed: report.failed.map(({ source, error }) => ({ source, error })),
  };
}

/** The ingest as a table for people, one line per failure with its reason and fix, and the totals. */
export function formatIngestReport(report: IngestReport): string {
  const rows = [
    ...report.documents.map((document) => [
      document.source,
      document.parsed.issue === null ? (document.parsed.kind === "article" ? "（非简报）" : "-") : `第${document.parsed.issue}期`,
      document.parsed.date ?? "-",
      String(document.parsed.items.length),
      STATUS_LABEL[document.status],
    ]),
    ...report.failed.map((failure) => [failure.source, "-", "-", "-", "失败"]),
  ];
  const lines = [formatTable({ headers: ["文件", "期号", "日期", "条目", "状态"], rows })];
  for (const failure of report.failed) lines.push(`✗ ${failure.source}：${failure.error}`);
  const counts = { added: 0, replaced: 0, unchanged: 0 };
  for (const document of report.documents) counts[document.status] += 1;
  lines.push(`共 ${report.documents.length + report.failed.length} 个文件：新增 ${counts.added}，替换 ${counts.replaced}，未变化 ${counts.unchanged}，失败 ${report.failed.length}。`);
  return lines.join("\n");
}

/**
 * Ingests `paths` through the application (files stored, then the index updated), with a progress
 * bar on stderr when it is a terminal. An index that could not be updated is reported, not fatal:
 * the files are stored and `reindex` completes the job later.
 */
export async function runIngest(options: { context: CliContext; application: Application; paths: readonly string[] }): Promise<IngestResult> {
  const { context, application, paths } = options;
  const stderr = context.io.stderr;
  const bar = stderr.isTTY
    ? new cliProgress.SingleBar({ stream: stderr as NodeJS.WriteStream, format: "导入 [{bar}] {value}/{total} {source}", hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  try {
    const result = await application.ingest({
      paths,
      onProgress: ({ done, total, source }) => {
        if (!bar || total < 2) return;
        if (!started) bar.start(total, 0, { source });
        started = true;
        bar.update(done, { source });
      },
    });
    if (result.index && !result.index.updated) {
      stderr.write(`检索索引未能更新：${result.index.error}\n（简报已入库；问题解决后运行 npm run cli -- reindex）\n`);
      context.fail();
    }
    if (result.failed.length > 0) context.fail();
    return result;
  } finally {
    if (started) bar?.stop();
  }
}
