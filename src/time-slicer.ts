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
