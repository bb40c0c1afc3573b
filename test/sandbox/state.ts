// One sandbox's state, shared by its routes and faults, and the helpers that read it.
import type { Socket } from 'node:net';
import type { RedirectStats, RequestRecord, SummaryRecord } from './api';
import { SECOND_ACCOUNT } from './data';
import type { Fault } from './faults';

/** What one sandbox's routes and faults share: its settings (changed through the Sandbox API), its records, and
 *  the timers and sockets close() ends. */
export interface SandboxState {
  apiKey: string;
  secondKey: string | undefined;
  latencyMs: number;
  /** While set, every NumaraRaporu answer waits for it (Sandbox.hold()). */
  held: Promise<void> | undefined;
  fault: Fault | undefined;
  progressAfter: number;
  readonly queryCounts: Map<string, number>;
  readonly requests: RequestRecord[];
  readonly summaryRequests: SummaryRecord[];
  summaryMethods: 'GET' | 'POST' | 'both';
  summaryLatencyMs: number | undefined;
  summaryFault: Fault | undefined;
  readonly redirectStats: RedirectStats;
  inFlight: number;
  maxInFlight: number;
  closed: boolean;
  readonly timers: Set<NodeJS.Timeout>;
  readonly sockets: Set<Socket>;
  readonly log: ((line: string) => void) | undefined;
  readonly scheme: 'http' | 'https';
  port: number;
  httpPort: number | undefined;
}

/** Which account a key is, or undefined for a wrong key. */
export const accountOf = (s: SandboxState, key: string | undefined): 1 | 2 | undefined =>
  key === undefined
    ? undefined
    : key === s.apiKey
      ? 1
      : s.secondKey !== undefined && key === s.secondKey
        ? 2
        : undefined;
/** True when the send belongs to the other account than the key's. */
export const foreign = (account: 1 | 2, sendId: string): boolean =>
  (sendId.replace(/^0+(?=\d)/, '') === SECOND_ACCOUNT.sendId) !== (account === 2);

/** setTimeout that close() can cancel; the promise then never settles (the socket is gone anyway). */
export const later = (s: SandboxState, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(() => {
      s.timers.delete(t);
      resolve();
    }, ms);
    s.timers.add(t);
  });
