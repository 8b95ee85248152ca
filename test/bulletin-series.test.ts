import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatCitation } from "../src/answer/citation.js";
import type { Application } from "../src/app/create-application.js";
import { loadConfig } from "../src/config.js";
import { itemFullText } from "../src/feishu/bot-replies.js";
import { createLogger } from "../src/log.js";
import { createFakeChatModel, replyWith } from "../src/models/fake-chat-model.js";
import { startWebServer } from "../src/web/start-web-server.js";
import { startFakeFeishu, type FakeFeishu } from "./fakes/fake-feishu-server.js";
import { messageEvent, postEvent } from "./fakes/feishu-events.js";
import { ENCRYPT_KEY, startBot, type RunningBot } from "./helpers/feishu-bot-harness.js";
import { ROOT } from "./helpers/run-cli.js";
import { sampleApplication } from "./helpers/sample-application.js";

// 《信息简报》增刊第7期 of 中共江川市委办公室, 2024-05-20: one unsigned item on flood control.
const MUNICIPAL = path.join(ROOT, "test/fixtures/bulletins/municipal-supplement.txt");
const QUESTION = "全市有多少座水库明确了防汛责任人？";
const logger = createLogger({ level: "silent" });

let municipal: Application;
let otherSeries: Application;
let fake: FakeFeishu;
let running: RunningBot | undefined;

beforeAll(async () => {
  // The configured series stays the default (上街信息): only the stored series may be named.
  ({ application: municipal } = await sampleApplication({ paths: [MUNICIPAL] }));
  ({ application: otherSeries } = await sampleApplication({ paths: [MUNICIPAL], env: { BULLETIN_SERIES: "某某简报" } }));
  fake = await startFakeFeishu();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await fake.close();
  municipal.close();
  otherSeries.close();
});

let counter = 0;
const repliesTo = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId);

async function askBot(text: string): Promise<string> {
  const messageId = `om_series_${Date.now().toString(16)}_${(counter += 1)}`;
  await postEvent({ url: running!.webhookUrl, encryptKey: ENCRYPT_KEY, envelope: messageEvent({ chatId: "oc_series", chatType: "p2p", senderOpenId: "ou_staff", text, messageId }) });
  await fake.waitFor(() => repliesTo(messageId).length > 0);
  return JSON.stringify(repliesTo(messageId)[0]!.content);
}

describe("a bulletin of another series (信息简报)", () => {
  it("is cited under its own series in the answer", async () => {
    const answer = await municipal.answerer()({ question: QUESTION });
    expect(answer.answer).toContain("128座水库");
    expect(answer.citations.map((citation) => [citation.series, citation.issue, citation.date])).toEqual([["信息简报", 7, "2024-05-20"]]);
    expect(formatCitation(answer.citations[0]!)).toBe("[1] 《信息简报》增刊第7期（2024-05-20）中共江川市委办公室：全市防汛抗旱工作会议召开");
    expect(JSON.stringify(answer)).not.toContain("上街信息");
  });

  it("is named by its own series in what the model is asked", async () => {
    const chatModel = createFakeChatModel({ complete: replyWith(["会议要求对全市128座水库逐一明确责任人。[1]"]) });
    const answer = await municipal.answerer({ chatModel })({ question: QUESTION });
    expect(answer.citations.map((citation) => citation.series)).toEqual(["信息简报"]);
    const [system, user] = chatModel.calls[0]!.map((message) => message.content);
    expect(system).toContain("根据《信息简报》简报回答工作人员的问题");
    expect(user).toContain("以下是检索到的《信息简报》简报条目");
    expect(`${system}${user}`).not.toContain("上街信息");
  });

  it("is named under its own series when the issue itself is asked for", async () => {
    const answer = await municipal.answerer()({ question: "2024年第7期原文" });
    expect(answer.intent).toBe("source");
    expect(answer.answer).toMatch(/^《信息简报》2024年增刊第7期（2024-05-20），共 1 条，报送单位：中共江川市委办公室。/);
    expect(JSON.stringify(answer)).not.toContain("上街信息");
  });

  it("has an issue page headed and titled by its own series", async () => {
    const server = await startWebServer({ application: municipal, config: loadConfig({ LOG_LEVEL: "silent" }), logger, port: 0, host: "127.0.0.1" });
    try {
      const document = municipal.catalog.listDocuments()[0]!;
      const page = await (await fetch(server.links.issue({ documentId: document.id, year: document.year, issue: document.issue, item: 1 }))).text();
      expect(page).toContain("<title>信息简报 2024年增刊第7期</title>");
      expect(page).toContain("<h1>信息简报 2024年增刊第7期</h1>");
      expect(page).not.toContain("上街信息");
    } finally {
      await server.close();
    }
  });

  it("is cited under its own series on the Feishu card, and in the item's full text", async () => {
    running = await startBot({ application: municipal, fake });
    const card = await askBot(QUESTION);
    expect(card).toContain("《信息简报》增刊第7期 · 2024-05-20 · 中共江川市委办公室");
    expect(card).toContain('"action":"item_text","issue":7,"year":2024,"item":1,"source":"municipal-supplement.txt","series":"信息简报"');
    expect(card).not.toContain("《上街信息》");

    const text = itemFullText({ catalog: municipal.catalog, reference: { series: "信息简报", issue: 7, year: 2024, item: 1 }, series: "上街信息" });
    expect(text?.split("\n")[0]).toBe("《信息简报》2024年增刊第7期（2024-05-20）第 1 条");
    expect(itemFullText({ catalog: municipal.catalog, reference: { series: "上街信息", issue: 7, year: 2024, item: 1 }, series: "上街信息" })).toBeUndefined();
  });
});

describe("BULLETIN_SERIES=某某简报", () => {
  it("names the configured series when nothing is found", async () => {
    const answer = await otherSeries.answerer()({ question: "上街区的GDP是多少？" });
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toBe("已收录的《某某简报》中没有找到能回答这个问题的内容。可以换个说法，或加上单位名称、时间再问。");
  });

  it("names the configured series when an issue is not on record, or a unit reported nothing", async () => {
    expect((await otherSeries.answerer()({ question: "第99期原文" })).answer).toBe("已收录的《某某简报》中没有第99期。请核对期号和年份，或查看已收录的各期简报列表。");
    expect((await otherSeries.answerer()({ question: "总结中共江川市委办公室2020年的工作" })).answer).toBe(
      "中共江川市委办公室在2020年没有报送《某某简报》。可以放宽时间范围再试。",
    );
  });

  it("titles the web page, its error pages and the Feishu greeting with the configured series", async () => {
    const server = await startWebServer({ application: otherSeries, config: loadConfig({ LOG_LEVEL: "silent", BULLETIN_SERIES: "某某简报" }), logger, port: 0, host: "127.0.0.1" });
    try {
      const page = await (await fetch(server.url)).text();
      expect(page).toContain("<title>某某简报问答</title>");
      expect(page).toContain("根据《某某简报》各期简报回答问题");
      expect(page).not.toContain("上街信息");
      expect(page).not.toContain("{{");
      expect(await (await fetch(`${server.url}index.html`)).text()).toBe(page);
      expect(await (await fetch(`${server.url}no-such-page`)).text()).toContain("<title>404 · 某某简报</title>");
    } finally {
      await server.close();
    }

    running = await startBot({ application: otherSeries, fake, env: { BULLETIN_SERIES: "某某简报" } });
    const help = await askBot("帮助");
    expect(help).toContain('"content":"某某简报问答"');
    expect(help).toContain("我可以回答关于《某某简报》简报的问题");
    expect(help).not.toContain("上街信息");
  });
});
