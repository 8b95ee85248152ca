/**
 * Reciprocal rank fusion (Cormack et al., 2009): each list contributes 1 / (k + rank) for every
 * id it ranks. k = 60 is the paper's constant; it damps the head so that no single list dominates.
 */
export function fuseRanks(options: { lists: readonly (readonly number[])[]; k?: number; weights?: readonly number[] }): Map<number, number> {
  const k = options.k ?? 60;
  const fused = new Map<number, number>();
  options.lists.forEach((list, listIndex) => {
    const weight = options.weights?.[listIndex] ?? 1;
    list.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank + 1)));
  });
  return fused;
}
