import { expect } from "vitest";
import { parseDocument } from "../../src/ingest/parse-document.js";
import { accountForEveryCharacter, itemsInSourceOrder } from "./text-accounting.js";

/** Parses a literal fixture and checks that no character was lost or duplicated and items keep their order. */
export function parseChecked(text: string) {
  const document = parseDocument({ text });
  expect(accountForEveryCharacter(text, document)).toEqual({ missing: "", extra: "" });
  expect(itemsInSourceOrder(text, document)).toBe(true);
  return document;
}

/** Unit, kind, title and body of every item: the shape most parser expectations compare. */
export function itemRows(document: ReturnType<typeof parseDocument>) {
  return document.items.map((item) => [item.kind, item.units, item.title, item.body]);
}
