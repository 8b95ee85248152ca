import path from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../src/errors.js";
import { calculateBm25Score } from "../src/search/bm25.js";
import { createBm25Index, type Bm25Document } from "../src/search/bm25-index.js";
import { deserializeBm25Index, loadBm25Index, serializeBm25Index } from "../src/search/bm25-snapshot.js";
import { createJiebaTokenizer } from "../src/text/jieba-tokenizer.js";
import type { Tokenizer } from "../src/text/tokenizer.js";

const tokenizer = createJiebaTokenizer({ userWords: ["区委社工部", "工业路街道", "区农委", "区教育局", "区委宣传部"] });

const bulletinItems: Bm25Document[] = [
  { id: 1, fields: { title: "区委社工部推动志愿服务工作提质增效" }, text: "注册志愿者增至 4.9 万人，志愿服务组织达 228 支。" },
  { id: 2, fields: { title: "工业路街道推动网格化基层治理走深走实" }, text: "科学划分微网格 47 个，受理事件 970 件，办结事件 965 件。" },
  { id: 3, fields: { title: "区农委扎实开展三夏生产" }, text: "为种粮农民发放一次性补贴，涉及 677 户 30008 元。" },
  { id: 4, fields: { title: "区教育局推进集团化办学" }, text: "组织志愿服务进校园，两年内交流教师 140 余人次。" },
  { id: 5, fields: { title: "区委宣传部深化书香上街建设" }, text: "全年组织阅读活动 120 余场，志愿服务队伍积极参与。" },
];

function ids(hits: { id: number }[]): number[] {
  return hits.map((hit) => hit.id);
}

describe("calculateBm25Score", () => {
  it("matches the BM25+ formula for a one-document index", () => {
    // idf = ln(1 + 0.5 / 1.5); tf part = 1 * 2.2 / (1 + 1.2) = 1; plus d = 0.5
    const score = calculateBm25Score({ termFrequency: 1, matchingCount: 1, totalCount: 1, fieldLength: 10, averageFieldLength: 10 });
    expect(score).toBeCloseTo(Math.log(4 / 3) * 1.5, 10);
  });

  it("rewards rarer terms, saturates repeated terms and penalises longer fields", () => {
    const base = { termFrequency: 1, matchingCount: 10, totalCount: 100, fieldLength: 50, averageFieldLength: 50 };
    expect(calculateBm25Score({ ...base, matchingCount: 2 })).toBeGreaterThan(calculateBm25Score(base));
    const twice = calculateBm25Score({ ...base, termFrequency: 2 });
    const tenTimes = calculateBm25Score({ ...base, termFrequency: 10 });
    expect(twice).toBeGreaterThan(calculateBm25Score(base));
    expect(tenTimes).toBeLessThan(2 * twice);
    expect(calculateBm25Score({ ...base, fieldLength: 200 })).toBeLessThan(calculateBm25Score(base));
  });

  it("stays positive for a term found in every document", () => {
    expect(calculateBm25Score({ termFrequency: 1, matchingCount: 100, totalCount: 100, fieldLength: 5, averageFieldLength: 5 })).toBeGreaterThan(0);
  });
});

describe("createBm25Index", () => {
  it("lists its words in the order first seen, so a reader takes only those added since it last read", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems.slice(0, 2));
    const first = index.vocabulary(0);
    expect(first).toContain("志愿者");
    expect(first).not.toContain("补贴");
    index.add(bulletinItems.slice(2, 3));
    const added = index.vocabulary(first.length);
    expect(added).toContain("补贴");
    expect(added).not.toContain("志愿者");
  });

  it("answers a staff question with the item that holds the fact", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    const hits = index.search({ query: "上街区现在有多少注册志愿者？", k: 3 });
    expect(hits[0]?.id).toBe(1);
    expect(hits[0]?.matchedTerms).toEqual(["注册", "志愿", "愿者", "志愿者", "注册志愿者"]);
    expect(ids(index.search({ query: "区农委给种粮农民发放了多少一次性补贴？", k: 1 }))).toEqual([3]);
    expect(ids(index.search({ query: "工业路街道划分了多少个微网格？", k: 1 }))).toEqual([2]);
    expect(ids(index.search({ query: "4.9", k: 5 }))).toEqual([1]);
  });

  it("ranks a document with a rare query term above one with a common term", () => {
    const index = createBm25Index({ tokenizer });
    index.add([
      { id: 1, text: "社区开展志愿服务活动" },
      { id: 2, text: "社区开展志愿服务活动" },
      { id: 3, text: "社区开展信托制物业改革" },
    ]);
    expect(ids(index.search({ query: "志愿服务 信托制", k: 3 }))).toEqual([3, 1, 2]);
  });

  it("ranks a title match above a body-only match", () => {
    const index = createBm25Index({ tokenizer });
    index.add([
      { id: 1, fields: { title: "区教育局工作" }, text: "推进集团化办学" },
      { id: 2, fields: { title: "集团化办学" }, text: "区教育局推进工作" },
    ]);
    expect(ids(index.search({ query: "集团化办学", k: 2 }))).toEqual([2, 1]);
  });

  it("never returns removed documents and replaces a document added again", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    index.remove([1, 999]);
    expect(index.size()).toBe(4);
    expect(ids(index.search({ query: "注册志愿者", k: 5 }))).not.toContain(1);
    expect(ids(index.search({ query: "志愿服务", k: 5 }))).toEqual([4, 5]);

    index.add([{ id: 4, text: "集团化办学考核评价办法" }]);
    expect(index.size()).toBe(4);
    expect(ids(index.search({ query: "志愿服务", k: 5 }))).toEqual([5]);
    expect(ids(index.search({ query: "考核评价", k: 5 }))).toEqual([4]);
  });

  it("applies the filter once per candidate and honours k", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    const calls: number[] = [];
    const hits = index.search({
      query: "志愿服务 志愿者",
      k: 10,
      filter: (id) => {
        calls.push(id);
        return id !== 1;
      },
    });
    expect(ids(hits)).toEqual([4, 5]);
    expect([...calls].sort()).toEqual([1, 4, 5]);
    expect(index.search({ query: "志愿服务", k: 1 })).toHaveLength(1);
    expect(index.search({ query: "志愿服务", k: 0 })).toEqual([]);
  });

  it("limited to a set of ids, ranks as with a filter that allows exactly those", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    const among = new Set([2, 4, 5, 999]);
    for (const query of ["志愿服务", "注册志愿者有多少", "微网格 受理事件", "区教育局集团化办学"]) {
      expect(index.search({ query, k: 5, among })).toEqual(index.search({ query, k: 5, filter: (id) => among.has(id) }));
    }
    expect(index.search({ query: "志愿服务", k: 5, among, filter: (id) => id !== 4 }).map((hit) => hit.id)).toEqual([5]);
  });

  it("ranks the same way for a small k as for a large one, ties by ascending id", () => {
    const index = createBm25Index({ tokenizer });
    index.add(Array.from({ length: 40 }, (_, position) => ({
      id: 40 - position,
      text: "志愿服务".repeat((position % 5) + 1) + "社区网格".repeat(position % 7),
    })));
    const all = index.search({ query: "志愿服务", k: 40 });
    expect(all).toHaveLength(40);
    expect(index.search({ query: "志愿服务", k: 3 })).toEqual(all.slice(0, 3));
    for (let position = 1; position < all.length; position += 1) {
      const previous = all[position - 1];
      const current = all[position];
      if (previous === undefined || current === undefined) continue;
      expect(previous.score > current.score || (previous.score === current.score && previous.id < current.id)).toBe(true);
    }
  });

  it("accepts a pre-tokenised query and returns nothing for unknown or empty queries", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    expect(ids(index.search({ query: ["三夏", "30008"], k: 5 }))).toEqual([3]);
    expect(index.search({ query: "GDP", k: 5 })).toEqual([]);
    expect(index.search({ query: "", k: 5 })).toEqual([]);
    expect(createBm25Index({ tokenizer }).search({ query: "志愿服务", k: 5 })).toEqual([]);
  });

  it("after removals, scores and document frequencies are those of an index that never held the removed documents", () => {
    const kept = bulletinItems.filter((item) => item.id !== 1 && item.id !== 4);
    const fresh = createBm25Index({ tokenizer });
    fresh.add(kept);
    const removed = createBm25Index({ tokenizer });
    removed.add(bulletinItems);
    removed.remove([1, 4]);
    for (const query of ["注册志愿者有多少", "志愿服务", "微网格 受理事件", "区教育局集团化办学", "区农委三夏"]) {
      expect(removed.search({ query, k: 5 })).toEqual(fresh.search({ query, k: 5 }));
      for (const term of tokenizer.tokenize(query)) expect(removed.documentFrequency(term)).toBe(fresh.documentFrequency(term));
    }
    // The same counts per document (terms listed in the order the index first saw them).
    const counts = (index: typeof fresh) => index.toJSON().documents.map((document) => ({ id: document.id, terms: [...document.terms].sort() }));
    expect(counts(removed)).toEqual(counts(fresh));
  });

  it("gives identical results after a JSON round trip and keeps working", () => {
    const index = createBm25Index({ tokenizer, parameters: { titleBoost: 3 } });
    index.add(bulletinItems);
    const snapshot = JSON.parse(JSON.stringify(index.toJSON())) as unknown;
    const loaded = loadBm25Index({ snapshot, tokenizer, parameters: { titleBoost: 3 } });
    expect(loaded.size()).toBe(5);
    for (const query of ["注册志愿者有多少", "志愿服务", "微网格 受理事件", "区教育局集团化办学", "30008"]) {
      expect(loaded.search({ query, k: 5 })).toEqual(index.search({ query, k: 5 }));
    }
    expect(loaded.toJSON()).toEqual(index.toJSON());
    loaded.remove([3]);
    expect(loaded.search({ query: "三夏", k: 5 })).toEqual([]);
  });

  it("gives identical results after a binary round trip, and keeps working after removals and additions", () => {
    const index = createBm25Index({ tokenizer, parameters: { titleBoost: 3 } });
    index.add(bulletinItems);
    index.remove([2]);
    index.add([{ id: 9, fields: { title: "区农委三夏生产" }, text: "收获小麦 3.2 万亩。" }]);
    const loaded = deserializeBm25Index({ bytes: serializeBm25Index(index), tokenizer, parameters: { titleBoost: 3 } });
    expect(loaded.size()).toBe(5);
    expect(loaded.ids()).toEqual([1, 3, 4, 5, 9]);
    for (const query of ["注册志愿者有多少", "志愿服务", "微网格 受理事件", "区农委三夏", "30008"]) {
      expect(loaded.search({ query, k: 5 })).toEqual(index.search({ query, k: 5 }));
      for (const term of tokenizer.tokenize(query)) expect(loaded.documentFrequency(term)).toBe(index.documentFrequency(term));
    }
    expect(loaded.toJSON()).toEqual(index.toJSON());
    loaded.remove([3]);
    loaded.add([{ id: 3, text: "三夏生产全面完成" }]);
    expect(ids(loaded.search({ query: "三夏", k: 5 }))).toEqual([9, 3]);
  });

  it("rejects a binary index of another format, tokenizer, or cut short, and says to reindex", () => {
    const index = createBm25Index({ tokenizer });
    index.add(bulletinItems);
    const bytes = serializeBm25Index(index);
    expect(() => deserializeBm25Index({ bytes: bytes.subarray(0, bytes.length - 40), tokenizer, source: "lexical.bin" })).toThrow(/lexical\.bin: BM25 index file is truncated.*reindex/);
    expect(() => deserializeBm25Index({ bytes: Buffer.from("{}"), tokenizer })).toThrow(/not a binary BM25 index.*reindex/);
    const whitespace: Tokenizer = { name: "whitespace", tokenize: (text) => text.split(/\s+/).filter(Boolean), addWords: () => {} };
    expect(() => deserializeBm25Index({ bytes, tokenizer: whitespace })).toThrow(/built with tokenizer "jieba-search-v1".*reindex/);
  });

  it("rejects a snapshot of another format version and says to reindex", () => {
    const snapshot = { ...createBm25Index({ tokenizer }).toJSON(), formatVersion: 99 };
    expect(() => loadBm25Index({ snapshot, tokenizer, source: "data/bm25.json" })).toThrow(StoreError);
    expect(() => loadBm25Index({ snapshot, tokenizer, source: "data/bm25.json" })).toThrow(
      /data\/bm25\.json: unsupported BM25 index format version 99.*reindex/,
    );
    expect(() => loadBm25Index({ snapshot: { hello: 1 }, tokenizer })).toThrow(/no formatVersion.*reindex/);
    const damaged = { formatVersion: 1, tokenizer: tokenizer.name, documents: [{ id: 7, terms: [["志愿", "x", 0]] }] };
    expect(() => loadBm25Index({ snapshot: damaged, tokenizer })).toThrow(/malformed document entry \(id 7\).*reindex/);
  });

  it("rejects a snapshot built with another tokenizer", () => {
    const whitespace: Tokenizer = { name: "whitespace", tokenize: (text) => text.split(/\s+/).filter(Boolean), addWords: () => {} };
    const snapshot = createBm25Index({ tokenizer: whitespace }).toJSON();
    expect(() => loadBm25Index({ snapshot, tokenizer })).toThrow(/built with tokenizer "whitespace".*jieba-search-v1.*reindex/);
  });
});
