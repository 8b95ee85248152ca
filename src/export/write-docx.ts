import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from "docx";
import type { StoredItem } from "../domain.js";
import type { ExportContent } from "./export-request.js";

// The only module that imports `docx`. Fonts as in district documents; Word substitutes where absent.
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312" };
const HEADING_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
const TITLE_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "方正小标宋简体" };
/** Half-points: 三号 16 pt body, 二号 22 pt title. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;

function itemHeading(item: StoredItem): string {
  const issue = item.issue === null ? item.source : `${item.year ?? ""}${item.year ? "年" : ""}第${item.issue}期`;
  return `${issue}（${item.date ?? "日期不详"}）`;
}

/** A brief has no headline: its opening sentence stands for one. */
function itemTitle(item: StoredItem): string {
  if (item.title) return item.title;
  const first = item.body.split(/[。！？\n]/)[0] ?? "";
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

function itemSection(item: StoredItem, index: number): Paragraph[] {
  const units = item.units.join("、");
  const kind = item.kind === "brief" ? " · △简讯" : "";
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 360, after: 120 }, children: [new TextRun({ text: `${index + 1}. ${itemTitle(item)}`, font: HEADING_FONT, size: BODY_SIZE })] }),
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `${itemHeading(item)} · ${units}${kind}`, font: BODY_FONT, size: 24, color: "555555" })] }),
    ...item.body
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text: line, font: BODY_FONT, size: BODY_SIZE })] })),
    ...(item.attribution ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: item.attribution, font: BODY_FONT, size: BODY_SIZE })] })] : []),
  ];
}

/** The closing line: how many items in how many issues, and how joint reports were counted. */
export function closingLine(content: Pick<ExportContent, "items" | "issues" | "joint">): string {
  const joint = content.joint > 0 ? `，其中联合报送 ${content.joint} 条（联合报送的信息给每个署名单位各记一条）` : "";
  return `共 ${content.issues} 期 ${content.items.length} 条${joint}。`;
}

/**
 * The export as a .docx: title, period, one section per item (issue, date, headline, full text,
 * attribution) in date order, and a closing count.
 * @example const bytes = await writeExportDocx(selectExport({ catalog, request, series })!);
 */
export async function writeExportDocx(content: ExportContent): Promise<Buffer> {
  const document = new Document({
    creator: "上街信息问答",
    title: content.title,
    description: `${content.title}（${content.period}）`,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })] })] }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: content.title, font: TITLE_FONT, size: TITLE_SIZE })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: `时间段：${content.period}`, font: BODY_FONT, size: BODY_SIZE })] }),
          ...content.items.flatMap((item, index) => itemSection(item, index)),
          new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: closingLine(content), font: BODY_FONT, size: BODY_SIZE, bold: true })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
