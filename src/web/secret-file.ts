import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensurePrivateFile } from "../store/ensure-private.js";

/**
 * The configured secret when there is one; otherwise a random secret generated once and kept
 * in `dataDir/fileName`, readable by the owner only, so that restarts keep links and sessions valid.
 */
export function loadOrCreateSecret(options: { configured: string | undefined; dataDir: string; fileName: string }): string {
  if (options.configured) return options.configured;
  const file = path.join(options.dataDir, options.fileName);
  if (existsSync(file)) {
    ensurePrivateFile(file);
    return readFileSync(file, "utf8").trim();
  }
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
