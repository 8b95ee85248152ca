/** How ties are ranked, for every output that shows a ranking. */
export const TIE_RULE = "条数相同的单位名次并列（如两个第2名之后是第4名），并列单位按名称排序";

/** How joint reports are counted, for every output that counts per unit. */
export const JOINT_RULE = "联合报送的信息给每个署名单位各记一条";

export interface Ranked {
  /** Competition ranking: 1, 2, 2, 4. */
  rank: number;
  /** Another unit has the same count. */
  tied: boolean;
}

/** Units sharing one rank. */
export interface TieGroup<T> {
  rank: number;
  items: number;
  entries: T[];
}

const byName = (left: string, right: string) => left.localeCompare(right, "zh-Hans-CN");

/**
 * Ranks units by items carried, most first (or fewest first with `order: "least"`); equal counts
 * share a rank and are listed by name.
 * @example rankUnits([{ unit: "乙", items: 2 }, { unit: "甲", items: 2 }, { unit: "丙", items: 1 }])
 *   // 甲 rank 1 tied, 乙 rank 1 tied, 丙 rank 3
 */
export function rankUnits<T extends { unit: string; items: number }>(entries: readonly T[], options: { order?: "most" | "least" } = {}): (T & Ranked)[] {
  const sign = options.order === "least" ? -1 : 1;
  const sorted = [...entries].sort((left, right) => sign * (right.items - left.items) || byName(left.unit, right.unit));
  const counts = new Map<number, number>();
  for (const entry of sorted) counts.set(entry.items, (counts.get(entry.items) ?? 0) + 1);
  let rank = 0;
  return sorted.map((entry, index) => {
    if (index === 0 || sorted[index - 1]!.items !== entry.items) rank = index + 1;
    return { ...entry, rank, tied: (counts.get(entry.items) ?? 0) > 1 };
  });
}

/** Consecutive entries of one rank, in ranking order. */
export function tieGroups<T extends { items: number } & Ranked>(ranked: readonly T[]): TieGroup<T>[] {
  const groups: TieGroup<T>[] = [];
  for (const entry of ranked) {
    const last = groups.at(-1);
    if (last && last.rank === entry.rank) last.entries.push(entry);
    else groups.push({ rank: entry.rank, items: entry.items, entries: [entry] });
  }
  return groups;
}
