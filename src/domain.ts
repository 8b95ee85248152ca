/** Shared vocabulary of the product: what a bulletin file becomes once parsed and stored. */

export type DocumentKind = "bulletin" | "article";
export type ItemKind = "report" | "brief" | "article";
/** Which run of a series an issue belongs to: the regular numbering, 增刊, 特刊 (or 专刊), or 专报. */
export type IssueEdition = "regular" | "supplement" | "special" | "report";

/** One unit's report inside an issue (or one newspaper article). */
export interface ParsedItem {
  /** 1-based position in the document. */
  position: number;
  kind: ItemKind;
  /**
   * Main reporting unit, e.g. 区教育局 (traditional characters folded). An unsigned item of a
   * bulletin gets the issuing office (publisher); null when nothing names a unit (newspaper articles).
   */
  department: string | null;
  /** Every unit of a joint report, in the order written; [] when department is null. */
  departments: string[];
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
