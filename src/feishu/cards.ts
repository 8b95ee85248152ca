import type { Answer } from "../answer/answer-question.js";
import { citedIssue, type Citation } from "../answer/citation.js";
import { escapeMarkdown, linkTarget, markdownLink } from "./escape-markdown.js";

/**
 * Feishu card JSON 2.0 builders. Text here is what staff read, so it is Chinese. Markdown text
 * from bulletins or the model goes through escapeMarkdown; `messageCard` takes markdown its
 * callers have escaped.
 */
type Element = Record<string, unknown>;

const markdown = (content: string): Element => ({ tag: "markdown", content });
const grey = (text: string) => `<font color='grey'>${text}</font>`;

/** Citation rows at most in one answer card. */
export const MAX_CITATION_ROWS = 20;

function card(options: { title?: string; summary?: string | undefined; template?: string; elements: Element[] }): Record<string, unknown> {
  return {
    schema: "2.0",
    config: { update_multi: true, summary: { content: options.title ?? options.summary ?? "简报问答" } },
    ...(options.title ? { header: { title: { tag: "plain_text", content: options.title }, template: options.template ?? "red" } } : {}),
    body: { elements: options.elements },
  };
}

function button(options: { label: string; url?: string; value?: Record<string, unknown>; type?: string }): Element {
  return {
    tag: "button",
    text: { tag: "plain_text", content: options.label },
    type: options.type ?? "default",
    size: "small",
    behaviors: options.url ? [{ type: "open_url", default_url: options.url }] : [{ type: "callback", value: options.value ?? {} }],
  };
}

/** "《上街信息》第64期 · 2025-11-27 · 区委社工部" (plain text, not escaped) */
export function citationLabel(citation: Citation): string {
  return [citedIssue(citation), citation.date, citation.units.join("、")].filter(Boolean).join(" · ");
}

/** The answer as plain markdown with its sources: what a streamed card ends with. */
export function answerMarkdown(answer: Pick<Answer, "answer" | "citations">, options: { linkCitations: boolean }): string {
  const sources = answer.citations.map((citation) => {
    const label = `[${citation.n}] ${citationLabel(citation)}：${citation.title}`;
    return options.linkCitations ? markdownLink({ label, url: citation.url }) : escapeMarkdown(label);
  });
  return [escapeMarkdown(answer.answer), ...(sources.length > 0 ? ["", ...sources] : [])].join("\n");
}

/**
 * The reply card: answer with [n] markers, one row per citation with a button (its signed link,
 * or, without a public address, a button that makes the bot send the item's full text), a footer
 * with how many items it rests on, and 👍/👎 feedback buttons.
 */
/** Related items listed under a near miss. */
const MAX_RELATED_ROWS = 5;

export function answerCard(options: {
  answer: Pick<Answer, "answer" | "citations" | "intent" | "related">;
  answerId: string;
  publicLinks: boolean;
  /** Citations that get a row (default: the first 20). */
  rows?: readonly Citation[];
  /** Markdown shown under the answer (already escaped), e.g. how to see the rest of a capped list. */
  note?: string;
  /** What the chat list shows for the card, e.g. 上街信息问答 (the bot's name). */
  summary?: string | undefined;
}): Record<string, unknown> {
  const { answer } = options;
  const elements: Element[] = [markdown(escapeMarkdown(answer.answer))];
  if (options.note) elements.push(markdown(options.note));
  const rows = options.rows ?? answer.citations.slice(0, MAX_CITATION_ROWS);
  if (rows.length > 0) {
    elements.push({ tag: "hr" });
    for (const citation of rows) {
      const url = options.publicLinks ? linkTarget(citation.url) : undefined;
      elements.push({
        tag: "column_set",
        flex_mode: "none",
        columns: [
          { tag: "column", width: "weighted", weight: 5, vertical_align: "center", elements: [markdown(`**[${citation.n}]** ${escapeMarkdown(citationLabel(citation))}\n${grey(escapeMarkdown(citation.title))}`)] },
          {
            tag: "column",
            width: "auto",
            vertical_align: "center",
            elements: [
              url
                ? button({ label: "查看原文", url })
                : button({ label: "查看全文", value: { action: "item_text", issue: citation.issue, year: citation.year, item: citation.item, source: citation.source, ...(citation.series ? { series: citation.series } : {}) } }),
            ],
          },
        ],
      });
    }
  }
  const related = (answer.related ?? []).slice(0, MAX_RELATED_ROWS);
  if (related.length > 0) {
    // A near miss quotes nothing: the items on the topic are listed for the reader to check.
    elements.push({ tag: "hr" });
    elements.push(markdown(["**相关信息**", ...related.map((citation) => `- ${escapeMarkdown(citationLabel(citation))}：${escapeMarkdown(citation.title)}`)].join("\n")));
  }
  const basis = answer.citations.length > 0 ? `依据 ${answer.citations.length} 条简报信息` : related.length > 0 ? "简报中有相关信息，但没有所问的内容" : "已收录的简报中没有相关内容";
  elements.push(markdown(grey(basis)));
  elements.push({
    tag: "column_set",
    flex_mode: "none",
    columns: [
      { tag: "column", width: "auto", elements: [button({ label: "👍 有用", value: { action: "feedback", rating: "up", answerId: options.answerId } })] },
      { tag: "column", width: "auto", elements: [button({ label: "👎 没用", value: { action: "feedback", rating: "down", answerId: options.answerId } })] },
    ],
  });
  return card({ summary: options.summary, elements });
}

export function messageCard(options: { title: string; text: string; template?: string }): Record<string, unknown> {
  return card({ title: options.title, ...(options.template ? { template: options.template } : {}), elements: [markdown(options.text)] });
}

/** Errors become a short friendly card, never a stack trace. */
export function errorCard(): Record<string, unknown> {
  return messageCard({ title: "出了点问题", template: "grey", text: "处理这个问题时出错了，请稍后再试。如果一直不行，请联系管理员。" });
}

/** The greeting and help, naming the series the bot answers from (BULLETIN_SERIES). */
export function helpText(series: string): string {
  return [
    `我可以回答关于《${escapeMarkdown(series)}》简报的问题，回答都会注明出自哪一期、哪个单位。`,
    "",
    "**直接提问**：上街区注册志愿者有多少人？",
    "**总结单位工作**：总结区委社工部今年的工作，或 `/summary 工业路街道 2023`",
    "**要原文**：第64期原文，或 `/issue 64`、`/issue 2026-02-12`",
    "**最近各期**：`/latest`　　**报送单位**：`/units`",
    "**统计**：今年哪个单位上的信息最多？区委社工部今年被采用了几条？或 `/stats`、`/stats 2025`",
    "**导出 Word**：把工业路街道今年的信息导出来",
    "",
    "在群里请 @我 提问；在话题里追问（如“那2023年呢？”）会沿用上一问的单位和时间。",
  ].join("\n");
}
