import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Temporary directories of the whole run under one root, removed at the end.
    globalSetup: ["test/helpers/temporary-root.ts"],
    pool: "forks",
    // Many files wait on child processes, servers and timers more than on the CPU: three at once keep both cores busy.
    maxWorkers: 3,
    // Files share a worker's module cache (the segmenter's dictionary loads once per worker, not once per file).
    // Tests keep no module state between files: each opens its own data directory, servers and fakes.
    isolate: false,
    // Transformed modules are kept in node_modules/.experimental-vitest-cache, keyed by content: a rerun transforms only what changed.
    experimental: { fsModuleCache: true },
  },
});
