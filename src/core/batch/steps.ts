// Work in slices: a long pure computation written as a generator that yields now and then (every few hundred lines),
// run either whole (`runSteps`, for tests and small inputs) or in slices of a few milliseconds with a pause between
// them (`runStepsSliced`), so the extension host, which runs every extension and the UI's requests, is never blocked
// for long by one batch's input. The pause and the clock are parameters: core has no timers of its own.

/** A computation that yields (no value) whenever it may be paused, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** How many units of work (lines, rows, cells) a computation does between two yields. */
export const STEP = 256;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs `steps`, awaiting `pause()` whenever `sliceMs` have passed on `now` since the last pause. */
export async function runStepsSliced<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  now: () => number,
  sliceMs = 10,
): Promise<T> {
  let start = now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - start >= sliceMs) {
      await pause();
      start = now();
    }
  }
}
