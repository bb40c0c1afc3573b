// What the runBatch specs share: the sandbox's batch send as answers, and a fake API on the fake clock that records
// what the scheduler did.
import type { ErrorKind } from '../../../../src/core/api/errors';
import { runBatch, type BatchOptions, type BatchResult } from '../../../../src/core/batch/batchRun';
import type { LookupResult } from '../../../../src/core/report/endpoint';
import { BATCH, batchNumber, batchStatus } from '../../../sandbox/data';
import { type FakeClock } from '../../fakeClock';

export const KEY = 'sandbox-key';
export const first = (n: number) => Array.from({ length: n }, (_, i) => batchNumber(i));
export const indexOf = (number: string) => Number(number) - BATCH.firstNumber;
const inSend = (number: string) => indexOf(number) >= 0 && indexOf(number) < BATCH.count;

export const report = (number: string): LookupResult => ({
  ok: true,
  report: { status: batchStatus(indexOf(number)), number },
  raw: {},
  httpStatus: 200,
  attempts: 1,
  durationMs: 1,
});
export const failure = (kind: ErrorKind, extra: { retryAfterSeconds?: number } = {}): LookupResult => ({
  ok: false,
  error: { kind, httpStatus: kind === 'rate-limited' ? 429 : 404, ...extra },
  attempts: 1,
  durationMs: 1,
});

/** A fake API on the fake clock: each lookup takes `latencyMs` of virtual time, honours its signal like the real one
 *  (an abort answers "cancelled"), and answers what `answer` says (by default the sandbox's batch send: a report for
 *  its numbers, "not-found" for any other). It records what the scheduler did. */
export function fakeApi(
  clock: FakeClock,
  options: { latencyMs?: number; answer?: (number: string, call: number) => LookupResult | undefined } = {},
) {
  const api = {
    calls: new Map<string, number>(),
    starts: [] as Array<{ number: string; at: number }>,
    inFlight: 0,
    maxInFlight: 0,
    abortedInFlight: 0,
    lookup: async (number: string, signal: AbortSignal): Promise<LookupResult> => {
      const call = (api.calls.get(number) ?? 0) + 1;
      api.calls.set(number, call);
      api.starts.push({ number, at: clock.now() });
      api.inFlight++;
      api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
      try {
        await clock.sleep(options.latencyMs ?? 30, signal);
      } catch {
        api.abortedInFlight++;
        return failure('cancelled');
      } finally {
        api.inFlight--;
      }
      return options.answer?.(number, call) ?? (inSend(number) ? report(number) : failure('not-found'));
    },
  };
  return api;
}

/** runBatch on the fake clock (the describe block's, fresh for each test) with the fake API or another lookup, driven
 *  to the end; and the status of one of its items. */
export function batchRunner(clockOf: () => FakeClock) {
  const run = (
    o: Partial<BatchOptions> & { numbers: readonly string[] },
    api = fakeApi(clockOf()),
  ): Promise<BatchResult> => {
    const clock = clockOf();
    return clock.run(
      runBatch({
        sendId: BATCH.sendId,
        concurrency: 4,
        lookup: api.lookup,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        ...o,
      }),
    );
  };
  const statusOf = (r: BatchResult, i: number) => {
    const res = r.items[i].result;
    return res?.ok ? res.report.status : undefined;
  };
  return { run, statusOf };
}
