// Virtual time for pure code that takes `now` and `sleep` (the batch scheduler, the exchange's backoff): time moves
// only from one pending timer to the next, so a test of "at most 4 in flight" or "cancel resolves at once" says the
// same on an idle machine and on a loaded one, and no test waits for real.
export class FakeClock {
  private time = 0;
  private timers: Array<{ at: number; seq: number; fire: () => void }> = [];
  private seq = 0;

  readonly now = (): number => this.time;

  /** A sleep on this clock; rejects at once when `signal` aborts, like abortableSleep. */
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });

  /** Timers not fired yet. */
  get pending(): number {
    return this.timers.length;
  }

  /** Lets every promise callback that is ready run (nothing here uses real timers or I/O). */
  async settle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Moves time to the earliest timer and fires it; timers due at the same moment fire one at a time, in the order
   *  they were set, with the promise callbacks of each run before the next (as Node runs timers). False when no
   *  timer is pending. */
  async next(): Promise<boolean> {
    await this.settle();
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift()!;
    this.time = Math.max(this.time, timer.at);
    timer.fire();
    await this.settle();
    return true;
  }

  /** Runs `promise` to the end, moving time from timer to timer. Fails (instead of hanging) when it is still pending
   *  with no timer left to fire: nothing could ever settle it. */
  async run<T>(promise: Promise<T>, maxSteps = 100_000): Promise<T> {
    let settled = false;
    const tracked = promise.finally(() => {
      settled = true;
    });
    tracked.catch(() => undefined);
    for (let step = 0; step < maxSteps; step++) {
      await this.settle();
      if (settled) return tracked;
      if (!(await this.next())) {
        await this.settle();
        if (settled) return tracked;
        throw new Error(`still pending at t=${this.time} ms with no timer left: it would hang`);
      }
    }
    throw new Error(`still pending after ${maxSteps} timer steps`);
  }
}
