/** Shared vocabulary of the product: what a bulletin file becomes once parsed and stored. */

export type DocumentKind = "bulletin" | "article";
export type ItemKind = "report" | "brief" | "article";

/** One unit's report inside an issue (or one newspaper article). */
export interface ParsedItem {
  /** 1-based position in the document. */
  position: number;
  kind: ItemKind;
  /** Main reporting unit, e.g. 区教育局; null when the text names none (newspaper articles). */
  department: string | null;
  /** Every unit of a joint report, in the order written; [] when department is null. */
  departments: string[];
  /** Headline before the body; for briefs, a short lead derived from the first sentence. */
  title: string;
  /** Body text after repair, paragraphs separated by "\n". Excludes title and attribution. */
  body: string;
  /** The closing attribution exactly as written after repair, e.g. "（区教育局）"; "" when absent. */
  attribution: string;
}

export interface ParsedDocument {
  kind: DocumentKind;
  /** Issue number within its year ("第 64 期"); null for non-bulletins. */
  issue: number | null;
  year: number | null;
  /** ISO date YYYY-MM-DD; null when the text gives none. */
  date: string | null;
  publisher: string | null;
  /** Series name, e.g. 上街信息. */
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
}

export interface StoredDocument {
  id: number;
  source: string;
  sha256: string;
  kind: DocumentKind;
  issue: number | null;
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
