import { copyFileSync, existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/generate-corpus.js";
import { parseDocument } from "../src/ingest/parse-document.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { ROOT, runCliInProcess, runCliProcess, spawnCli } from "./helpers/run-cli.js";
import { writeBombDocx } from "./helpers/bomb-files.js";

const samples = path.join(ROOT, "data/samples");
const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
/** GNU time reports the peak RSS of the whole CLI process, worker thread included. */
const GNU_TIME = "/usr/bin/time";

describe("cli ingest", () => {
  it("prints exactly the JSON contract on stdout with --json", async () => {
    const dataDir = tempDir("cli-");
    const bad = path.join(tempDir("bad-"), "扫描件.pdf");
    writeFileSync(bad, "not a pdf at all");
    const result = await runCliInProcess(["--data-dir", dataDir, "ingest", path.join(samples, "2025-18.md"), bad, "--json"]);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(["documents", "failed"]);
    expect(output.documents).toEqual([
      {
        source: "2025-18.md",
        kind: "bulletin",
        issue: 18,
        year: 2025,
        date: "2025-04-17",
        items: [
          { department: "区委社工部", departments: ["区委社工部"], kind: "report", title: "区委社工部构建“一刻钟”志愿服务圈" },
          { department: "工业路街道", departments: ["工业路街道"], kind: "report", title: "工业路街道“企业服务日”打通助企最后一公里" },
          { department: "区农委", departments: ["区农委"], kind: "report", title: "区农委多措并举抓好春耕备播" },
          { department: "区卫健委", departments: ["区卫健委", "区医保局"], kind: "report", title: "区卫健委 区医保局联合推进家庭医生签约服务" },
          { department: "区应急管理局", departments: ["区应急管理局"], kind: "report", title: "区应急管理局开展安全生产隐患大排查" },
          { department: "区总工会", departments: ["区总工会"], kind: "brief", title: "" },
        ],
      },
    ]);
    expect(output.failed).toHaveLength(1);
    expect(output.failed[0].source).toBe("扫描件.pdf");
    expect(output.failed[0].error).toMatch(/PDF.*；.+/);
  });

  it("prints a summary table for people and exits 0 when every file was read", async () => {
    const dataDir = tempDir("cli-");
    const first = await runCliInProcess(["--data-dir", dataDir, "ingest", samples]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2024-12\.txt\s+第12期\s+2024-03-07\s+7\s+新增/);
    expect(first.stdout).toContain("共 6 个文件：新增 6，替换 0，未变化 0，失败 0。");
    const second = await runCliInProcess(["--data-dir", dataDir, "ingest", samples]);
    expect(second.stdout).toContain("新增 0，替换 0，未变化 6");
  });

  it("has --help for the command", async () => {
    const result = await runCliInProcess(["ingest", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--json");
    expect(result.stdout).toContain("<path...>");
  });

  it.skipIf(!existsSync(GNU_TIME))("refuses a zip-bomb .docx and an oversized file by name, stores the good file, and peaks under 1 GB (needs GNU time)", async () => {
    const folder = tempDir("hostile-");
    // word/document.xml inflates to 300 MB; the file itself is about 1 MB.
    await writeBombDocx({ path: path.join(folder, "1-炸弹.docx"), inflatedMegabytes: 300 });
    const oversized = path.join(folder, "2-超大.txt");
    writeFileSync(oversized, "");
    truncateSync(oversized, 3 * 1024 * 1024 * 1024);
    copyFileSync(path.join(samples, "2025-18.md"), path.join(folder, "3-good.md"));
    const dataDir = tempDir("cli-");
    const peakFile = path.join(tempDir("peak-"), "max-rss-kb");

    const result = await runCliProcess(["--data-dir", dataDir, "ingest", folder, "--json"], { wrapper: [GNU_TIME, "-f", "%M", "-o", peakFile] });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.documents.map((document: { source: string }) => document.source)).toEqual(["3-good.md"]);
    expect(output.failed).toEqual([
      { source: "1-炸弹.docx", error: "文档解压后有 300.0 MB，超过 50 MB 的上限，可能是异常文件；请用 Word 或 WPS 打开确认内容后“另存为” .docx 再导入；如确是正常简报，请联系管理员" },
      { source: "2-超大.txt", error: expect.stringMatching(/^文件有 3072 MB，超过 20 MB 的上限；/) },
    ]);
    const peakMegabytes = Number(readFileSync(peakFile, "utf8").trim().split("\n").at(-1)) / 1024;
    expect(peakMegabytes).toBeGreaterThan(0);
    expect(peakMegabytes).toBeLessThan(1024);
  }, 120_000);

  it("leaves a complete, consistent store when killed mid-ingest, and a re-run finishes the job", async () => {
    const corpus = tempDir("corpus-");
    const files = generateCorpus({ count: 150, seed: 7, outDir: corpus });
    const dataDir = tempDir("killed-");
    const child = spawnCli(["--data-dir", dataDir, "ingest", corpus]);
    const exited = new Promise((resolve) => child.on("close", resolve));

    // Kill -9 as soon as some (but not all) documents are committed.
    const probe = createBulletinStore({ dataDir });
    let stored = 0;
    for (let attempt = 0; attempt < 600 && stored < 10; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stored = probe.counts().documents;
    }
    child.kill("SIGKILL");
    await exited;
    probe.close();

    const store = createBulletinStore({ dataDir });
    const documents = store.listDocuments();
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.length).toBeLessThan(files.length);
    for (const document of documents) {
      const text = (store.database.prepare("SELECT text FROM documents WHERE id = ?").get(document.id) as { text: string }).text;
      expect(document.itemCount).toBe(parseDocument({ text }).items.length);
    }
    store.close();

    const rerun = await runCliInProcess(["--data-dir", dataDir, "ingest", corpus, "--json"]);
    expect(rerun.code).toBe(0);
    const final = createBulletinStore({ dataDir });
    expect(final.counts().documents).toBe(files.length);
    const orphans = final.database.prepare("SELECT COUNT(*) AS n FROM items WHERE document_id NOT IN (SELECT id FROM documents)").get() as { n: number };
    expect(orphans.n).toBe(0);
    final.close();
  }, 120_000);
});
