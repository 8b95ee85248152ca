import cliProgress from "cli-progress";
import type { Command } from "commander";
import { openEngine } from "../app/open-engine.js";
import { describeError } from "../errors.js";
import { ingestFiles, type IngestReport } from "../ingest/ingest-files.js";
import { createBulletinStore } from "../store/bulletin-store.js";
import { formatTable } from "./format-table.js";
import type { CliContext } from "./cli-context.js";

const STATUS_LABEL = { added: "新增", replaced: "已替换", unchanged: "未变化" } as const;

/** The JSON contract of `ingest --json` (other tools depend on it). */
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

/** Runs an ingest with a progress bar on stderr (when it is a terminal and there are several files). */
export async function runIngest(context: CliContext, paths: readonly string[]): Promise<IngestReport> {
  const store = createBulletinStore({ dataDir: context.dataDir });
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: "导入 [{bar}] {value}/{total} {source}", hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  try {
    return await ingestFiles({
      store,
      paths,
      limits: context.config.ingest,
      onProgress: ({ done, total, source }) => {
        if (!bar || total < 2) return;
        if (!started) bar.start(total, 0, { source });
        started = true;
        bar.update(done, { source });
      },
    });
  } finally {
    if (started) bar?.stop();
    store.close();
  }
}

/**
 * Brings the search indexes up to date after an ingest: only new items are embedded and only
 * replaced ones removed. A failure (e.g. the embeddings endpoint is down) keeps the stored files.
 */
export async function syncSearchIndex(context: CliContext): Promise<boolean> {
  try {
    const engine = await openEngine({ config: context.config, dataDir: context.dataDir });
    engine.close();
    return true;
  } catch (error) {
    process.stderr.write(`检索索引未能更新：${describeError(error)}\n（简报已入库；问题解决后运行 npm run cli -- reindex）\n`);
    return false;
  }
}

export function registerIngestCommand(program: Command, context: () => CliContext): void {
  program
    .command("ingest")
    .description("导入简报文件（.txt/.md/.pdf/.docx，目录会递归读取）到本地库")
    .argument("<path...>", "文件或目录")
    .option("--json", "只在标准输出打印 JSON 结果")
    .action(async (paths: string[], options: { json?: boolean }) => {
      const report = await runIngest(context(), paths);
      const changed = report.documents.some((document) => document.status !== "unchanged");
      if (changed && !(await syncSearchIndex(context()))) process.exitCode = 1;
      if (options.json) process.stdout.write(`${JSON.stringify(ingestReportJson(report))}\n`);
      else process.stdout.write(`${formatIngestReport(report)}\n`);
      if (report.failed.length > 0) process.exitCode = 1;
    });
}
