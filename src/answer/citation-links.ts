/**
 * Where a citation can be opened: the port the answer layer needs and the web layer implements
 * (signed links to the issue page and the original file, or an external document system).
 */
export interface CitationLinks {
  /** Link to an issue page, optionally pointing at one item (anchor #item-n, highlighted). */
  issue(options: { documentId: number; year: number | null; issue: number | null; item?: number }): string;
  /** Link to the original file as ingested. */
  original(options: { documentId: number }): string;
}
