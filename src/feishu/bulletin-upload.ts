import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Client } from "@larksuiteoapi/node-sdk";
import { issueTitle } from "../answer/series-title.js";
import type { IngestResult } from "../app/create-application.js";
import { defaultIngestLimits, FILE_TOO_LARGE_HINT, formatSize } from "../ingest/ingest-limits.js";
import type { Logger } from "../log.js";
import { messageCard } from "./cards.js";
import { escapeMarkdown } from "./escape-markdown.js";
import type { FeishuMessenger } from "./feishu-messenger.js";
import { cardRequestBytes } from "./fit-answer-card.js";
import { messageUuid } from "./message-uuid.js";

const DIGEST_BUDGET_BYTES = 26 * 1024;

/** The digest card for new items, with as many item lines as fit under the message limit. */
function digestCard(options: { heading: string; lines: string[] }): Record<string, unknown> {
  const build = (count: number) =>
    messageCard({ title: `新一期简报：${options.heading}`, text: [...options.lines.slice(0, count), ...(count < options.lines.length ? [`……等共 ${options.lines.length} 条`] : [])].join("\n") });
  let count = options.lines.length;
  while (count > 0 && cardRequestBytes(build(count)) > DIGEST_BUDGET_BYTES) count = Math.floor(count * 0.8);
  return build(count);
}

/**
 * Bulletins sent to the bot as files: an admin's file is downloaded (needs im:message), ingested
 * as from the command line, confirmed in the thread and announced in the digest chats; anyone
 * else is told that only admins can add bulletins.
 */
export function createBulletinUpload(options: {
  client: Client;
  messenger: FeishuMessenger;
  /** The application's ingest: stores the file and indexes it. */
  ingest: (options: { paths: readonly string[] }) => Promise<IngestResult>;
  admins: readonly string[];
  digestChats: readonly string[];
  /** Names an issue whose masthead names no series (BULLETIN_SERIES). */
  series: string;
  logger: Logger;
  /** Largest file taken (INGEST_MAX_FILE_MB): a larger download stops there, before it is held in memory. */
  maxFileBytes?: number | undefined;
}) {
  const { client, messenger, logger } = options;
  const maxFileBytes = options.maxFileBytes ?? defaultIngestLimits.maxFileBytes;

  return async function addBulletin(message: { messageId: string; senderId: string; fileKey: string; fileName: string | undefined }): Promise<void> {
    const target = { replyTo: message.messageId, replyInThread: true };
    const uuid = messageUuid({ source: message.messageId, purpose: "upload" });
    if (!options.admins.includes(message.senderId)) {
      await messenger.sendCard({ target, uuid, card: messageCard({ title: "无法添加简报", template: "grey", text: "只有管理员可以通过发送文件添加简报。如需补充简报，请联系办公室管理员。您可以直接用文字提问。" }) });
      return;
    }
    const folder = mkdtempSync(path.join(tmpdir(), "feishu-upload-"));
    try {
      const fileName = path.basename(message.fileName ?? `${message.fileKey}.txt`);
      const download = await client.im.v1.messageResource.get({ path: { message_id: message.messageId, file_key: message.fileKey }, params: { type: "file" } });
      const bytes = await readAtMost(download.getReadableStream(), maxFileBytes);
      if (!bytes) {
        const text = `**${escapeMarkdown(fileName)}**：文件超过 ${formatSize(maxFileBytes)} 的上限，没有导入。${FILE_TOO_LARGE_HINT}。`;
        await messenger.sendCard({ target, uuid, card: messageCard({ title: "简报未能导入", template: "orange", text }) });
        return;
      }
      const file = path.join(folder, fileName);
      writeFileSync(file, bytes);
      const report = await options.ingest({ paths: [file] });
      const failure = report.failed[0];
      if (failure) {
        await messenger.sendCard({ target, uuid, card: messageCard({ title: "简报未能导入", template: "orange", text: `**${escapeMarkdown(fileName)}**：${escapeMarkdown(failure.error)}` }) });
        return;
      }
      const stored = report.documents[0]!;
      const parsed = stored.parsed;
      const units = [...new Set(parsed.items.flatMap((item) => item.units))];
      const status = { added: "已导入", replaced: "已替换原有的同一期", unchanged: "内容与库中一致，未作改动" }[stored.status];
      const heading = parsed.issue === null ? fileName : `${issueTitle({ series: parsed.series, year: parsed.year, issue: parsed.issue, edition: parsed.edition, fallback: options.series })}（${parsed.date ?? "日期不详"}）`;
      const unitList = escapeMarkdown(units.join("、")) || "（未识别）";
      await messenger.sendCard({ target, uuid, card: messageCard({ title: "简报已收录", template: "green", text: `${escapeMarkdown(heading)}：${status}\n共 ${parsed.items.length} 条，报送单位：${unitList}` }) });
      if (stored.status === "unchanged") return;
      const lines = parsed.items.map((item) => `- ${escapeMarkdown(item.units.join("、")) || "（无单位）"}：${escapeMarkdown(item.title || item.body.slice(0, 30))}`);
      for (const chatId of options.digestChats) {
        await messenger
          .sendCard({ target: { chatId }, uuid: messageUuid({ source: `${message.messageId}:${chatId}`, purpose: "digest" }), card: digestCard({ heading, lines }) })
          .catch((error: unknown) => logger.warn({ err: error, chatId }, "digest not delivered"));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
}

/** The whole download, or undefined as soon as it runs past `maxBytes` (the rest is not read). */
async function readAtMost(stream: AsyncIterable<unknown> & { destroy?: () => void }, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > maxBytes) {
      stream.destroy?.();
      return undefined;
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
