import { issueNumberLabel, type StoredDocument, type StoredItem } from "../domain.js";
import { escapeHtml } from "./http-error.js";

function paragraphs(text: string): string {
  return text.split("\n").filter(Boolean).map((line) => `<p>${escapeHtml(line)}</p>`).join("");
}

/**
 * One issue as a clean page: one anchor per item (#item-3), the cited item highlighted, named
 * under its own series (`series`, BULLETIN_SERIES, when its masthead names none).
 */
export function renderIssuePage(options: { document: StoredDocument; items: readonly StoredItem[]; highlight?: number; originalUrl: string; series: string }): string {
  const { document, items, highlight } = options;
  const series = document.series ?? options.series;
  const heading = document.issue === null ? escapeHtml(document.source) : `${escapeHtml(series)} ${document.year ?? ""}年${issueNumberLabel({ issue: document.issue, edition: document.edition })}`;
  const sections = items
    .map((item) => {
      const classes = item.position === highlight ? "item highlight" : "item";
      const unit = item.units.length > 0 ? `<span class="unit">${escapeHtml(item.units.join("、"))}</span>` : "";
      const title = item.title ? `<h2>${escapeHtml(item.title)}</h2>` : "";
      const brief = item.kind === "brief" ? '<span class="brief">△ 简讯</span>' : "";
      return `<section id="item-${item.position}" class="${classes}"${item.position === highlight ? ' aria-current="true"' : ""}>
<div class="meta"><a href="#item-${item.position}">#${item.position}</a> ${unit} ${brief}</div>${title}${paragraphs(item.body)}${item.attribution ? `<p class="attribution">${escapeHtml(item.attribution)}</p>` : ""}</section>`;
    })
    .join("\n");
  const footer = [...document.recipients, document.editors.length > 0 ? `责任编辑：${document.editors.join("、")}` : ""].filter(Boolean);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${heading}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:0 auto;padding:1.5rem 1rem 4rem;color:#1f2328;line-height:1.75}
header{border-bottom:3px solid #c0392b;margin-bottom:1.5rem;padding-bottom:.75rem}
header h1{color:#c0392b;margin:.2rem 0;font-size:1.6rem;letter-spacing:.1em}
header .sub{color:#555}
.item{padding:.75rem 1rem;margin:0 -1rem 1rem;border-radius:8px;scroll-margin-top:1rem}
.item h2{font-size:1.1rem;margin:.25rem 0 .5rem}
.item p{margin:.4rem 0;text-indent:2em}
.item .attribution{text-align:right;text-indent:0;color:#555}
.meta{font-size:.85rem;color:#666}.meta a{color:#666;text-decoration:none}
.unit{background:#eef2f7;border-radius:4px;padding:0 .4rem}
.brief{color:#a15c00}
.highlight{background:#fff6d6;box-shadow:0 0 0 2px #f0c36d}
footer{border-top:1px solid #ddd;margin-top:2rem;padding-top:.75rem;color:#555;font-size:.9rem}
nav{margin-bottom:1rem;font-size:.9rem}
</style></head>
<body>
<nav><a href="/">← 返回问答</a> · <a href="${escapeHtml(options.originalUrl)}">下载原文（${escapeHtml(document.source)}）</a></nav>
<header><h1>${heading}</h1><div class="sub">${escapeHtml(document.publisher ?? "")} ${escapeHtml(document.date ?? "")} · 共 ${items.length} 条</div></header>
<main>${sections}</main>
<footer>${footer.map((line) => `<div>${escapeHtml(line)}</div>`).join("")}</footer>
</body></html>`;
}
