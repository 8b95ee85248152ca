/**
 * Splits an item's body into passages no longer than `maxChars`, cutting only at sentence
 * ends (or, for a sentence longer than the limit, at a clause mark). A passage never crosses items.
 */
export function chunkItem(options: { body: string; maxChars: number }): string[] {
  const body = options.body.trim();
  if (body.length <= options.maxChars) return [body];
  const sentences = splitSentences(body).flatMap((sentence) => (sentence.length > options.maxChars ? splitLong(sentence, options.maxChars) : [sentence]));
  const passages: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    if (current.length > 0 && current.length + sentence.length > options.maxChars) {
      passages.push(current.trim());
      current = "";
    }
    current += sentence;
  }
  if (current.trim()) passages.push(current.trim());
  return passages;
}

/** Sentences with their closing punctuation (and closing quote); paragraph breaks end a sentence too. */
export function splitSentences(text: string): string[] {
  return text.match(/[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]?|\n|$)|\n/g)?.filter((sentence) => sentence.trim() !== "") ?? [];
}

function splitLong(sentence: string, maxChars: number): string[] {
  const parts = sentence.match(/[^，,、：:]+[，,、：:]?/g) ?? [sentence];
  const pieces: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current.length > 0 && current.length + part.length > maxChars) {
      pieces.push(current);
      current = "";
    }
    current += part;
    while (current.length > maxChars) {
      pieces.push(current.slice(0, maxChars));
      current = current.slice(maxChars);
    }
  }
  if (current) pieces.push(current);
  return pieces;
}
