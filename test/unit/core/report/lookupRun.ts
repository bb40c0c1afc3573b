// What the lookUpReport specs share: one lookup with the real node-fetch transport against the sandbox, its attempts,
// sleeps and waits recorded (sleep is injected: nothing really waits).
import { strict as assert } from 'node:assert';
import type { LookupError } from '../../../../src/core/api/errors';
import type { AttemptLog, ExchangeDeps } from '../../../../src/core/api/exchange';
import { TransportError, type Transport } from '../../../../src/core/api/transport';
import { transport } from '../../../../src/services/http';
import { SAMPLE } from '../../../sandbox/data';
import { lookUpReport, type LookupParams, type LookupResult } from '../../../../src/core/report/endpoint';

export const KEY = 'sandbox-key';

export interface Run {
  result: LookupResult;
  attempts: AttemptLog[];
  sleeps: number[];
  /** What onWait was told (a short Retry-After the lookup waits for by itself), in order, with the sleeps so far. */
  waits: Array<{ seconds: number; sleptBefore: number }>;
  /** TransportErrors thrown by the transport, as the lookup saw them. */
  transportErrors: TransportError[];
}

/** One lookup with the real transport; sleep is injected (records the wait, never really waits). */
export async function run(
  p: Partial<LookupParams> & { apiRoot: string },
  onSleep?: (ms: number) => void,
): Promise<Run> {
  const attempts: AttemptLog[] = [];
  const sleeps: number[] = [];
  const waits: Run['waits'] = [];
  const transportErrors: TransportError[] = [];
  const spy: Transport = async (r) => {
    try {
      return await transport(r);
    } catch (e) {
      if (e instanceof TransportError) transportErrors.push(e);
      throw e;
    }
  };
  const deps: ExchangeDeps = {
    transport: spy,
    sleep: async (ms) => {
      sleeps.push(ms);
      onSleep?.(ms);
    },
    random: () => 0.5,
    onAttempt: (log) => attempts.push(log),
    onWait: (seconds) => waits.push({ seconds, sleptBefore: sleeps.length }),
  };
  const result = await lookUpReport(
    {
      sendId: SAMPLE.sendId,
      number: SAMPLE.number,
      apiKey: KEY,
      timeoutMs: 2000,
      ...p,
    },
    deps,
  );
  return { result, attempts, sleeps, waits, transportErrors };
}

export function failed(r: Run): LookupError {
  assert.equal(r.result.ok, false, `expected an error, got ${JSON.stringify(r.result)}`);
  return (r.result as Extract<LookupResult, { ok: false }>).error;
}

export function succeeded(r: Run): Extract<LookupResult, { ok: true }> {
  assert.equal(r.result.ok, true, `expected a report, got ${JSON.stringify(r.result)}`);
  return r.result as Extract<LookupResult, { ok: true }>;
}
