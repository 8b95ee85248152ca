import { WSClient, type Domain, type EventDispatcher } from "@larksuiteoapi/node-sdk";
import type { Logger } from "../log.js";
import type { EventSink } from "./event-router.js";
import { sdkLogger } from "./sdk-logger.js";

export type LongConnectionState = "connecting" | "connected" | "reconnecting" | "retrying" | "closed";

export interface LongConnection {
  state(): LongConnectionState;
  /** Resolves true once connected, false after the first failed attempt (retries go on). */
  readonly firstAttempt: Promise<boolean>;
  close(): void;
}

/**
 * The long connection (Feishu's WebSocket event delivery), kept up for as long as the process
 * runs: a first attempt that fails, or a client that gives up later ("failed"), is started again
 * after a backoff (1 s, doubling to a minute) instead of ending the process; every change of
 * state is logged. Between attempts the SDK client reconnects by itself after drops.
 */
export function startLongConnection(options: {
  appId: string;
  appSecret: string;
  domain: Domain | string;
  dispatcher: EventSink;
  logger: Logger;
  /** How long one attempt may take to connect (default 15 s). */
  readyTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}): LongConnection {
  const { logger } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  let state: LongConnectionState = "connecting";
  let client: WSClient | undefined;
  let generation = 0;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let readyTimer: NodeJS.Timeout | undefined;
  let reportFirst: ((connected: boolean) => void) | undefined;
  const firstAttempt = new Promise<boolean>((resolve) => (reportFirst = resolve));
  const watchdog = setInterval(() => {
    if (state === "connected" && client?.getConnectionStatus().state === "failed") retry(generation, "the SDK client gave up reconnecting");
  }, 10_000);
  watchdog.unref();

  const setState = (next: LongConnectionState, detail: Record<string, unknown> = {}) => {
    if (state === next) return;
    state = next;
    const level = next === "retrying" || next === "reconnecting" ? "warn" : "info";
    logger[level]({ state: next, ...detail }, `feishu long connection ${next}`);
  };

  function retry(from: number, reason: string) {
    if (from !== generation || state === "closed") return;
    generation += 1;
    client?.close({ force: true });
    client = undefined;
    const delayMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
    failures += 1;
    setState("retrying", { reason, attempt: failures, retryInMs: delayMs });
    reportFirst?.(false);
    reportFirst = undefined;
    retryTimer = setTimeout(attempt, delayMs);
  }

  function attempt() {
    if (state === "closed") return;
    const current = ++generation;
    const timer = setTimeout(() => retry(current, `not connected within ${readyTimeoutMs} ms`), readyTimeoutMs);
    readyTimer = timer;
    client = new WSClient({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.domain,
      logger: sdkLogger(logger),
      autoReconnect: true,
      wsConfig: { pingTimeout: 30 },
      onReady: () => {
        if (current !== generation) return;
        clearTimeout(timer);
        failures = 0;
        setState("connected");
        reportFirst?.(true);
        reportFirst = undefined;
      },
      onError: (error) => {
        clearTimeout(timer);
        retry(current, error.message);
      },
      onReconnecting: () => current === generation && setState("reconnecting"),
      onReconnected: () => current === generation && setState("connected"),
    });
    void client.start({ eventDispatcher: options.dispatcher as unknown as EventDispatcher });
  }

  attempt();
  return {
    state: () => state,
    firstAttempt,
    close() {
      setState("closed");
      generation += 1;
      clearInterval(watchdog);
      if (retryTimer) clearTimeout(retryTimer);
      if (readyTimer) clearTimeout(readyTimer);
      client?.close({ force: true });
      client = undefined;
      reportFirst?.(false);
    },
  };
}
