import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisCache, type ClosableCache } from "../src/feishu/redis-cache.js";
import { createSqliteCache } from "../src/feishu/sqlite-cache.js";
import { createLogger } from "../src/log.js";
import { createBulletinStore } from "../src/store/bulletin-store.js";
import { createSeenMessageStore } from "../src/store/seen-message-store.js";
import { SEEN_NAMESPACE, testFeishuCache } from "./contracts/feishu-cache.js";
import { redisAvailable, redisSkipReason, startRedisServer } from "./helpers/feishu-redis-server.js";
import { closedPort } from "./helpers/network.js";

const logger = createLogger({ level: "silent" });

testFeishuCache({
  name: "SQLite (one instance, restarts)",
  create: async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "feishu-cache-"));
    const stores = [createBulletinStore({ dataDir })];
    return {
      cache: createSqliteCache({ seen: createSeenMessageStore(stores[0]!.database) }),
      sibling: () => {
        const store = createBulletinStore({ dataDir });
        stores.push(store);
        return createSqliteCache({ seen: createSeenMessageStore(store.database) });
      },
      close: async () => stores.forEach((store) => store.close()),
    };
  },
});

describe.skipIf(!redisAvailable)(`Redis cache against a real redis-server${redisSkipReason}`, () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  let prefixCount = 0;
  testFeishuCache({
    name: "Redis (several replicas)",
    create: async () => {
      // Each test its own key prefix on the shared server, so tests cannot see each other's keys.
      const keyPrefix = `test${(prefixCount += 1)}:`;
      const caches: ClosableCache[] = [createRedisCache({ url: redis.url, logger, keyPrefix })];
      return {
        cache: caches[0]!,
        sibling: () => {
          const cache = createRedisCache({ url: redis.url, logger, keyPrefix });
          caches.push(cache);
          return cache;
        },
        close: async () => {
          for (const cache of caches) await cache.close();
        },
      };
    },
  });

  it("answers 'not seen' within its time limit when Redis is unreachable, instead of holding up the event", async () => {
    const cache = createRedisCache({ url: `redis://127.0.0.1:${await closedPort()}`, logger, timeoutMs: 300 });
    const started = Date.now();
    expect(await cache.get("om_x", { namespace: SEEN_NAMESPACE })).toBeUndefined();
    expect(await cache.set("om_x", "1", Date.now() + 1000, { namespace: SEEN_NAMESPACE })).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
    await cache.close();
  });
});
