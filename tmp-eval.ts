import { readdirSync, readFileSync } from "node:fs";
import { createBm25Index } from "./src/search/bm25-index.ts";
import { createJiebaTokenizer } from "./src/search/jieba-tokenizer.ts";
const dir = "/work/shared/corpus/";
const items: { id: number; title: string; text: string; source: string; unit: string }[] = [];
const units = new Set<string>();
for (const file of readdirSync(dir)) {
  const text = readFileSync(dir + file, "utf8");
  const parts = text.split(/(?<=[（(][^（）()]{2,20}[）)])\s*\n/);
  for (const part of parts) {
    const unit = part.match(/[（(]([^（）()]{2,20})[）)]\s*$/)?.[1] ?? "";
    if (unit) units.add(unit);
    items.push({ id: items.length + 1, title: part.trim().slice(0, 25), text: part, source: file, unit });
  }
}
const tokenizer = createJiebaTokenizer({ userWords: [...units] });
const index = createBm25Index({ tokenizer });
index.add(items.map((item) => ({ id: item.id, text: item.text, fields: { title: item.title } })));
for (const line of readFileSync("/work/shared/eval/questions.jsonl", "utf8").trim().split("\n")) {
  const q = JSON.parse(line);
  const hits = index.search({ query: q.question, k: 3 });
  console.log(q.id, q.question, JSON.stringify(q.expect), "=>", hits.map((h) => `${items[h.id - 1]!.source.slice(0, 3)}:${items[h.id - 1]!.unit}:${h.score.toFixed(1)}`).join(" | "));
}
