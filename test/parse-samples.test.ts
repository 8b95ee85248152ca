import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/ingest/parse-document.js";
import { readDocument } from "../src/ingest/read-document.js";
import { accountForEveryCharacter, itemsInSourceOrder } from "./helpers/text-accounting.js";

const samples = path.resolve(import.meta.dirname, "../data/samples");

/** The bundled fictional samples, each in a different format (PDF-extracted text, Markdown, GBK). */
const EXPECTED: Record<string, { issue: number; date: string; units: string[]; briefs: number }> = {
  "2024-12.txt": { issue: 12, date: "2024-03-07", units: ["区教育局", "工业路街道", "区委社工部", "峡窝镇", "区人社局", "区司法局", "区农委"], briefs: 2 },
  "2024-40.md": { issue: 40, date: "2024-08-22", units: ["新安路街道", "区应急管理局", "区市场监管局", "区教育局", "区公安局", "区住建局", "区退役军人事务局"], briefs: 2 },
  "2025-18.md": { issue: 18, date: "2025-04-17", units: ["区委社工部", "工业路街道", "区农委", "区卫健委", "区应急管理局", "区总工会"], briefs: 1 },
  "2025-57-gbk.txt": { issue: 57, date: "2025-10-30", units: ["区教育局", "区公安局", "新安路街道", "峡窝镇", "区委社工部", "区医保局", "区红十字会"], briefs: 1 },
  "2026-03.txt": { issue: 3, date: "2026-01-15", units: ["区应急管理局", "工业路街道", "区市场监管局", "区教育局", "峡窝镇", "区医保局", "区人社局"], briefs: 2 },
  "2026-15.md": { issue: 15, date: "2026-04-09", units: ["区市场监管局"], briefs: 0 },
};

describe("bundled sample bulletins", () => {
  it("has exactly the documented sample files", () => {
    expect(readdirSync(samples).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: issue, date, units in order, no text lost`, async () => {
      const { text } = await readDocument({ path: path.join(samples, file) });
      const document = parseDocument({ text });
      expect([document.kind, document.issue, document.date]).toEqual(["bulletin", expected.issue, expected.date]);
      expect(document.items.map((item) => item.unit)).toEqual(expected.units);
      expect(document.items.filter((item) => item.kind === "brief")).toHaveLength(expected.briefs);
      expect(accountForEveryCharacter(text, document)).toEqual({ missing: "", extra: "" });
      expect(itemsInSourceOrder(text, document)).toBe(true);
    });
  }

  it("repairs the PDF-extracted sample: page break, running header, stray spaces", async () => {
    const { text } = await readDocument({ path: path.join(samples, "2024-12.txt") });
    const document = parseDocument({ text });
    expect(document.removed).toEqual(expect.arrayContaining(["— 2 —", "上街信息"]));
    expect(document.items.map((item) => item.body).join("")).not.toMatch(/[\u4e00-\u9fa5] [\u4e00-\u9fa5]/);
  });

  it("reads the joint report of the health commission and the medical insurance bureau", async () => {
    const { text } = await readDocument({ path: path.join(samples, "2025-18.md") });
    const joint = parseDocument({ text }).items[3]!;
    expect(joint.units).toEqual(["区卫健委", "区医保局"]);
    expect(joint.title).toBe("区卫健委 区医保局联合推进家庭医生签约服务");
  });
});
