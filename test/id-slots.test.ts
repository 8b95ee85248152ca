import { describe, expect, it } from "vitest";
import { createIdSlots } from "../src/search/id-slots.js";

describe("id slots", () => {
  it("maps ids to slots like a Map, growing past its capacity, with ids outside the dense range kept too", () => {
    const slots = createIdSlots({ capacity: 4 });
    const entries: [number, number][] = [[3, 0], [70_000, 1], [0, 2], [-5, 3], [2 ** 40, 4]];
    for (const [id, slot] of entries) slots.set(id, slot);
    expect(slots.size).toBe(5);
    for (const [id, slot] of entries) expect(slots.get(id)).toBe(slot);
    expect(slots.get(4)).toBe(-1);
    expect(slots.has(70_000)).toBe(true);
    slots.set(3, 9);
    expect(slots.size).toBe(5);
    slots.delete(70_000);
    slots.delete(-5);
    slots.delete(12);
    expect(slots.size).toBe(3);
    expect(slots.ids()).toEqual([0, 3, 2 ** 40]);
    const visited: [number, number][] = [];
    slots.forEach((id, slot) => visited.push([id, slot]));
    expect(visited).toEqual([[0, 2], [3, 9], [2 ** 40, 4]]);
  });
});
