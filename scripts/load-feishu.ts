/**
 * Webhook load test: the real bot (webhook transport) on the sample bulletins, a fake Feishu Open
 * API on 127.0.0.1, and 200 signed, encrypted events from 20 chats sent concurrently by a separate
 * client process (so its work does not share the bot's event loop) over a pool of 50 keep-alive
 * connections, as Feishu's servers deliver them. Reports how many questions got
 * exactly one reply, acknowledgement latency p50/p99 and the bot process's peak RSS.
 *
 *   npm run load:feishu -- --events 200 --chats 20
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startFakeFeishu } from "../test/fakes/fake-feishu-server.js";
import http from "node:http";
import { encryptEvent, messageEvent, signRequest } from "../test/fakes/feishu-events.js";
import { ENCRYPT_KEY, startBot } from "../test/helpers/feishu-bot-harness.js";
import { SAMPLES, sampleApplication } from "../test/helpers/sample-application.js";

const { values } = parseArgs({ options: { events: { type: "string", default: "200" }, chats: { type: "string", default: "20" }, client: { type: "string" } } });
const eventCount = Number(values.events);
const chatCount = Number(values.chats);
const QUESTIONS = [
  "区农委春耕落实了多少亩小麦？", "总结区教育局的工作", "第40期原文", "区医保局检查了多少家定点医药机构？", "安全生产隐患大排查发现了多少处隐患？",
  "峡窝镇2025年秋收了多少亩玉米？", "上街区的GDP是多少？", "新安路街道老旧小区改造涉及多少户？", "/latest", "区公安局反诈拦截了多少资金？",
];

interface Job { url: string; envelopes: object[] }

/** One signed, encrypted POST over a keep-alive connection pool, as Feishu's servers send them. */
function postOverPool(agent: http.Agent, url: URL, envelope: object): Promise<{ status: number; elapsedMs: number }> {
  const body = encryptEvent({ envelope, encryptKey: ENCRYPT_KEY });
  const headers = { ...signRequest({ body, encryptKey: ENCRYPT_KEY }), "content-length": String(Buffer.byteLength(body)) };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, elapsedMs: performance.now() - started }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Client mode: post every event at once and report each acknowledgement's status and latency. */
if (values.client) {
  process.once("message", async (job: Job) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const url = new URL(job.url);
    const results = await Promise.all(job.envelopes.map((envelope) => postOverPool(agent, url, envelope)));
    process.send!(results.map(({ status, elapsedMs }) => ({ status, elapsedMs })));
    process.exit(0);
  });
  process.send!("ready");
  await new Promise(() => undefined);
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const { application } = await sampleApplication({ paths: [SAMPLES] });
const fake = await startFakeFeishu();
const running = await startBot({ application, fake });

const runId = Date.now().toString(16);
const events = Array.from({ length: eventCount }, (_, index) => ({
  messageId: `om_load_${runId}_${index}`,
  envelope: messageEvent({
    chatId: `oc_load_${index % chatCount}`,
    chatType: index % 2 === 0 ? "p2p" : "group",
    mentionBot: index % 2 === 1,
    senderOpenId: `ou_load_${index % chatCount}`,
    text: QUESTIONS[index % QUESTIONS.length]!,
    messageId: `om_load_${runId}_${index}`,
  }),
}));

const client = fork(fileURLToPath(import.meta.url), ["--client", "1"], { execArgv: ["--import", "tsx"] });
await new Promise((resolve) => client.once("message", resolve));
// Warm-up: one question per chat type first, so the figures describe a running bot, not JIT compilation.
for (const [index, envelope] of [messageEvent({ chatId: "oc_warm", chatType: "p2p", senderOpenId: "ou_warm", text: QUESTIONS[0]!, messageId: `om_warm_${runId}_0` }), messageEvent({ chatId: "oc_warm_g", chatType: "group", mentionBot: true, senderOpenId: "ou_warm", text: QUESTIONS[1]!, messageId: `om_warm_${runId}_1` })].entries()) {
  await postOverPool(new http.Agent(), new URL(running.webhookUrl), envelope);
  await fake.waitFor(() => fake.sentMessages().some((message) => message.replyTo === `om_warm_${runId}_${index}`), { timeoutMs: 30_000 });
}
const started = performance.now();
const results = await new Promise<{ status: number; elapsedMs: number }[]>((resolve) => {
  client.once("message", (message) => resolve(message as { status: number; elapsedMs: number }[]));
  client.send({ url: running.webhookUrl, envelopes: events.map((event) => event.envelope) } satisfies Job);
});
const ackSeconds = (performance.now() - started) / 1000;

const repliesFor = (messageId: string) => fake.sentMessages().filter((message) => message.replyTo === messageId && message.msgType !== "file").length;
const deadline = Date.now() + 120_000;
while (Date.now() < deadline && events.some((event) => repliesFor(event.messageId) === 0)) await new Promise((resolve) => setTimeout(resolve, 100));
const answerSeconds = (performance.now() - started) / 1000;
await new Promise((resolve) => setTimeout(resolve, 1000));

const counts = events.map((event) => repliesFor(event.messageId));
const latencies = results.map((result) => result.elapsedMs).sort((left, right) => left - right);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

console.log(`events sent              ${eventCount} from ${chatCount} chats, concurrently (${results.filter((result) => result.status === 200).length} acknowledged 200)`);
console.log(`answered exactly once    ${counts.filter((count) => count === 1).length}/${eventCount} (none: ${counts.filter((count) => count === 0).length}, more than once: ${counts.filter((count) => count > 1).length})`);
console.log(`ack latency              p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
console.log(`all acks in              ${ackSeconds.toFixed(2)} s; all answers in ${answerSeconds.toFixed(2)} s`);
console.log(`peak RSS                 ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);

await running.stop();
await fake.close();
application.close();
