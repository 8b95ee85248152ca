import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Application } from "../src/app/create-application.js";
import { readEvalQuestions, type EvalQuestion } from "../src/eval/eval-question.js";
import { runEval, type EvalReport } from "../src/eval/run-eval.js";
import { scoreQuestion } from "../src/eval/score-citations.js";
import { CORPUS, SAMPLES, sampleApplication } from "./helpers/sample-application.js";
import { ROOT } from "./helpers/run-cli.js";
import { describeWithShared, SHARED_QUESTIONS } from "./helpers/shared.js";


const OWN_QUESTIONS = path.join(ROOT, "test/fixtures/questions.jsonl");
const HOLDOUT_QUESTIONS = path.join(ROOT, "test/fixtures/eval/holdout.jsonl");

describe("scoring rules", () => {
  const question = (match: EvalQuestion["match"], expect: EvalQuestion["expect"]): EvalQuestion =>
    ({ id: "x", question: "?", kind: "fact", expect, match, answer_contains: [] });
  const cite = (date: string, unit: string) => ({ date, units: [unit], source: "f.txt" });

  it("any: one expected item among the top 5; top1: the first; all: every one; none: no citation", () => {
    const citations = [cite("2023-06-01", "区农委"), cite("2025-11-27", "区委社工部")];
    expect(scoreQuestion(question("any", [{ unit: "区委社工部" }]), citations)).toMatchObject({ passed: true, firstHit: 2 });
    expect(scoreQuestion(question("top1", [{ unit: "区委社工部" }]), citations).passed).toBe(false);
    expect(scoreQuestion(question("all", [{ unit: "区农委" }, { date: "2025-11-27" }]), citations).passed).toBe(true);
    expect(scoreQuestion(question("all", [{ unit: "区农委" }, { date: "2026-02-12" }]), citations).passed).toBe(false);
    expect(scoreQuestion(question("none", []), citations).passed).toBe(false);
    expect(scoreQuestion(question("none", []), []).passed).toBe(true);
  });

  it("names the line and field of a malformed question file", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "questions-")), "bad.jsonl");
    writeFileSync(file, '{"id":"a","question":"问","kind":"fact","expect":[],"match":"any"}\n{"id":"b","question":"问","kind":"fact","expect":[],"match":"some"}\n');
    expect(() => readEvalQuestions(file)).toThrow(/第 2 行字段 match/);
  });
});

describeWithShared("evaluation over ../shared (real bulletins)", () => {
  let application: Application;
  let shared: EvalReport;
  let own: EvalReport;
  let holdout: EvalReport;
  beforeAll(async () => {
    ({ application } = await sampleApplication({ paths: [CORPUS, SAMPLES], today: "2026-11-28" }));
    shared = await runEval({ application, questions: readEvalQuestions(SHARED_QUESTIONS) });
    own = await runEval({ application, questions: readEvalQuestions(OWN_QUESTIONS) });
    holdout = await runEval({ application, questions: readEvalQuestions(HOLDOUT_QUESTIONS), systems: ["hybrid", "bm25"] });
  }, 120_000);
  afterAll(() => application?.close());

  it("passes the 12 staff questions, and cites nothing for unanswerable ones", () => {
    const hybrid = shared.systems.find((system) => system.name === "hybrid")!;
    expect(hybrid.metrics.passed).toBe(12);
    expect(hybrid.metrics.refusalRate).toBe(1);
  });

  it("quotes the expected figures and names in every extractive answer that has them", () => {
    const hybrid = shared.systems.find((system) => system.name === "hybrid")!;
    const checked = hybrid.results.filter((result) => result.answerOk !== null);
    expect(checked.length).toBeGreaterThanOrEqual(7);
    expect(checked.filter((result) => !result.answerOk).map((result) => result.id)).toEqual([]);
  });

  it("beats every baseline on hit@1 on our own 50 questions", () => {
    const [hybrid, ...baselines] = own.systems;
    expect(hybrid!.name).toBe("hybrid");
    expect(baselines.map((system) => system.name)).toEqual(["bm25", "vector", "langchain"]);
    for (const baseline of baselines) expect(hybrid!.metrics.hitAt1, baseline.name).toBeGreaterThan(baseline.metrics.hitAt1);
    expect(own.questions).toBeGreaterThanOrEqual(40);
  });
  it("on the held-out questions, passes at least 80 of 100 and beats plain BM25 by 10 points in the same run", () => {
    const [hybrid, bm25] = holdout.systems;
    expect(hybrid!.metrics.passed).toBeGreaterThanOrEqual(80);
    expect(hybrid!.metrics.passed - bm25!.metrics.passed).toBeGreaterThanOrEqual(10);
    expect(hybrid!.metrics.byCategory["off-topic"]).toEqual({ passed: 6, questions: 6 });
  });

  it("keeps at least 45 of our own 50 questions", () => {
    expect(own.systems[0]!.metrics.passed).toBeGreaterThanOrEqual(45);
  });
}, [CORPUS, SHARED_QUESTIONS]);
