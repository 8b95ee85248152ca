import { setImmediate as nextTurn } from "node:timers/promises";

/** How long index work may hold the event loop before letting requests in (Feishu needs acknowledgements within 3 s). */
export const SLICE_MS = 10;

/**
 * Cuts long index work into slices: `due()` says when `budgetMs` passed since the last pause, and
 * `pause()` lets queued I/O (HTTP requests, acknowledgements) run before the work goes on.
 *
 * @example
 * const slicer = createTimeSlicer();
 * for (const chunk of chunks) { index(chunk); if (slicer.due()) await slicer.pause(); }
 */
export interface TimeSlicer {
  due(): boolean;
  pause(): Promise<void>;
}

export function createTimeSlicer(options: { budgetMs?: number } = {}): TimeSlicer {
  const budgetMs = options.budgetMs ?? SLICE_MS;
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart >= budgetMs,
    pause: async () => {
      await nextTurn();
      sliceStart = performance.now();
    },
  };
}

/**
 * Work written once as a generator that yields at points where it may pause, run by either driver:
 * `runToEnd` on the spot (tests, command-line tools), `runInSlices` between other events (a server).
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runInSlices<T>(steps: Steps<T>, slicer: TimeSlicer = createTimeSlicer()): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (slicer.due()) await slicer.pause();
  }
}
