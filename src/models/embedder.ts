/**
 * Turns texts into vectors. Implementations: hashing-embedder.ts (offline default),
 * openai-embedder.ts (any OpenAI-compatible endpoint), fake-embedder.ts (records calls, for tests).
 */
export interface Embedder {
  /** e.g. "hashing" or "openai-compatible". */
  readonly provider: string;
  /** Model id; for the hashing embedder a name that changes whenever its algorithm does. */
  readonly model: string;
  readonly dimensions: number;
  /** Largest number of texts one call to embed() sends at once. */
  readonly maxBatchSize: number;
  /** Texts longer than this are split into passages before embedding. */
  readonly maxInputChars: number;
  /** Vectors are L2-normalised, one per input text, same order. */
  embed(options: { texts: readonly string[]; signal?: AbortSignal }): Promise<number[][]>;
}
