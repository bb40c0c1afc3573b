// Runs every lookup of a report, whoever asks: a command, a report panel's Refresh, the watcher, a batch (and the
// tools and terminal links that come next). The latest lookup of a key wins (one still running for the same send ID +
// number is aborted and shown nowhere), a cancellable progress notification runs while it waits (unless the caller
// shows its own), the result is written to Recent Lookups, and two events tell the views what happened: started, and
// finished with the result. State flows down, events flow up: nothing here draws a panel or shows a notification.
import * as vscode from 'vscode';
import { linkSignals } from '../core/api/abort';
import { type ErrorKind } from '../core/api/errors';
import { addEntry, isKeptFailure, storedFailure, type HistoryEntry } from '../core/history/history';
import { type SummaryResult } from '../core/send/endpoint';
import { keyId, sendRefId, type LookupKey, type SendRef } from '../core/lookupKey';
import { Disposable } from '../disposable';
import { type AccountStore } from './accounts';
import { type ApiClient } from './apiClient';
import { type HistoryStore } from './historyStore';
import * as settings from './settings';
import { type LookupResult } from '../core/report/endpoint';

export interface LookupOptions {
  /** Show the cancellable progress notification (default true). */
  readonly progress?: boolean;
  /** Whether the user should be told of a failure (default true); the views' notifier reads it from the event. */
  readonly notify?: boolean;
  /** Write the result to Recent Lookups (default true). A batch writes all of its results in one go. */
  readonly record?: boolean;
  /** The caller's own cancel (a watch being stopped, a batch being cancelled). */
  readonly signal?: AbortSignal;
  /** Also fetch the send's summary, at the same moment (default true; a batch fetches it once for all). */
  readonly summary?: boolean;
  /** The account (its id) to look up with; default the active one. A batch, a watch and a refresh pass their own. */
  readonly account?: string;
  /** A Refresh or a watch's check: the Recent Lookups entry keeps its place instead of moving to the top. */
  readonly keepPlace?: boolean;
}

export interface SendFinished extends SendRef {
  readonly result: SummaryResult;
  /** When the answer arrived (epoch ms). */
  readonly checkedAt: number;
}

export interface LookupWaiting {
  readonly key: LookupKey;
  readonly seconds: number;
  /** Epoch ms when it asks again. */
  readonly until: number;
}

export interface LookupStarted {
  readonly key: LookupKey;
  /** The account the lookup uses (undefined: there is no account yet). */
  readonly account: string | undefined;
}

export interface LookupFinished {
  readonly key: LookupKey;
  readonly result: LookupResult;
  /** When the answer arrived (epoch ms): the report's "checked" time. */
  readonly checkedAt: number;
  /** performance.now() when the answer arrived: where the benchmark's "response → rendered" starts. */
  readonly arrivedAt: number;
  /** A report only: the Recent Lookups entry as it is about to be stored (its timeline merged; the views draw it
   *  before the write, which is a round trip of its own), and the status stored before this lookup. */
  readonly entry?: HistoryEntry;
  readonly previousStatus?: string;
  readonly notify: boolean;
  /** The account the lookup used. */
  readonly account: string | undefined;
}

/** What a lookup command resolves to (tests and other extensions read it). */
export type LookupOutcome =
  { readonly ok: true; readonly status: string } | { readonly ok: false; readonly error: ErrorKind };

export function outcomeOf(result: LookupResult): LookupOutcome {
  return result.ok ? { ok: true, status: result.report.status } : { ok: false, error: result.error.kind };
}

const MAX_SUMMARIES = 50;

/** What a lookup ends with when its client rejected, which it never does by contract. */
const unexpected = () => ({ ok: false as const, error: { kind: 'bad-response' as const }, attempts: 0, durationMs: 0 });

export class LookupService extends Disposable {
  private readonly running = new Map<string, AbortController>();
  /** By sendRefId: two accounts' sends of one ID are two sends. */
  private readonly runningSends = new Map<string, AbortController>();
  /** The last summary of each send (by sendRefId), for a panel that opens after it arrived (the 50 most recent). */
  private readonly summaries = new Map<string, SendFinished>();
  private readonly startedSend = this.register(new vscode.EventEmitter<SendRef>());
  private readonly finishedSend = this.register(new vscode.EventEmitter<SendFinished>());
  /** A send's summary is being fetched (the send, and the account it is fetched with). */
  readonly onDidStartSend = this.startedSend.event;
  /** A send's summary arrived, or failed (not fired when a newer fetch of the same send took over). */
  readonly onDidFinishSend = this.finishedSend.event;
  private readonly started = this.register(new vscode.EventEmitter<LookupStarted>());
  private readonly finished = this.register(new vscode.EventEmitter<LookupFinished>());
  /** Fires when a lookup starts, before any request. */
  readonly onDidStart = this.started.event;
  private readonly waiting = this.register(new vscode.EventEmitter<LookupWaiting>());
  /** A lookup waits for a short Retry-After (429) and will ask again by itself. */
  readonly onDidWait = this.waiting.event;
  /** Fires once per lookup that was not superseded: with its result, or cancelled. */
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly client: ApiClient,
    private readonly history: HistoryStore,
    private readonly accounts: AccountStore,
  ) {
    super();
    this.register({
      dispose: () => {
        this.running.forEach((c) => c.abort());
        this.runningSends.forEach((c) => c.abort());
      },
    });
  }

  isRunning(key: LookupKey): boolean {
    return this.running.has(keyId(key));
  }

  /** Aborts the lookup running for this key, if any (its panel closed). */
  cancel(key: LookupKey): void {
    this.running.get(keyId(key))?.abort();
  }

  isSendRunning(send: SendRef): boolean {
    return this.runningSends.has(sendRefId(send));
  }

  /** The last summary of this send (as its account sees it) that arrived, if any. */
  lastSummary(send: SendRef): SendFinished | undefined {
    return this.summaries.get(sendRefId(send));
  }

  /** The summary of a send (GonderimBilgisi). The latest fetch of a send wins; it shows progress only when asked (the
   *  Look Up Send Summary command: beside a report lookup, the report's covers it). Its state is written to the send's
   *  entries in Recent Lookups. `account`: the account (its id) to ask with; default the active one. */
  async lookUpSend(
    sendId: string,
    options: { signal?: AbortSignal; progress?: boolean; account?: string } = {},
  ): Promise<SummaryResult> {
    const send: SendRef = { sendId, account: options.account ?? this.accounts.list().active };
    const id = sendRefId(send);
    this.runningSends.get(id)?.abort();
    const mine = new AbortController();
    this.runningSends.set(id, mine);
    const link = linkSignals(mine.signal, options.signal);
    this.startedSend.fire(send);
    let result: SummaryResult;
    try {
      result = options.progress
        ? await this.withProgress(vscode.l10n.t('VairoSMS: looking up send #{0}…', sendId), link.signal, (signal) =>
            this.client.lookUpSend(sendId, signal, send.account),
          )
        : await this.client.lookUpSend(sendId, link.signal, send.account);
    } catch {
      result = unexpected(); // never a rejection: the send's panels would wait for it forever
    } finally {
      link.dispose();
    }
    if (this.runningSends.get(id) !== mine) {
      return { ok: false, error: { kind: 'cancelled' }, attempts: result.attempts, durationMs: result.durationMs };
    }
    this.runningSends.delete(id);
    const finished: SendFinished = { ...send, result, checkedAt: Date.now() };
    if (!result.ok && result.error.kind === 'cancelled') {
      this.finishedSend.fire(finished);
      return result;
    }
    this.summaries.delete(id);
    this.summaries.set(id, finished);
    if (this.summaries.size > MAX_SUMMARIES) this.summaries.delete(this.summaries.keys().next().value as string);
    this.finishedSend.fire(finished);
    if (result.ok && result.summary.state !== undefined) await this.history.setSendState(send, result.summary.state);
    return result;
  }

  /** A lookup that is only a question (a language model tool's): it records nothing in Recent Lookups, fires no
   *  event, and neither aborts nor is aborted by the user's own lookup of the same report, so an agent can neither
   *  push the user's entries out at the cap nor cancel what the user is waiting for. */
  async query(key: LookupKey, options: { signal?: AbortSignal; account?: string } = {}): Promise<LookupResult> {
    const account = options.account ?? this.accounts.list().active;
    try {
      return await this.client.lookUpReport(key, options.signal, account);
    } catch {
      return unexpected();
    }
  }

  /** The send's summary as a question (see query): nothing recorded, no event, no other lookup aborted. */
  async querySend(sendId: string, options: { signal?: AbortSignal; account?: string } = {}): Promise<SummaryResult> {
    const account = options.account ?? this.accounts.list().active;
    try {
      return await this.client.lookUpSend(sendId, options.signal, account);
    } catch {
      return unexpected();
    }
  }

  async lookUp(key: LookupKey, options: LookupOptions = {}): Promise<LookupResult> {
    const id = keyId(key);
    this.running.get(id)?.abort(); // the latest lookup of a key wins
    const mine = new AbortController();
    this.running.set(id, mine);
    const link = linkSignals(mine.signal, options.signal);
    const account = options.account ?? this.accounts.list().active;
    this.started.fire({ key, account });
    // The send's summary starts at the same moment, never after the report (docs/architecture.md).
    if (options.summary !== false) void this.lookUpSend(key.sendId, { signal: options.signal, account });
    const onWait = (seconds: number) => {
      if (this.running.get(id) === mine) this.waiting.fire({ key, seconds, until: Date.now() + seconds * 1000 });
    };
    let result: LookupResult;
    try {
      result =
        options.progress === false
          ? await this.client.lookUpReport(key, link.signal, account, onWait)
          : await this.withProgress(
              vscode.l10n.t('VairoSMS: looking up {0} in send #{1}…', settings.displayNumber(key.number), key.sendId),
              link.signal,
              (signal) => this.client.lookUpReport(key, signal, account, onWait),
            );
    } catch {
      // The client and the exchange never reject by contract; if they ever do, the lookup still ends (its running
      // entry cleared, onDidFinish fired), or its panel would stay "Looking up…" and its tab could not be reused.
      result = unexpected();
    } finally {
      link.dispose();
    }
    const arrivedAt = performance.now();
    if (this.running.get(id) !== mine) {
      // A newer lookup of this key took over (or the service was disposed): this answer is shown nowhere.
      return { ok: false, error: { kind: 'cancelled' }, attempts: result.attempts, durationMs: result.durationMs };
    }
    this.running.delete(id);
    const checkedAt = Date.now();
    const notify = options.notify !== false;
    if (!result.ok) {
      this.finished.fire({ key, result, checkedAt, arrivedAt, notify, account });
      // A failed lookup is as useful to find again while debugging: kept in Recent Lookups beside any stored report.
      if (options.record !== false && isKeptFailure(result.error))
        await this.history.addFailure(key, storedFailure(result.error, checkedAt), account, options.keepPlace === true);
      return result;
    }
    const before = this.history.find(key);
    const fresh: HistoryEntry = {
      sendId: key.sendId,
      number: key.number,
      checkedAt,
      report: result.report,
      ...(account !== undefined ? { account } : {}),
    };
    const [entry] = addEntry(before ? [before] : [], fresh, 1);
    this.finished.fire({
      key,
      result,
      checkedAt,
      arrivedAt,
      entry,
      previousStatus: before?.report?.status,
      notify,
      account,
    });
    if (options.record !== false) await this.history.add(fresh, options.keepPlace === true);
    return result;
  }

  private withProgress<T>(title: string, signal: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (_progress, token) => {
          const cancel = new AbortController();
          const onCancel = token.onCancellationRequested(() => cancel.abort());
          const link = linkSignals(signal, cancel.signal);
          try {
            return await run(link.signal);
          } finally {
            onCancel.dispose();
            link.dispose();
          }
        },
      ),
    );
  }
}
