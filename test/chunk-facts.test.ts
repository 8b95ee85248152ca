import { describe, expect, it } from "vitest";
import { createChunkFacts, deserializeChunkFacts, type ChunkFact } from "../src/search/chunk-facts.js";

const fact = (id: number, units: string[], date: string | null, issue: number | null, documentId = id * 10): ChunkFact =>
  ({ id, itemId: id * 100, documentId, position: 1, units, date, issue, year: date ? Number(date.slice(0, 4)) : null });

const facts = [
  fact(1, ["区农委"], "2025-04-17", 18),
  fact(2, ["区卫健委", "区医保局"], "2025-04-17", 18, 10),
  fact(3, [], "2025-10-30", 57),
  fact(4, ["区医保局"], "2025-10-30", 57),
  fact(5, ["区农委"], null, null),
];

describe("chunk facts", () => {
  it("finds the chunks a unit, period, day or issue may match; items naming no unit pass any unit filter", () => {
    const index = createChunkFacts();
    index.add(facts);
    const ids = (criteria: Parameters<typeof index.find>[0]) => index.find(criteria).map((found) => found.id).sort((left, right) => left - right);
    expect(ids({ units: ["区医保局"] })).toEqual([2, 3, 4]);
    expect(ids({ units: ["区农委"], from: "2025-01-01", to: "2025-06-30" })).toEqual([1]);
    expect(ids({ date: "2025-10-30" })).toEqual([3, 4]);
    expect(ids({ issue: 57, year: 2025 })).toEqual([3, 4]);
    expect(ids({ issue: 57, year: 2024 })).toEqual([]);
    expect(ids({})).toEqual([1, 2, 3, 4, 5]);
    expect(index.find({ units: ["区卫健委"] })[0]).toEqual(facts[1]);
  });

  it("forgets removed chunks, replaces re-added ones and reads back what it wrote", () => {
    const index = createChunkFacts();
    index.add(facts);
    index.remove([1, 99]);
    index.add([fact(4, ["区农委"], "2026-01-15", 3)]);
    expect(index.ids()).toEqual([2, 3, 4, 5]);
    const loaded = deserializeChunkFacts({ bytes: index.serialize() });
    expect(loaded.size()).toBe(4);
    for (const criteria of [{ units: ["区农委"] }, { from: "2025-01-01", to: "2025-12-31" }, { issue: 3 }]) {
      expect(loaded.find(criteria)).toEqual(index.find(criteria));
    }
    expect(() => deserializeChunkFacts({ bytes: index.serialize().subarray(0, 60), source: "chunks.bin" })).toThrow(/chunks\.bin.*reindex/);
  });
});
