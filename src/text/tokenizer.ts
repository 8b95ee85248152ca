/**
 * Splits Chinese text into search terms. Implementations: jieba-tokenizer.ts (dictionary words,
 * the lexical index) and bigram-tokenizer.ts (character pairs, robust to segmentation differences).
 */
export interface Tokenizer {
  /** Changes whenever the terms change: an index records it and is rebuilt when it differs. */
  readonly name: string;
  /** Terms for indexing and querying: no whitespace or punctuation, ASCII lower-cased. */
  tokenize(text: string): string[];
  /** Teaches the tokenizer words it must keep whole (unit names seen at ingest). */
  addWords(words: readonly string[]): void;
  /**
   * A word cut by the dictionary alone, without guessing unknown words: one part when the dictionary
   * has it, several when the segmenter made it up from the characters around ("网红带" -> 网红 / 带).
   */
  dictionaryParts?(word: string): string[];
}
