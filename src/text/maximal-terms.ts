/**
 * The terms not contained in another term of the list, in first-seen order: search-mode
 * segmentation yields a word and its parts ("换出去", "换出", "出去"), and the word is what the
 * question says once.
 */
export function maximalTerms(terms: readonly string[]): string[] {
  const unique = [...new Set(terms)];
  return unique.filter((term) => !unique.some((other) => other !== term && other.includes(term)));
}
