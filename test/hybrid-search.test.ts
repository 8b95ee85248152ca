import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createApplication, type Application } from "../src/app/create-application.js";
import { createLogger } from "../src/log.js";
import { createHashingEmbedder } from "../src/models/hashing-embedder.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import { SAMPLES, copySamples, sampleApplication, samplesWithout } from "./helpers/sample-application.js";

let application: Application;
beforeAll(async () => {
  ({ application } = await sampleApplication({ paths: [SAMPLES] }));
});
afterAll(() => application.close());

const ask = (question: string) => application.answerer()({ question });

describe("hybrid search over the sample bulletins", () => {
  it("puts the item that answers a question first, with its issue, date and unit", async () => {
    const answer = await ask("安全生产隐患大排查发现了多少处隐患？");
    expect(answer.citations[0]).toMatchObject({ issue: 18, year: 2025, date: "2025-04-17", unit: "区应急管理局", source: "2025-18.md" });
    expect(answer.answer).toContain("1127");
  });

  it("does not cut a word across two phrases of the question", async () => {
    const { understanding } = await ask("水利设了多少河长，农委那边林长多少名");
    const stack = await application.search();
    const result = await stack.retrieval.search({ understanding, k: 5 });
    // Every search word lies inside one of the question's phrases (水利设 / 河长 / 林长), none across two (设河, 长林长).
    expect(understanding.keywords.split(/\s+/)).toEqual(["水利设", "河长", "林长"]);
    expect(result.queryTerms.length).toBeGreaterThan(0);
    expect(result.queryTerms.filter((term) => !["水利设", "河长", "林长"].some((phrase) => phrase.includes(term)))).toEqual([]);
  });

  it("searches a thesaurus word the segmenter cut apart as one word, with the bulletins' word for it", async () => {
    // 放学后托管 is cut 放学 / 后 / 托管; as one word it is 课后服务, not the 寒假托管班.
    const answer = await ask("放学后托管有多少学生参加");
    const result = await (await application.search()).retrieval.search({ understanding: answer.understanding, k: 5 });
    expect(result.queryTerms).toContain("放学后托管");
    expect(answer.citations[0]).toMatchObject({ date: "2024-03-07", unit: "区教育局" });
    expect(answer.answer).toContain("参与学生1.83万人");
  });

  it("reads a word mistyped through the input method as the bulletins write it", async () => {
    // 易捞点 for 易涝点: the segmenter finds no word there, the bulletins have one that sounds the same.
    const answer = await ask("城区易捞点一共有几处");
    const result = await (await application.search()).retrieval.search({ understanding: answer.understanding, k: 5 });
    expect(result.queryTerms.some((term) => "易涝点".includes(term) && term.includes("涝"))).toBe(true);
    expect(answer.citations[0]).toMatchObject({ date: "2024-08-22", unit: "区应急管理局" });
    expect(answer.answer).toContain("43处易涝点");
  });

  it("finds an event by its day in the issue that reported it later", async () => {
    const answer = await ask("2025年4月12日职工技能展示活动有多少名职工参加");
    expect(answer.citations[0]).toMatchObject({ date: "2025-04-17", unit: "区总工会" });
    expect(answer.answer).toContain("162名职工");
  });

  it("only cites the unit a question names", async () => {
    const answer = await ask("区委社工部在志愿服务方面做了什么？");
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations.every((citation) => citation.units.includes("区委社工部"))).toBe(true);
  });

  it("recognises a unit by its short name or alias", async () => {
    const answer = await ask("应急局开年以来检查了多少家场所？");
    expect(answer.citations[0]?.unit).toBe("区应急管理局");
    expect(answer.citations[0]?.date).toBe("2026-01-15");
    expect(answer.answer).toContain("52家人员密集场所");
  });

  it("only cites the period a question names", async () => {
    const answer = await ask("2025年区教育局做了哪些事？");
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations.every((citation) => citation.date?.startsWith("2025"))).toBe(true);
  });

  it("resolves 今年 and 去年 against today", async () => {
    const thisYear = await application.answerer()({ question: "今年峡窝镇的集体经济怎么样？" });
    expect(thisYear.citations.every((citation) => citation.date?.startsWith("2026"))).toBe(true);
    expect(thisYear.citations[0]?.unit).toBe("峡窝镇");
  });

  it("says so, and cites nothing, when the bulletins do not cover the question", async () => {
    for (const question of ["上街区2024年的GDP是多少？", "区里的地铁三号线什么时候通车？", "2022年区公安局破获了多少起案件？"]) {
      const answer = await ask(question);
      expect(answer.citations, question).toEqual([]);
      expect(answer.answer, question).toContain("没有找到");
    }
  });

  it("lists every item of a unit for a summary request, in date order", async () => {
    const answer = await ask("总结区教育局的工作");
    expect(answer.intent).toBe("summary");
    expect(answer.citations.map((citation) => citation.date)).toEqual(["2024-03-07", "2024-08-22", "2025-10-30", "2026-01-15"]);
    expect(answer.answer).toContain("共 4 期 4 条");
  });

  it("answers a source request with the issue it names", async () => {
    const answer = await ask("把2026年第3期发我");
    expect(answer.intent).toBe("source");
    expect(answer.answer).toContain("2026-03.txt");
    expect(new Set(answer.citations.map((citation) => citation.date))).toEqual(new Set(["2026-01-15"]));
  });
});

/** The samples without their latest issue (2026-15.md), indexed; a copy of the samples to change and ingest later, the issue's file not yet in it. */
async function samplesWithoutLatest() {
  const folder = copySamples();
  const held = path.join(folder, "2026-15.md");
  const heldText = readFileSync(held);
  rmSync(held);
  return { folder, held, heldText, ...(await sampleApplication({ paths: samplesWithout("2026-15.md") })) };
}

describe("index maintenance", () => {
  it("indexes a new issue incrementally and drops a replaced issue's vectors", async () => {
    const { folder, held, heldText, application: local, dataDir } = await samplesWithoutLatest();
    const { index } = await local.search();
    const before = index.vectors.size();
    const beforeIds = index.vectors.ids();

    writeFileSync(held, heldText);
    expect((await local.ingest({ paths: [held] })).index).toEqual({ updated: true });
    expect(index.vectors.size()).toBeGreaterThan(before);
    expect(index.vectors.ids().slice(0, beforeIds.length)).toEqual(beforeIds);

    const changed = path.join(folder, "2026-03.txt");
    const oldChunks = index.findChunks({ date: "2026-01-15" }).map((chunk) => chunk.id);
    expect(oldChunks.length).toBeGreaterThan(0);
    writeFileSync(changed, readFileSync(changed, "utf8").replace("21 个走访小组", "25 个走访小组"));
    await local.ingest({ paths: [changed] });
    expect(oldChunks.some((id) => index.vectors.has(id))).toBe(false);
    const answer = await local.answerer()({ question: "工业路街道暖冬行动组成了多少个走访小组？" });
    expect(answer.answer).toContain("25个走访小组");
    await local.flush();
    local.close();

    // Reopening finds everything persisted: nothing to add, nothing to remove.
    const reopened = await createApplication({ config: loadConfig({}), dataDir, logger: createLogger({ level: "silent" }) });
    expect(await (await reopened.search()).index.sync()).toEqual({ added: 0, removed: 0 });
    reopened.close();
  });

  it("keeps a small ingest in memory, without rewriting the index files, until flush() saves it", async () => {
    const { folder, held, heldText, application: local, dataDir } = await samplesWithoutLatest();
    const { index } = await local.search();
    const manifestPath = path.join(dataDir, "index", "vectors.json");
    const saved = readFileSync(manifestPath, "utf8");
    writeFileSync(held, heldText);
    expect((await local.ingest({ paths: [held] })).index).toEqual({ updated: true });
    expect(readFileSync(manifestPath, "utf8")).toBe(saved);
    const found = index.findChunks({ date: "2026-04-09" }).map((chunk) => chunk.id);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((id) => index.vectors.has(id) && index.lexical.has(id))).toBe(true);

    await local.flush();
    expect(readFileSync(manifestPath, "utf8")).not.toBe(saved);
    local.close();
    const reopened = await createApplication({ config: loadConfig({}), dataDir, logger: createLogger({ level: "silent" }) });
    expect(await (await reopened.search()).index.sync()).toEqual({ added: 0, removed: 0 });
    reopened.close();
  });

  it("refuses an index built by another embedder and says to run reindex", async () => {
    const { application: local, dataDir } = await sampleApplication({ paths: [path.join(SAMPLES, "2025-18.md")] });
    local.close();
    const other = createHashingEmbedder({ tokenizer: createJiebaTokenizer(), dimensions: 256 });
    const reopened = await createApplication({ config: loadConfig({}), dataDir, logger: createLogger({ level: "silent" }), embedder: other });
    await expect(reopened.search()).rejects.toThrow(/reindex/);
    reopened.close();
  });
});
