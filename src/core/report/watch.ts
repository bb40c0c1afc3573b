// "Watch until final": when to check a pending report again. The provider documents no webhook, so polling is the
// only way; the schedule keeps it polite: first after 5 s, then doubling with jitter (so many watchers do not
// fire together), never more than 5 minutes apart, and never past the user's cap.
import { isFinalStatus } from './statuses';

export const FIRST_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 5 * 60_000;
/** Each delay after the first is shortened by up to this fraction, at random. */
const JITTER = 0.2;

/** Delay before check number `n` (0-based) after the lookup that started the watch. */
export function watchDelay(n: number, random: () => number = Math.random): number {
  if (n <= 0) return FIRST_DELAY_MS;
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(n, 20));
  return Math.round(base * (1 - JITTER * random()));
}

export type WatchStop = 'final' | 'cap';

/** Whether a watch should end after a check that saw `status` at `elapsedMs` since the watch began. */
export function shouldStop(status: string, elapsedMs: number, capMs: number): WatchStop | undefined {
  if (isFinalStatus(status)) return 'final';
  if (elapsedMs >= capMs) return 'cap';
  return undefined;
}

/** Failures that another check will not fix: stop watching and say why. */
export function isPermanentFailure(kind: string): boolean {
  return [
    'unauthorized',
    'no-key',
    'keyring',
    'config',
    'not-found',
    'provider',
    'input',
    'tls',
    'redirect',
    'too-large',
  ].includes(kind);
}
