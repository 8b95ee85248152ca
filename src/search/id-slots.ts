/** Ids below this are kept in a typed array indexed by id; others (never chunk ids in practice) in a Map. */
const DENSE_LIMIT = 2 ** 25;

/**
 * Where each id lives (a slot or a label), for the integer ids of chunks: a typed array indexed by
 * id instead of a Map. Filling a Map with 200,000 entries took a loaded server ~0.1 s, on its
 * event loop, each time it read the index files; this is a few milliseconds and 4 bytes an id.
 */
export interface IdSlots {
  readonly size: number;
  /** The slot of `id`, or -1. */
  get(id: number): number;
  has(id: number): boolean;
  set(id: number, slot: number): void;
  delete(id: number): void;
  /** Every id with its slot, dense ids ascending first. */
  forEach(visit: (id: number, slot: number) => void): void;
  /** The ids, ascending. */
  ids(): number[];
}

export function createIdSlots(options: { capacity?: number } = {}): IdSlots {
  let dense = new Int32Array(Math.max(16, Math.min(options.capacity ?? 1024, DENSE_LIMIT))).fill(-1);
  const sparse = new Map<number, number>();
  let size = 0;
  const isDense = (id: number) => Number.isInteger(id) && id >= 0 && id < DENSE_LIMIT;

  function grow(id: number): void {
    let capacity = dense.length;
    while (capacity <= id) capacity *= 2;
    const grown = new Int32Array(Math.min(capacity, DENSE_LIMIT)).fill(-1);
    grown.set(dense);
    dense = grown;
  }

  const slots: IdSlots = {
    get size() {
      return size;
    },
    get(id) {
      if (isDense(id)) return id < dense.length ? dense[id]! : -1;
      return sparse.get(id) ?? -1;
    },
    has: (id) => slots.get(id) !== -1,
    set(id, slot) {
      if (isDense(id)) {
        if (id >= dense.length) grow(id);
        if (dense[id] === -1) size += 1;
        dense[id] = slot;
        return;
      }
      if (!sparse.has(id)) size += 1;
      sparse.set(id, slot);
    },
    delete(id) {
      if (isDense(id)) {
        if (id < dense.length && dense[id] !== -1) {
          dense[id] = -1;
          size -= 1;
        }
        return;
      }
      if (sparse.delete(id)) size -= 1;
    },
    forEach(visit) {
      for (let id = 0; id < dense.length; id += 1) if (dense[id] !== -1) visit(id, dense[id]!);
      for (const [id, slot] of sparse) visit(id, slot);
    },
    ids() {
      const found: number[] = [];
      slots.forEach((id) => found.push(id));
      return sparse.size === 0 ? found : found.sort((left, right) => left - right);
    },
  };
  return slots;
}
