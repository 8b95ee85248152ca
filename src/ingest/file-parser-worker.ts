import { parentPort } from "node:worker_threads";
import { describeError, IngestError } from "../errors.js";
import type { ParseRequest, WorkerMessage } from "./create-file-parser.js";
import { parseFile } from "./parse-file.js";

/**
 * Entry of the parsing worker: reads and parses one file per request and answers with plain data
 * (errors as fields, since classes do not cross threads). Started by createFileParser.
 */
const port = parentPort;
if (!port) throw new Error("file-parser-worker.ts runs only as a worker thread (see create-file-parser.ts)");

port.on("message", (request: ParseRequest) => {
  void parseFile(request).then(
    ({ document, parsed }) => send({ type: "parsed", document, parsed }),
    (error: unknown) =>
      send({
        type: "failed",
        error: error instanceof IngestError ? { source: error.source, reason: error.reason, hint: error.hint ?? "" } : { message: describeError(error) },
      }),
  );
});
send({ type: "ready" });

function send(message: WorkerMessage): void {
  port!.postMessage(message);
}
