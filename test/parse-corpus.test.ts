import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, describeWithShared } from "./helpers/shared.js";
import { parseDocument } from "../src/ingest/parse-document.js";
import { accountForEveryCharacter, itemsInSourceOrder } from "./helpers/text-accounting.js";

const corpus = CORPUS;

const parse = (name: string) => {
  const text = readFileSync(path.join(corpus, name), "utf8");
  return { text, document: parseDocument({ text }) };
};

const EXPECTED = [
  { file: "000_2a2d8f30b8b9aa47.txt", issue: 64, year: 2025, date: "2025-11-27", units: ["区教育局", "区司法局", "区公安局", "区委宣传部", "区委社工部", "工业路街道", "区委编办"], briefs: [] as string[] },
  { file: "001_aa8973077d4ce2ec.txt", issue: 55, year: 2023, date: "2023-08-14", units: ["矿山街道", "工业路街道", "中心路街道", "区政务服务中心", "区委宣传部", "区文广旅体局", "区法院", "区科工信局"], briefs: ["区法院", "区科工信局"] },
  { file: "002_2394bc59f5f8de19.txt", issue: 35, year: 2023, date: "2023-06-01", units: ["济源路街道", "新安路街道", "区督查局", "区委老干部局", "区农委", "市生态环境局上街分局", "区统计局", "区检察院"], briefs: ["区统计局", "区检察院"] },
  { file: "004_9c4b82e408abf895.txt", issue: 8, year: 2026, date: "2026-02-12", units: ["区委社工部"], briefs: [] },
];

describeWithShared("real bulletins in ../shared/corpus", () => {
  for (const expected of EXPECTED) {
    it(`${expected.file}: issue ${expected.issue}, ${expected.date}, units in order`, () => {
      const { document } = parse(expected.file);
      expect(document.kind).toBe("bulletin");
      expect(document.issue).toBe(expected.issue);
      expect(document.year).toBe(expected.year);
      expect(document.date).toBe(expected.date);
      expect(document.publisher).toBe("中共上街区委办公室");
      expect(document.series).toBe("上街信息");
      expect(document.items.map((item) => item.unit)).toEqual(expected.units);
      expect(document.items.filter((item) => item.kind === "brief").map((item) => item.unit)).toEqual(expected.briefs);
      expect(document.items.map((item) => item.position)).toEqual(expected.units.map((_, index) => index + 1));
    });
  }

  it("reads titles, footers and editors", () => {
    const { document } = parse("000_2a2d8f30b8b9aa47.txt");
    expect(document.items.map((item) => item.title)).toEqual([
      '区教育局构建"区内+跨区"双层集团化办学新格局',
      '区司法局运用"三段式"工作法推动行政争议实质化解',
      '区公安局深入推进"三官一员"进站点筑牢社区矛盾 化解防线',
      '区委宣传部深化"书香上街"建设',
      "区委社工部推动志愿服务工作提质增效",
      "工业路街道依托政协智囊优化营商环境",
      "区委编办完善新兴领域党建工作体制机制",
    ]);
    expect(document.editors).toEqual(["柴亚文", "安菁"]);
    expect(document.recipients).toEqual(["本期送:区县处级领导", "发:峡窝镇、各街道办事处、区直各单位负责同志"]);
    expect(document.items.some((item) => /本期送|责任编辑/.test(item.body))).toBe(false);
    expect(parse("001_aa8973077d4ce2ec.txt").document.editors).toEqual(["郝婕", "许亦是"]);
  });

  it("joins sentences broken across pages and removes extraction spaces", () => {
    const education = parse("000_2a2d8f30b8b9aa47.txt").document.items[0]!;
    expect(education.body).toContain("促进各校间互学互鉴");
    expect(education.body).toContain("区内组建4大教育集团");
    const police = parse("000_2a2d8f30b8b9aa47.txt").document.items[2]!;
    expect(police.body).toContain("联系代表、服务群众工作部署");
    const government = parse("001_aa8973077d4ce2ec.txt").document.items[3]!;
    expect(government.title).toBe("区政务服务中心“三个优化”着力提升政务营商服务环境");
    expect(government.body.startsWith("一是优化窗口。")).toBe(true);
  });

  it("reads Markdown headings and bold headlines as titles", () => {
    const { document } = parse("002_2394bc59f5f8de19.txt");
    expect(document.items[0]!.title).toBe("济源路街道“无主管”楼院治理服务再升级");
    expect(document.items[5]!.title).toBe("市生态环境局上街分局“三聚焦”持续优化营商环境");
    const long = parse("004_9c4b82e408abf895.txt").document.items[0]!;
    expect(long.title).toBe("区委社工部聚焦群众需求 提升服务效能 推动工作走深走实");
    expect(long.body).toContain("累计培训社区工作者、网格员1300余人次");
    expect(long.body).not.toContain("**");
  });

  it("splits the newspaper page into about ten articles at its headlines", () => {
    const { document } = parse("003_5d05583a3860d06d.txt");
    expect(document.kind).toBe("article");
    expect(document.issue).toBeNull();
    expect(document.date).toBeNull();
    expect(document.items.length).toBeGreaterThanOrEqual(8);
    expect(document.items.length).toBeLessThanOrEqual(12);
    expect(document.items.map((item) => item.title)).toEqual([
      "上街“智”治:党建绣出基层治理新图景",
      "这个科教综合体 开启“智”教新篇",
      "这个产业园区 “药”有新作为",
      "专场招聘解供需 助力就业添活力",
      "邻里噪声闹纠纷 社区架起“隔音桥”",
      "“一把手”走流程 政务服务跑出加速度",
      "推进移风易俗 建设文明乡风 婚嫁新风吹入 幸福生活踏歌来",
      "筑牢生命防护线 织密防溺水安全网",
      "精准监督推动 “教育入学一件事”落地见效",
    ]);
    expect(document.items[0]!.body).toContain("今年上半年,平台受理事件37176件");
    expect(document.items.every((item) => item.kind === "article")).toBe(true);
  });

  for (const file of [...EXPECTED.map((entry) => entry.file), "003_5d05583a3860d06d.txt"]) {
    it(`${file}: no text lost, none duplicated, items in order`, () => {
      const { text, document } = parse(file);
      expect(accountForEveryCharacter(text, document)).toEqual({ missing: "", extra: "" });
      expect(itemsInSourceOrder(text, document)).toBe(true);
    });
  }
});
