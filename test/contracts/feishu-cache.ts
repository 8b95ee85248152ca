import type { Cache } from "@larksuiteoapi/node-sdk";
import { afterEach, describe, expect, it } from "vitest";

/** The namespace the SDK's Channel keeps handled message ids in (its dedup). */
export const SEEN_NAMESPACE = "channel:seen";

export interface CacheFixture {
  cache: Cache;
  /** A second cache on the same backing store: another replica, or this one after a restart. */
  sibling(): Cache;
  close(): Promise<void>;
}

/**
 * What the Feishu SDK needs of its pluggable cache (tokens, dedup), run against every backend:
 * testFeishuCache({ name: "sqlite", create: async () => ({ cache, sibling, close }) }).
 */
export function testFeishuCache(options: { name: string; create: () => Promise<CacheFixture> }): void {
  describe(`Feishu SDK cache contract: ${options.name}`, () => {
    let fixture: CacheFixture | undefined;
    const open = async () => (fixture = await options.create());
    afterEach(async () => {
      await fixture?.close();
      fixture = undefined;
    });
    const later = (ms: number) => Date.now() + ms;

    it("returns undefined for a key never set", async () => {
      const { cache } = await open();
      expect(await cache.get("never-set", { namespace: "tokens" })).toBeUndefined();
      expect(await cache.get("never-set")).toBeUndefined();
    });

    it("returns what was set, per namespace, with and without a namespace", async () => {
      const { cache } = await open();
      expect(await cache.set("token", "t-abc", later(60_000), { namespace: "cli_a" })).toBe(true);
      await cache.set("token", { value: "t-xyz", n: 2 }, later(60_000), { namespace: "cli_b" });
      await cache.set("plain", "no namespace", undefined);
      expect(await cache.get("token", { namespace: "cli_a" })).toBe("t-abc");
      expect(await cache.get("token", { namespace: "cli_b" })).toEqual({ value: "t-xyz", n: 2 });
      expect(await cache.get("token")).toBeUndefined();
      expect(await cache.get("plain")).toBe("no namespace");
    });

    it("accepts the SDK's Symbol keys", async () => {
      const { cache } = await open();
      const key = Symbol("tenant_access_token");
      await cache.set(key, "t-symbol", later(60_000), { namespace: "cli_a" });
      expect(await cache.get(key, { namespace: "cli_a" })).toBe("t-symbol");
    });

    it("treats an expiry time in the past as absent, and lets a short one run out", async () => {
      const { cache } = await open();
      await cache.set("gone", "x", Date.now() - 1, { namespace: "tokens" });
      await cache.set("brief", "y", later(300), { namespace: "tokens" });
      await cache.set(`msg-${Date.now()}`, "1", Date.now() - 1, { namespace: SEEN_NAMESPACE });
      expect(await cache.get("gone", { namespace: "tokens" })).toBeUndefined();
      expect(await cache.get("brief", { namespace: "tokens" })).toBe("y");
      const deadline = Date.now() + 5_000;
      while ((await cache.get("brief", { namespace: "tokens" })) !== undefined) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    it("shares handled message ids with a second instance on the same store", async () => {
      const { cache, sibling } = await open();
      const id = `om_shared_${Date.now()}`;
      expect(await sibling().get(id, { namespace: SEEN_NAMESPACE })).toBeFalsy();
      await cache.set(id, "1", later(12 * 60 * 60 * 1000), { namespace: SEEN_NAMESPACE });
      expect(await sibling().get(id, { namespace: SEEN_NAMESPACE })).toBeTruthy();
      expect(await sibling().get(`${id}-other`, { namespace: SEEN_NAMESPACE })).toBeFalsy();
    });
  });
}
