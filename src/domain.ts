/**
 * Shared vocabulary of the product: what a bulletin file becomes once parsed, stored and cited.
 *
 * Glossary (one word in code for each concept):
 * - series (刊名): the bulletin's name, e.g. 上街信息.
 * - issue (期): one numbered publication of a series, "第 64 期"; `edition` tells 增刊/特刊/专报 apart.
 * - document (文件): one ingested file, a bulletin issue or a page of articles.
 * - item (条目/信息): one report inside an issue; `brief` (△ 简讯) or `report`.
 * - unit (报送单位): who reported an item, named in its closing parentheses, e.g. 区教育局.
 *   The JSON contracts (ask --json, ingest --json, the web API) keep their historical field
 *   names `department` / `departments` for it; see answer/citation.ts and cli/ingest-command.ts.
 * - publisher (发文单位): the office that issues the series, e.g. 中共上街区委办公室.
 * - citation (出处): an item an answer rests on, numbered [n].
 */

export type DocumentKind = "bulletin" | "article";
export type ItemKind = "report" | "brief" | "article";
/** Which run of a series an issue belongs to: the regular numbering, 增刊, 特刊 (or 专刊), or 专报. */
export type IssueEdition = "regular" | "supplement" | "special" | "report";

const EDITION_NAMES: Record<IssueEdition, string> = { regular: "", supplement: "增刊", special: "特刊", report: "专报" };

/** "第64期", "增刊第7期": an issue's number as staff read it, with its edition. */
export function issueNumberLabel(options: { issue: number; edition?: IssueEdition | undefined }): string {
  return `${EDITION_NAMES[options.edition ?? "regular"]}第${options.issue}期`;
}

/** One unit's report inside an issue (or one newspaper article). */
export interface ParsedItem {
  /** 1-based position in the document. */
  position: number;
  kind: ItemKind;
  /**
   * Main reporting unit, e.g. 区教育局 (traditional characters folded). An unsigned item of a
   * bulletin gets the issuing office (publisher); null when nothing names a unit (newspaper articles).
   */
  unit: string | null;
  /** Every unit of a joint report, in the order written; [] when unit is null. */
  units: string[];
  /** Headline before the body; for briefs, a short lead derived from the first sentence. */
  title: string;
  /** Body text after repair, paragraphs separated by "\n". Excludes title and attribution. */
  body: string;
  /**
   * The text that names the unit, exactly as written after repair: the closing "（区教育局）", or a
   * leading "【区教育局】" / "区教育局：" when the item opens with its unit; "" when absent.
   */
  attribution: string;
}

export interface ParsedDocument {
  kind: DocumentKind;
  /** Issue number within its year and edition ("第 64 期", "增刊第7期"); null for non-bulletins. */
  issue: number | null;
  /** Running number across all years ("总第3307期"), when the masthead gives one. */
  totalIssue: number | null;
  edition: IssueEdition;
  year: number | null;
  /** ISO date YYYY-MM-DD; null when the text gives none. */
  date: string | null;
  publisher: string | null;
  /** Series name as printed, spacing removed and traditional characters folded, e.g. 上街信息, 信息简报. */
  series: string | null;
  editors: string[];
  /** Footer distribution lines (本期送 / 发), verbatim. */
  recipients: string[];
  /** Text before the first item (masthead); kept so that no character is lost. */
  header: string;
  items: ParsedItem[];
  /** Text after the last item (distribution and editor lines). */
  footer: string;
  /** Layout removed during repair: page numbers, running headers, Markdown markers, △. */
  removed: string[];
}

/** An item as stored, with the document metadata a citation needs. */
export interface StoredItem extends ParsedItem {
  id: number;
  documentId: number;
  documentKind: DocumentKind;
  issue: number | null;
  year: number | null;
  date: string | null;
  source: string;
  series: string | null;
  edition: IssueEdition;
}

export interface StoredDocument {
  id: number;
  source: string;
  sha256: string;
  kind: DocumentKind;
  issue: number | null;
  totalIssue: number | null;
  edition: IssueEdition;
  year: number | null;
  date: string | null;
  publisher: string | null;
  series: string | null;
  editors: string[];
  recipients: string[];
  mediaType: string;
  size: number;
  itemCount: number;
  ingestedAt: string;
}

/** One item an answer rests on, numbered as its [n] marker in the answer text. */
export interface Citation {
  n: number;
  issue: number | null;
  year: number | null;
  date: string | null;
  unit: string | null;
  units: string[];
  title: string;
  source: string;
  /** Series of the cited issue (上街信息, 信息简报); null for articles and issues whose masthead names none. */
  series: string | null;
  /** 增刊, 特刊 and 专报 are numbered apart from the regular issues. */
  edition: IssueEdition;
  /** Position of the item in its issue (1-based). */
  item: number;
  score: number;
  /** Signed link to the item's anchor, when links are configured. */
  url?: string;
}

/** A citation as the JSON contract of `ask --json` and the web API writes it (other tools depend on it). */
export interface CitationJson {
  n: number;
  issue: number | null;
  year: number | null;
  date: string | null;
  department: string | null;
  departments: string[];
  title: string;
  source: string;
  series: string | null;
  item: number;
  score: number;
  url?: string;
  /** Present only for 增刊, 特刊 and 专报. */
  edition?: IssueEdition;
}
