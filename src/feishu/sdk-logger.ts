import type { Logger } from "../log.js";

/** The SDK's logger interface on pino; values are stringified so request objects (and the secrets in them) never reach the log. */
export function sdkLogger(logger: Logger) {
  const text = (message: unknown[]) => message.map(String).join(" ");
  return {
    error: (...message: unknown[]) => logger.error({ sdk: "lark" }, text(message)),
    warn: (...message: unknown[]) => logger.warn({ sdk: "lark" }, text(message)),
    info: (...message: unknown[]) => logger.debug({ sdk: "lark" }, text(message)),
    debug: (...message: unknown[]) => logger.trace({ sdk: "lark" }, text(message)),
    trace: (...message: unknown[]) => logger.trace({ sdk: "lark" }, text(message)),
  };
}
