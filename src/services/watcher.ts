// Watch until final: re-checks pending reports on the schedule of src/core/report/watch.ts until the status is final, the
// user's cap passes, a check fails in a way another check will not fix, or the user stops it. Every check goes through
// the lookup service, so an open report panel and Recent Lookups (with the entry's timeline) follow it; watching does
// not need the panel. This is the schedule only: the status bar item and the notifications are the views'
// (src/views/watchStatus.ts), which listen to onDidChange and onDidStop.
import * as vscode from 'vscode';
import { type ErrorKind } from '../core/api/errors';
import { keyId, type LookupKey } from '../core/lookupKey';
import { maskPhone } from '../core/phone';
import { isFinalStatus } from '../core/report/statuses';
import { isPermanentFailure, shouldStop, watchDelay } from '../core/report/watch';
import { Disposable } from '../disposable';
import { type Log } from './log';
import { type LookupService } from './lookupService';
import * as settings from './settings';

interface Watch {
  readonly key: LookupKey;
  /** The account it started with: kept when the user switches. */
  readonly account: string | undefined;
  readonly startedAt: number;
  checks: number;
  status: string;
  nextAt: number;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
}

export interface WatchInfo extends LookupKey {
  readonly status: string;
  readonly nextAt: number;
  readonly checks: number;
}

export type WatchStopReason = 'user' | 'final' | 'cap' | 'error' | 'send-failed';

export interface WatchStopped {
  readonly key: LookupKey;
  readonly why: WatchStopReason;
  /** The last status the watch saw. */
  readonly status: string;
  readonly elapsedMs: number;
  /** why === 'error': the failure that ended it. */
  readonly error?: ErrorKind;
}

export class Watcher extends Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly changed = this.register(new vscode.EventEmitter<LookupKey | undefined>());
  private readonly stopped = this.register(new vscode.EventEmitter<WatchStopped>());
  /** A watch started, stopped, or changed its status or next check (undefined: several at once). */
  readonly onDidChange = this.changed.event;
  readonly onDidStop = this.stopped.event;

  /** `now`: the clock of the schedule and the cap (the test seam moves it forward to reach the cap). */
  constructor(
    private readonly lookups: LookupService,
    private readonly log: Log,
    readonly now: () => number = Date.now,
  ) {
    super();
  }

  isWatching(key: LookupKey): boolean {
    return this.watches.has(keyId(key));
  }

  list(): WatchInfo[] {
    return [...this.watches.values()].map((w) => ({ ...w.key, status: w.status, nextAt: w.nextAt, checks: w.checks }));
  }

  /** Starts watching a report whose last known status is `status`. 'final': there is nothing to watch. */
  start(key: LookupKey, status: string, account?: string): 'started' | 'watching' | 'final' {
    if (this.isWatching(key)) return 'watching';
    if (isFinalStatus(status)) return 'final';
    const w: Watch = {
      key: { sendId: key.sendId, number: key.number },
      account,
      startedAt: this.now(),
      checks: 0,
      status,
      nextAt: 0,
    };
    this.watches.set(keyId(key), w);
    this.log.info(`watching send ${key.sendId}, number ${maskPhone(key.number)} (status ${status})`);
    this.schedule(w);
    return 'started';
  }

  stop(key: LookupKey, why: WatchStopReason = 'user', error?: ErrorKind): void {
    const w = this.watches.get(keyId(key));
    if (!w) return;
    clearTimeout(w.timer);
    w.abort?.abort();
    this.watches.delete(keyId(key));
    this.log.info(`stopped watching send ${key.sendId}, number ${maskPhone(key.number)}: ${why}`);
    this.changed.fire(w.key);
    this.stopped.fire({
      key: w.key,
      why,
      status: w.status,
      elapsedMs: this.now() - w.startedAt,
      ...(error ? { error } : {}),
    });
  }

  private schedule(w: Watch): void {
    const delay = watchDelay(w.checks);
    w.nextAt = this.now() + delay;
    w.timer = setTimeout(() => void this.check(w), delay);
    this.changed.fire(w.key);
  }

  /** One check, which never rejects: on a throw nobody foresaw, the watch logs it and checks again later instead of
   *  showing "watching" forever. */
  private async check(w: Watch): Promise<void> {
    try {
      await this.checkOnce(w);
    } catch (e) {
      w.abort = undefined;
      if (this.isDisposed || this.watches.get(keyId(w.key)) !== w) return;
      this.log.warn(
        `watch check ${w.checks} failed unexpectedly (${e instanceof Error ? e.name : 'error'}); trying again later`,
      );
      this.schedule(w);
    }
  }

  private async checkOnce(w: Watch): Promise<void> {
    if (this.isDisposed || this.watches.get(keyId(w.key)) !== w) return;
    w.checks++;
    const abort = (w.abort = new AbortController());
    // The report and the send's summary, at the same moment: a send that failed (paket_durum -1) will never make the
    // report final, so the watch ends early.
    const [result, summary] = await Promise.all([
      this.lookups.lookUp(w.key, {
        progress: false,
        notify: false,
        signal: abort.signal,
        summary: false,
        keepPlace: true,
        ...(w.account !== undefined ? { account: w.account } : {}),
      }),
      this.lookups.lookUpSend(w.key.sendId, {
        signal: abort.signal,
        ...(w.account !== undefined ? { account: w.account } : {}),
      }),
    ]);
    w.abort = undefined;
    if (this.isDisposed || this.watches.get(keyId(w.key)) !== w) return;
    if (summary.ok && summary.summary.state === -1) {
      if (result.ok) w.status = result.report.status;
      this.stop(w.key, 'send-failed');
      return;
    }
    if (!result.ok) {
      const kind = result.error.kind;
      if (kind === 'cancelled') {
        // Not stopped by us: another lookup of the same report took over this check (a Refresh). Check again later.
        if (!abort.signal.aborted) this.schedule(w);
        return;
      }
      if (isPermanentFailure(kind)) {
        this.stop(w.key, 'error', kind);
        return;
      }
      this.log.warn(`watch check ${w.checks} failed (${kind}); trying again later`);
    } else {
      w.status = result.report.status;
    }
    const stop = shouldStop(w.status, this.now() - w.startedAt, settings.watchCapMs());
    if (stop) {
      this.stop(w.key, stop);
      return;
    }
    this.schedule(w);
  }

  override dispose(): void {
    for (const w of this.watches.values()) {
      clearTimeout(w.timer);
      w.abort?.abort();
    }
    this.watches.clear();
    super.dispose();
  }
}
