import { afterEach, describe, expect, it } from "vitest";
import { createAnswerer } from "../src/answer/answer-question.js";
import type { Application } from "../src/app/create-application.js";
import { createLogger } from "../src/log.js";
import { understandQuery } from "../src/query/understand-query.js";
import { sampleApplication, SAMPLES, TODAY } from "./helpers/sample-application.js";

// A running server answering from what `cli ingest` stored in another process: concurrent-ingest.test.ts.

const logger = createLogger({ level: "silent" });

let application: Application | undefined;
afterEach(() => {
  application?.close();
  application = undefined;
});

describe("hits whose items vanished between search and answer", () => {
  it("are dropped, the rest cited by their own items, and an answer with none left says nothing was found", async () => {
    const opened = await sampleApplication({ paths: [SAMPLES] });
    application = opened.application;
    const { retrieval } = await application.search();
    const units = application.units();
    const question = "区农委春耕落实了多少亩小麦？";
    // A search that still returns an item of a replaced issue (id 999999 exists no more) ahead of the real one.
    let realScore = 0;
    const withGhost = (keepReal: boolean) =>
      createAnswerer({
        catalog: application!.catalog,
        understand: ({ text }) => understandQuery({ text, today: TODAY, units }),
        retrieval: async () => ({
          ...retrieval,
          search: async (request) => {
            const result = await retrieval.search(request);
            realScore = result.hits[0]!.score;
            const ghost = { ...result.hits[0]!, itemId: 999_999, score: 0.5 };
            return { ...result, hits: keepReal ? [ghost, ...result.hits] : [ghost] };
          },
        }),
        logger,
        series: "上街信息",
      });
    const answer = await withGhost(true)({ question });
    expect(answer.answer).toMatch(/5\.2万亩[^[]*\[1\]/);
    expect(answer.citations[0]!.unit).toBe("区农委");
    expect(answer.citations[0]!.score).toBe(Math.round(realScore * 1000) / 1000);
    expect(answer.citations.map((citation) => citation.n)).toEqual(answer.citations.map((_, index) => index + 1));

    const nothing = await withGhost(false)({ question });
    expect(nothing.answer).toContain("没有找到");
    expect(nothing.citations).toEqual([]);
  });
});
