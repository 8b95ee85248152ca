// Preloaded into `serve` by bench-scale.ts (node --import): the event loop's delays in a histogram
// (perf_hooks.monitorEventLoopDelay, 10 ms resolution). On SIGUSR2 it writes
// {"maxMs","p99Ms","meanMs"} to $EVENT_LOOP_DELAY_FILE and starts a new histogram.
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on("SIGUSR2", () => {
  const file = process.env.EVENT_LOOP_DELAY_FILE;
  if (file) writeFileSync(file, JSON.stringify({ maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6 }));
  histogram.reset();
});
