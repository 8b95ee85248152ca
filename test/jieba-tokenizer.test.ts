import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, describeWithShared } from "./helpers/shared.js";
import { AppError } from "../src/errors.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";

const tokenizer = createJiebaTokenizer({ userWords: ["区委社工部", "工业路街道", "市生态环境局上街分局"] });

describe("createJiebaTokenizer", () => {
  it("segments a staff question in search mode and drops question words", () => {
    expect(tokenizer.tokenize("上街区注册志愿者有多少人？")).toEqual([
      "上街", "街区", "上街区", "注册", "志愿", "愿者", "志愿者", "注册志愿者", "人",
    ]);
  });

  it("emits the sub-words of a long word so partial questions still match", () => {
    const tokens = tokenizer.tokenize("65 个村（社区）实现志愿服务站全覆盖");
    expect(tokens).toEqual(expect.arrayContaining(["志愿", "服务", "服务站", "志愿服务站", "65"]));
  });

  it("keeps a figure with its scale unit whole and also emits the bare number", () => {
    expect(tokenizer.tokenize("注册志愿者增至 4.9 万人")).toEqual(expect.arrayContaining(["4.9万", "4.9"]));
    expect(tokenizer.tokenize("同比增长 61.5%")).toEqual(["同比", "增长", "61.5%", "61.5"]);
    expect(tokenizer.tokenize("涉及 677 户 30008 元")).toEqual(["涉及", "677", "户", "30008", "元"]);
  });

  it("reduces approximate figures to the number", () => {
    const tokens = tokenizer.tokenize("累计化解矛盾纠纷 1700 余起");
    expect(tokens).toContain("1700");
    expect(tokens).not.toContain("1700余");
  });

  it("folds full-width digits and letters and lower-cases ASCII", () => {
    expect(tokenizer.tokenize("持证人数达４３４人，增长６１．５％")).toEqual(expect.arrayContaining(["434", "61.5%", "61.5"]));
    expect(tokenizer.tokenize("上街区2024年的ＧＤＰ是多少？")).toEqual(["上街", "街区", "上街区", "2024", "年", "gdp"]);
  });

  it("keeps unit names passed at construction whole", () => {
    expect(tokenizer.tokenize("区委社工部推动志愿服务工作")).toContain("区委社工部");
    expect(tokenizer.tokenize("工业路街道划分了多少个微网格？")).toEqual(["工业", "街道", "工业路街道", "划分", "网格", "微网格"]);
    expect(tokenizer.tokenize("市生态环境局上街分局开展执法")).toContain("市生态环境局上街分局");
  });

  it("learns a unit name added after construction, and adding it twice changes nothing", () => {
    const text = "钱学森小学教育集团获评市级优质教育集团";
    expect(tokenizer.tokenize(text)).not.toContain("钱学森小学教育集团");
    tokenizer.addWords(["钱学森小学教育集团"]);
    const once = tokenizer.tokenize(text);
    expect(once).toContain("钱学森小学教育集团");
    tokenizer.addWords(["钱学森小学教育集团", " 钱学森小学教育集团 "]);
    expect(tokenizer.tokenize(text)).toEqual(once);
  });

  it("keeps mixed digit-and-Chinese terms whole, even across a line-wrap space", () => {
    expect(tokenizer.tokenize("在 12345 热线、郑好拍等平台")).toEqual(["12345热线", "12345", "热线", "郑好拍", "平台"]);
    tokenizer.addWords(["1469发展战略"]);
    expect(tokenizer.tokenize("围绕区委“1469”发展战略")).not.toContain("1469发展战略");
    expect(tokenizer.tokenize("围绕区委 1469 发展战略")).toContain("1469发展战略");
  });

  it("recognises governance terms from the dictionary file", () => {
    expect(tokenizer.tokenize("“信托制”物业改革效果怎么样？")).toEqual(["信托", "信托制", "物业", "改革", "效果"]);
    expect(tokenizer.tokenize("全力抓好三夏生产")).toContain("三夏");
    expect(tokenizer.tokenize("新就业群体党建")).toContain("新就业群体");
  });

  it("repairs spaces that PDF line wraps leave inside Chinese words", () => {
    expect(tokenizer.tokenize("服 务群众")).toEqual(["服务", "群众"]);
  });

  it("drops punctuation and whitespace", () => {
    expect(tokenizer.tokenize("，。、；：“”（）《》 \n\t")).toEqual([]);
  });

  it("uses the stopwords given instead of the file's", () => {
    const keepsAll = createJiebaTokenizer({ stopwords: [] });
    expect(keepsAll.tokenize("有多少人")).toEqual(["有", "多少", "人"]);
  });

  it("names a missing dictionary file and how to fix it", () => {
    const emptyDir = mkdtempSync(path.join(tmpdir(), "dictionary-"));
    writeFileSync(path.join(emptyDir, "stopwords.txt"), "的\n");
    expect(() => createJiebaTokenizer({ dictionaryDir: emptyDir })).toThrow(AppError);
    expect(() => createJiebaTokenizer({ dictionaryDir: emptyDir })).toThrow(/governance-terms\.txt: 读不到分词词典.*dictionaryDir/);
  });

  it("has a versioned name so indexes built with another segmentation are rebuilt", () => {
    expect(tokenizer.name).toBe("jieba-search-v1");
  });
});

describeWithShared("createJiebaTokenizer on the real bulletins", () => {
  it("keeps the figures staff ask about whole", () => {
    const text = readdirSync(CORPUS).map((file) => readFileSync(path.join(CORPUS, file), "utf8")).join("\n");
    expect(tokenizer.tokenize(text)).toEqual(expect.arrayContaining(["4.9万", "61.5%", "30008", "37176", "99.55%"]));
  });
});

describe("tokenizeParts", () => {
  it("gives the terms of headline, body and both joined exactly as three tokenize calls would, for every passage of the samples, the corpus and a generated archive", async () => {
    const { sampleApplication, SAMPLES } = await import("./helpers/sample-application.js");
    const { generateItems } = await import("../scripts/generate-corpus.js");
    const { chunkItem } = await import("../src/search/chunk-item.js");
    const { chunkSearchText } = await import("../src/search/reconcile-index.js");
    const { existsSync } = await import("node:fs");
    const { application } = await sampleApplication({ paths: [SAMPLES, ...(existsSync(CORPUS) ? [CORPUS] : [])] });
    try {
      const stored = application.catalog.listItems();
      const generated = generateItems({ count: 400, seed: 9 }).map((item) => ({ units: [item.unit], title: item.title, body: item.body }));
      const passages = [...stored, ...generated].flatMap((item) => chunkItem({ body: item.body || item.title, maxChars: 1200 }).map((text) => chunkSearchText({ units: item.units, title: item.title, text })));
      expect(passages.length).toBeGreaterThan(400);
      let split = 0;
      for (const { title, body } of passages) {
        const parts = tokenizer.tokenizeParts({ title, body });
        expect(parts).toEqual({ title: tokenizer.tokenize(title), body: tokenizer.tokenize(body), joined: tokenizer.tokenize(`${title}\n${body}`) });
        if (body.includes("。")) split += 1;
      }
      // Most passages take the shortcut.
      expect(split).toBeGreaterThan(passages.length / 2);
    } finally {
      application.close();
    }
  });
});
