/** Splits Chinese text into search terms. Implementations: jieba-tokenizer.ts. */
export interface Tokenizer {
  readonly name: string;
  /** Search-mode terms for indexing and querying, stopwords removed, lower-cased ASCII. */
  tokenize(text: string): string[];
  /** Teaches the tokenizer words it must keep whole (unit names seen at ingest). */
  addWords(words: readonly string[]): void;
}
