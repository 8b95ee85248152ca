import type { Cache } from "@larksuiteoapi/node-sdk";
import { createClient } from "redis";
import type { Logger } from "../log.js";

/** The SDK's pluggable cache, plus a way to let go of the backing connection. */
export interface ClosableCache extends Cache {
  close(): Promise<void>;
}

/**
 * The SDK's cache on Redis (REDIS_URL), for running several replicas: handled message ids
 * (dedup) and tenant tokens are shared, so a webhook redelivery that reaches another replica is
 * still recognised. Values are stored as JSON with Redis expiry at the SDK's expiry time. A Redis
 * outage degrades to "not seen" / "not cached" with a warning instead of failing the event.
 */
export function createRedisCache(options: { url: string; logger: Logger; keyPrefix?: string; timeoutMs?: number }): ClosableCache {
  const { logger } = options;
  const prefix = options.keyPrefix ?? "feishu:";
  const client = createClient({ url: options.url });
  let lastError = 0;
  client.on("error", (error: unknown) => {
    // The client retries on its own; one log line a minute is enough.
    if (Date.now() - lastError > 60_000) logger.warn({ err: error }, "redis cache unavailable; retrying");
    lastError = Date.now();
  });
  let connecting: Promise<unknown> | undefined;
  const ready = () =>
    (connecting ??= client.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));
  // A cache that hangs would hold up every event; after this long a call counts as failed.
  const timeoutMs = options.timeoutMs ?? 2_000;
  const bounded = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      work().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  const keyOf = (key: string | symbol, namespace: string | undefined) => `${prefix}${namespace ?? ""}:${String(key)}`;

  return {
    async get(key, getOptions) {
      try {
        const raw = await bounded(async () => {
          await ready();
          return client.get(keyOf(key as string | symbol, getOptions?.namespace));
        });
        return raw === null ? undefined : JSON.parse(raw);
      } catch (error) {
        logger.warn({ err: error }, "redis cache read failed");
        return undefined;
      }
    },
    async set(key, value, expire, setOptions) {
      const redisKey = keyOf(key as string | symbol, setOptions?.namespace);
      try {
        await bounded(async () => {
          await ready();
          if (expire === undefined || !Number.isFinite(expire)) return client.set(redisKey, JSON.stringify(value));
          if (expire <= Date.now()) return client.del(redisKey);
          return client.set(redisKey, JSON.stringify(value), { expiration: { type: "PXAT", value: Math.ceil(expire) } });
        });
        return true;
      } catch (error) {
        logger.warn({ err: error }, "redis cache write failed");
        return false;
      }
    },
    async close() {
      if (connecting) await client.close().catch(() => undefined);
    },
  };
}
