// Running a batch ("Look Up Several Numbers"): one send ID, many numbers, with a cap on lookups in flight, a batch-wide
// pause when VairoSMS answers 429 (one lookup's 429 means every other request would get one too), and a prompt
// cancel that keeps what finished. The lookup, the clock, sleep and random are injected, so this file does no I/O
// and its tests run on a fake clock.
import { abortableSleep } from '../api/abort';
import { type LookupError } from '../api/errors';
import { redact } from '../api/redact';
import { boundReport } from '../report/reportBounds';
import { type LookupResult } from '../report/endpoint';
import { CAPS } from '../api/caps';

const MAX_CONCURRENCY = 16;
/** A number answered 429 is put back in the queue at most this many times, then stays an error. */
const MAX_RATE_LIMIT_REQUEUES = 3;
/** A Retry-After up to this long is honoured as the batch pause; a longer one is replaced by the backoff. */
const MAX_RETRY_AFTER_SECONDS = 60;
const BACKOFF_START_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

type BatchItemStatus = 'ok' | 'error' | 'cancelled';

export interface BatchItem {
  readonly number: string;
  /** 0-based position in the input. */
  readonly index: number;
  readonly status: BatchItemStatus;
  /** The last lookup's result (also for a 'cancelled' item that was answered 429 before and waited in the queue). */
  readonly result?: LookupResult;
  /** How many lookups the batch started for this number (1, or more after 429 answers). */
  readonly lookups: number;
  /** When the last lookup started / the item finished (the injected clock); undefined when it never started. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
}

export interface BatchResult {
  /** In input order. */
  readonly items: BatchItem[];
  readonly cancelled: boolean;
  /** Status code (ok lookups; NO_STATUS_KEY when the report had none) or error kind (failed ones, 'cancelled'). */
  readonly counts: Record<string, number>;
  readonly durationMs: number;
  /** The largest number of lookups that were in flight at once. */
  readonly maxConcurrency: number;
}

export interface BatchOptions {
  readonly sendId: string;
  /** Already normalized (parseNumberList). */
  readonly numbers: readonly string[];
  /** Cap on lookups in flight, clamped to 1..MAX_CONCURRENCY. */
  readonly concurrency: number;
  /** One lookup; it should honour the signal (the batch's cancel). */
  readonly lookup: (number: string, signal: AbortSignal) => Promise<LookupResult>;
  /** Cancel: no new lookups start, the ones in flight are aborted (their items become 'cancelled'), what finished is
   *  kept, and runBatch resolves without waiting for the aborted lookups to wind down. */
  readonly signal?: AbortSignal;
  /** After each item that is done (ok or error); not for requeued or cancelled ones. */
  readonly onProgress?: (done: number, total: number, item: BatchItem) => void;
  /** Called when a 429 pauses the whole batch. */
  readonly onPause?: (ms: number, item: BatchItem) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Counts key of an ok lookup whose report carries no status. */
export const NO_STATUS_KEY = '(no status)';

export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  const random = opts.random ?? Math.random;
  const concurrency = Math.min(
    MAX_CONCURRENCY,
    Math.max(1, Math.floor(Number.isFinite(opts.concurrency) ? opts.concurrency : 1)),
  );
  const total = opts.numbers.length;
  const started = now();

  const controller = new AbortController();
  const signal = controller.signal;
  const onOuterAbort = () => controller.abort();
  if (opts.signal?.aborted) controller.abort();
  else opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  /** `p`, or 'aborted' as soon as the batch is cancelled, whichever comes first. Not Promise.race against one shared
   *  pending promise: each race would leave a reaction on it holding its value, so a batch would keep every raw
   *  answer alive until it ended (1.2 GB for 2,000 answers of 200 KB, measured). */
  const waiting = new Set<() => void>();
  signal.addEventListener('abort', () => waiting.forEach((w) => w()), { once: true });
  const orAborted = <T>(p: Promise<T>): Promise<T | 'aborted'> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve('aborted');
      const onAbort = () => resolve('aborted');
      waiting.add(onAbort);
      void p.then((v) => {
        waiting.delete(onAbort);
        resolve(v);
      });
    });

  const items: BatchItem[] = opts.numbers.map((number, index) => ({ number, index, status: 'cancelled', lookups: 0 }));
  const queue: number[] = opts.numbers.map((_, i) => i);
  let done = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let consecutiveRateLimits = 0;
  let pause: { until: number; promise: Promise<unknown> } | undefined;

  const pauseSleep = (ms: number): Promise<unknown> => sleep(ms, signal).catch(() => undefined);
  /** Pauses every worker until `ms` from now. A 429 that arrives during a pause (from a request started before it)
   *  extends the pause when it asks for a later end, by the difference only. */
  const startPause = (ms: number): void => {
    const until = now() + ms;
    const current = pause;
    if (current && current.until >= until) return;
    const wait = current
      ? current.promise.then(() => (signal.aborted ? undefined : pauseSleep(until - current.until)))
      : pauseSleep(ms);
    pause = { until, promise: orAborted(wait) };
  };
  const waitForPause = async (): Promise<void> => {
    while (pause && !signal.aborted) {
      const p = pause;
      await p.promise;
      if (pause === p) pause = undefined;
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      await waitForPause();
      if (signal.aborted) return;
      const index = queue.shift();
      if (index === undefined) return;
      const number = opts.numbers[index];
      const lookups = items[index].lookups + 1;
      const startedAt = now();
      items[index] = { ...items[index], lookups, startedAt };
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let outcome: LookupResult | 'aborted';
      try {
        outcome = await orAborted(safeLookup(opts.lookup, number, signal, now));
      } finally {
        inFlight--;
      }
      const finishedAt = now();
      if (outcome === 'aborted') {
        items[index] = { ...items[index], status: 'cancelled', finishedAt };
        return;
      }
      // An answer that arrived is kept, even when the cancel came a moment later: what the table and export need.
      const result = keepForBatch(outcome);
      if (!result.ok && result.error.kind === 'rate-limited') {
        consecutiveRateLimits++;
        const item: BatchItem = { ...items[index], status: 'error', result, finishedAt };
        items[index] = item;
        // Every 429 pauses the whole batch: the limit is the account's, not this number's.
        const ms = pauseFor(result.error, consecutiveRateLimits, random);
        if (!signal.aborted) {
          opts.onPause?.(ms, item);
          startPause(ms);
        }
        if (lookups <= MAX_RATE_LIMIT_REQUEUES) {
          queue.push(index);
          continue;
        }
      } else {
        consecutiveRateLimits = 0;
        const status: BatchItemStatus = result.ok ? 'ok' : result.error.kind === 'cancelled' ? 'cancelled' : 'error';
        items[index] = { ...items[index], status, result, finishedAt };
      }
      done++;
      opts.onProgress?.(done, total, items[index]);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(total, 1)) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  // Items still waiting (in the queue, or requeued after a 429) when the batch was cancelled.
  if (signal.aborted) {
    for (const i of queue) items[i] = { ...items[i], status: 'cancelled' };
  }
  return {
    items,
    cancelled: signal.aborted,
    counts: countItems(items),
    durationMs: now() - started,
    maxConcurrency: maxInFlight,
  };
}

/** Retry-After when given and at most 60 s; otherwise exponential backoff with "equal jitter": the ceiling starts at
 *  1 s and doubles with each 429 in a row (up to 30 s), and the wait is between half the ceiling and the ceiling. */
export function pauseFor(error: LookupError, consecutive: number, random: () => number): number {
  const ra = error.retryAfterSeconds;
  if (ra !== undefined && ra <= MAX_RETRY_AFTER_SECONDS) return Math.max(0, ra * 1000);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, consecutive - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

async function safeLookup(
  lookup: BatchOptions['lookup'],
  number: string,
  signal: AbortSignal,
  now: () => number,
): Promise<LookupResult> {
  const t0 = now();
  try {
    return await lookup(number, signal);
  } catch (e) {
    // lookUpReport never throws; another lookup function might. One bad lookup must not end the batch.
    return {
      ok: false,
      error: { kind: 'network', detail: redact(e instanceof Error ? e.message : String(e)) },
      attempts: 1,
      durationMs: now() - t0,
    };
  }
}

/** The counts key of an item: its status code, its error kind, or 'cancelled'. */
export function itemKey(item: BatchItem): string {
  if (item.status === 'cancelled') return 'cancelled';
  const r = item.result;
  if (!r) return item.status === 'ok' ? NO_STATUS_KEY : 'cancelled';
  if (r.ok) return r.report.status || NO_STATUS_KEY;
  return r.error.kind;
}

/** What a batch keeps of one lookup: what its table, its export and Recent Lookups need, never the raw answer or the
 *  undocumented fields, and the message within CAPS.batchMessage; of a failure, its class, HTTP status and wait. So a
 *  batch of 10,000 numbers with large answers stays small (bench row 8). */
export function keepForBatch(result: LookupResult): LookupResult {
  if (result.ok) {
    const { extra: _extra, ...report } = result.report;
    // never the raw answer nor its body (up to 1 MB each): a 10,000-number batch would hold gigabytes
    const { body: _body, ...kept } = result;
    return { ...kept, raw: undefined, report: boundReport(report, CAPS.batchMessage) };
  }
  const { kind, httpStatus, retryAfterSeconds } = result.error;
  return {
    ok: false,
    error: {
      kind,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    },
    attempts: result.attempts,
    durationMs: result.durationMs,
  };
}

/** How many items have each counts key (itemKey). */
export function countItems(items: readonly BatchItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = itemKey(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
