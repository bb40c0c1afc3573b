// Small helpers for the benchmark: medians and nearest-rank percentiles, sleeping and waiting.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every `every` ms until it holds; throws after `ms`. */
export async function until(
  cond: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
  every = 15,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** Waits until the extension counts more renders than `before` (its test seam's renderCount); returns that state. */
export async function nextRender<T extends { renderCount?: number }>(
  read: () => Promise<T>,
  before: number,
  what: string,
): Promise<T> {
  let s = await read();
  await until(
    async () => {
      s = await read();
      return (s.renderCount ?? 0) > before;
    },
    20_000,
    `the render of ${what}`,
  );
  return s;
}
