/** The k best documents (slots), highest score first, ties by ascending id; one pass over the candidates for small k. */
export function selectTop(options: { candidates: readonly number[]; scores: Float64Array; ids: Float64Array; k: number }): number[] {
  const { candidates, scores, ids, k } = options;
  const ranksBefore = (left: number, right: number): boolean =>
    scores[left]! > scores[right]! || (scores[left] === scores[right] && ids[left]! < ids[right]!);
  if (k * 8 >= candidates.length) {
    return [...candidates].sort((left, right) => (ranksBefore(left, right) ? -1 : ranksBefore(right, left) ? 1 : 0)).slice(0, k);
  }
  // Insertion into a short sorted list: most candidates fail the first comparison with the current k-th.
  const top: number[] = [];
  for (const slot of candidates) {
    if (top.length === k && !ranksBefore(slot, top[k - 1]!)) continue;
    let position = top.length;
    while (position > 0 && ranksBefore(slot, top[position - 1]!)) position -= 1;
    top.splice(position, 0, slot);
    if (top.length > k) top.pop();
  }
  return top;
}
