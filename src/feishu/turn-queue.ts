/**
 * Runs CPU-bound jobs (searching, composing an answer) one at a time, yielding to the event
 * loop before each, so that webhook acknowledgements are written between answers instead of
 * waiting behind a burst of them. Network waits inside a job (sending the reply) do not block
 * the next job: only the part wrapped in `run` is serialised.
 */
export function createTurnQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(job: () => Promise<T> | T): Promise<T> {
      const result = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(job);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
