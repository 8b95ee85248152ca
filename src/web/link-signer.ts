import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensurePrivateFile } from "../store/ensure-private.js";

export type LinkCheck = "valid" | "expired" | "invalid";

/** Signs paths with an expiry (HMAC-SHA256): bulletins are internal papers, links must not be guessable or eternal. */
export interface LinkSigner {
  sign(options: { path: string; now?: number }): { expires: number; signature: string };
  verify(options: { path: string; expires: string | undefined; signature: string | undefined; now?: number }): LinkCheck;
}

export function createLinkSigner(options: { secret: string; ttlHours: number }): LinkSigner {
  const mac = (pathname: string, expires: number) => createHmac("sha256", options.secret).update(`${pathname}\n${expires}`).digest("base64url");
  return {
    sign: ({ path: pathname, now = Date.now() }) => {
      const expires = Math.floor(now / 1000) + Math.round(options.ttlHours * 3600);
      return { expires, signature: mac(pathname, expires) };
    },
    verify: ({ path: pathname, expires, signature, now = Date.now() }) => {
      if (!expires || !signature || !/^\d+$/.test(expires)) return "invalid";
      const expected = Buffer.from(mac(pathname, Number(expires)));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
      return Number(expires) * 1000 < now ? "expired" : "valid";
    },
  };
}

/** LINK_SECRET when configured; otherwise a random secret generated once and kept in the data directory. */
export function loadLinkSecret(options: { configured: string | undefined; dataDir: string }): string {
  if (options.configured) return options.configured;
  const file = path.join(options.dataDir, "link-secret");
  if (existsSync(file)) {
    ensurePrivateFile(file);
    return readFileSync(file, "utf8").trim();
  }
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
