/** One unit named in a text, and where. An ambiguous alias yields one mention per candidate unit, same span. */
export interface UnitMention {
  unit: string;
  /** The words that name it, as written in the text. */
  alias: string;
  start: number;
  end: number;
}
