import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";

const expectation = z.object({ date: z.string().optional(), department: z.string().optional(), source: z.string().optional() });

const questionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  kind: z.enum(["fact", "summary", "source", "none"]),
  expect: z.array(expectation),
  match: z.enum(["any", "all", "top1", "none"]),
  answer_contains: z.array(z.string()).default([]),
});

export type EvalQuestion = z.infer<typeof questionSchema>;
export type Expectation = z.infer<typeof expectation>;

/** Reads a questions.jsonl file; a bad line is reported with its number and the field at fault. */
export function readEvalQuestions(file: string): EvalQuestion[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UsageError({ message: `无法读取问题集 ${file}（${(cause as Error).message}）`, hint: "请检查 --questions 的路径" });
  }
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError({ message: `${file} 第 ${index + 1} 行不是合法的 JSON`, hint: "每行一个问题对象，格式见 ../shared/eval/questions.jsonl" });
    }
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError({ message: `${file} 第 ${index + 1} 行字段 ${issue?.path.join(".") || "?"}：${issue?.message ?? "格式不对"}`, hint: "格式见 ../shared/eval/questions.jsonl" });
    }
    return [parsed.data];
  });
}
