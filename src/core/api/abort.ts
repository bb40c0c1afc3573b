// Cancellation helpers shared by every pure module that waits: one abortable sleep (the lookup's backoff, the batch's
// 429 pause) and one way to combine two signals (the caller's cancel and a newer lookup of the same key).

/** Resolves after `ms`; rejects at once when `signal` aborts (or has aborted). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts when any of `signals` does (undefined ones are ignored). `dispose()` unhooks it from them, so
 *  a long-lived signal (a batch's cancel, shared by thousands of lookups) does not collect listeners. */
export function linkSignals(...signals: Array<AbortSignal | undefined>): {
  readonly signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const hooked: AbortSignal[] = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) {
      controller.abort();
      break;
    }
    s.addEventListener('abort', abort, { once: true });
    hooked.push(s);
  }
  return {
    signal: controller.signal,
    dispose: () => hooked.splice(0).forEach((s) => s.removeEventListener('abort', abort)),
  };
}
