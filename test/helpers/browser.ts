import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";

/** Debian's chromium; .ci/run installs it with apt-get (playwright's own browser download is offline here). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the page test cannot run here, or null when it can. */
export function chromiumMissingReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} not found; install it with: apt-get update && apt-get install -y chromium`;
  try {
    createRequire(import.meta.url).resolve("playwright-core");
  } catch {
    return "playwright-core is not installed; run npm install (it is a devDependency)";
  }
  return null;
}

export function chromiumAvailable(): boolean {
  return chromiumMissingReason() === null;
}

export interface TestBrowser {
  /** A context on a fresh profile: open pages with `context.newPage()`. */
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

/**
 * Launches headless Debian chromium on a fresh temporary profile.
 * @example const browser = await launchBrowser(); const page = await browser.context.newPage();
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(tmpdir(), "chromium-profile-"));
  try {
    // Playwright refuses --user-data-dir in args; a persistent context on a fresh folder is the same thing.
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: "zh-CN",
      timeout: 30_000,
    });
    // Fail a stuck step with Playwright's own message, well before the test runner's timeout.
    context.setDefaultTimeout(10_000);
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
