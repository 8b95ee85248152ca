import { z } from "zod";
import { UsageError } from "../errors.js";
import { readJsonLines } from "../read-json-lines.js";

// The question files name the unit `department`, as ../shared/eval/questions.jsonl does.
const expectation = z
  .object({ date: z.string().optional(), department: z.string().optional(), source: z.string().optional() })
  .transform(({ department, ...rest }) => ({ ...rest, ...(department !== undefined ? { unit: department } : {}) }));

const questionSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  kind: z.enum(["fact", "summary", "source", "none"]),
  expect: z.array(expectation),
  match: z.enum(["any", "all", "top1", "none"]),
  answer_contains: z.array(z.string()).default([]),
  /** What the question tests (reworded-fact, near-miss, …): pass rates are reported per category. */
  category: z.string().optional(),
  /** The day the question is asked on, for relative times ("去年", "上个月"); default the run's today. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为 YYYY-MM-DD").optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;
export type Expectation = z.infer<typeof expectation>;

/** Reads a questions.jsonl file; a bad line is reported with its number and the field at fault. */
export function readEvalQuestions(file: string): EvalQuestion[] {
  const hint = "格式见 ../shared/eval/questions.jsonl";
  return readJsonLines({ file, what: "问题集", hint }).map(({ line, value }) => {
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError({ message: `${file} 第 ${line} 行字段 ${issue?.path.join(".") || "?"}：${issue?.message ?? "格式不对"}`, hint });
    }
    return parsed.data;
  });
}
