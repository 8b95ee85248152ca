import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { Application } from "../../src/app/create-application.js";
import { answerJson } from "../../src/answer/answer-json.js";
import { SAMPLES, sampleApplication } from "./sample-application.js";

/** Questions are asked as on this day. */
export const ASKED_ON = "2026-11-28";

type Ask = (question: string) => Promise<ReturnType<typeof answerJson>>;

/** An application over bulletins of a test's own, written to a fresh folder (file name -> text). */
export async function bulletinApplication(files: Record<string, string>, options: { withSamples?: boolean } = {}): Promise<Application> {
  const directory = mkdtempSync(path.join(tmpdir(), "own-bulletin-"));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(directory, file), text);
  return (await sampleApplication({ paths: options.withSamples ? [SAMPLES, directory] : [directory] })).application;
}

/** The text of a bulletin of a test's own: issue `issue` of the day `date` ("2023-04-20"), then its items. */
export function ownIssue(issue: number, date: string, ...items: string[]): string {
  const [year, month, day] = date.split("-").map(Number);
  return `上街信息\n\n第 ${issue} 期\n\n中共上街区委办公室\n\n${year} 年 ${month} 月 ${day} 日\n\n${items.join("\n\n")}\n`;
}

/** Runs `check` with questions asked (on 2026-11-28) of an application over one bulletin of a test's own, then closes it. */
export async function withOwnBulletin(file: string, text: string, check: (ask: Ask) => Promise<void>): Promise<void> {
  await withOwnBulletins({ [file]: text }, check);
}

/** ... over several bulletins of a test's own (file name -> text). */
export async function withOwnBulletins(files: Record<string, string>, check: (ask: Ask) => Promise<void>, options: { withSamples?: boolean } = {}): Promise<void> {
  const app = await bulletinApplication(files, options);
  try {
    await check(async (question) => answerJson(await app.answerer()({ question, today: ASKED_ON })));
  } finally {
    app.close();
  }
}

/** The answer quotes `quoted` and cites the one item it comes from. */
export async function expectQuotedFromOne(ask: Ask, question: string, quoted: string): Promise<ReturnType<typeof answerJson>> {
  const answer = await ask(question);
  expect(answer.answer).toContain(quoted);
  expect(answer.citations).toHaveLength(1);
  return answer;
}

