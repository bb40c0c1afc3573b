// Watch until final: re-checks pending reports on the schedule of src/core/watch.ts until the status is final,
// the user's cap passes, a check fails in a way another check will not fix, or the user stops it. Watching does
// not need the panel (closing it keeps the watch); a status bar item shows what is watched; a notification says
// when a report became final. Every status change lands in the entry's timeline (recent lookups).
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import { describeError } from '../core/errors';
import { maskPhone } from '../core/phone';
import { describeStatus, isFinalStatus } from '../core/statuses';
import { isPermanentFailure, shouldStop, watchDelay } from '../core/watch';
import { Disposable } from '../disposable';
import { type ReportController } from '../views/reportController';
import { type HistoryStore } from './historyStore';
import { type Log } from './log';
import * as settings from './settings';

interface Watch {
  readonly key: { sendId: string; number: string };
  readonly startedAt: number;
  checks: number;
  status: string;
  nextAt: number;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
}

const id = (k: { sendId: string; number: string }) => `${k.sendId}:${k.number}`;

export class Watcher extends Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly item: vscode.StatusBarItem;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly reports: ReportController,
    private readonly history: HistoryStore,
    private readonly log: Log,
  ) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('vairosms.watch', vscode.StatusBarAlignment.Left, 50));
    this.item.name = vscode.l10n.t('VairoSMS Watch');
    this.item.command = Commands.showWatches;
  }

  isWatching(key: { sendId: string; number: string }): boolean {
    return this.watches.has(id(key));
  }

  list(): Array<{ sendId: string; number: string; status: string; nextAt: number; checks: number }> {
    return [...this.watches.values()].map((w) => ({ ...w.key, status: w.status, nextAt: w.nextAt, checks: w.checks }));
  }

  /** Starts watching; checks once at once when nothing is known yet. */
  async start(key: { sendId: string; number: string }): Promise<void> {
    if (this.isWatching(key)) {
      this.update();
      return;
    }
    let status = this.history.find(key)?.report.status;
    if (status === undefined) {
      const first = await this.reports.run(key, { preserveFocus: true });
      if (!first.ok) return;
      status = first.status;
    }
    if (isFinalStatus(status)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} in send {1} is already final: {2}. Nothing to watch.',
          this.shown(key.number),
          key.sendId,
          `${status} (${describeStatus(status).label})`,
        ),
      );
      return;
    }
    const w: Watch = { key: { ...key }, startedAt: Date.now(), checks: 0, status, nextAt: 0 };
    this.watches.set(id(key), w);
    this.log.info(`watching send ${key.sendId}, number ${maskPhone(key.number)} (status ${status})`);
    this.schedule(w);
    this.changedState(key);
  }

  stop(key: { sendId: string; number: string }, why: 'user' | 'final' | 'cap' | 'error' = 'user'): void {
    const w = this.watches.get(id(key));
    if (!w) return;
    clearTimeout(w.timer);
    w.abort?.abort();
    this.watches.delete(id(key));
    this.log.info(`stopped watching send ${key.sendId}, number ${maskPhone(key.number)}: ${why}`);
    this.changedState(key);
  }

  private changedState(key: { sendId: string; number: string }): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.isWatching, this.watches.size > 0);
    this.update();
    this.reports.rerender(key);
    this.changed.fire();
  }

  private schedule(w: Watch): void {
    const delay = watchDelay(w.checks);
    w.nextAt = Date.now() + delay;
    w.timer = setTimeout(() => void this.check(w), delay);
    this.update();
  }

  private async check(w: Watch): Promise<void> {
    if (this.isDisposed || this.watches.get(id(w.key)) !== w) return;
    w.checks++;
    w.abort = new AbortController();
    const outcome = await this.reports.run(w.key, {
      openPanel: false,
      progress: false,
      notifyErrors: false,
      preserveFocus: true,
      signal: w.abort.signal,
    });
    w.abort = undefined;
    if (this.isDisposed || this.watches.get(id(w.key)) !== w) return;
    const elapsed = Date.now() - w.startedAt;
    if (!outcome.ok) {
      if (outcome.error === 'cancelled') return;
      if (isPermanentFailure(outcome.error)) {
        this.stop(w.key, 'error');
        const d = describeError({ kind: outcome.error });
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'Stopped watching {0} in send {1}: {2}. {3}',
            this.shown(w.key.number),
            w.key.sendId,
            d.title,
            d.action,
          ),
        );
        return;
      }
      this.log.warn(`watch check ${w.checks} failed (${outcome.error}); trying again later`);
    } else {
      w.status = outcome.status;
    }
    const stop = shouldStop(w.status, elapsed, settings.watchCapMs());
    if (stop === 'final') {
      this.stop(w.key, 'final');
      const info = describeStatus(w.status);
      const open = vscode.l10n.t('Open Report');
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            '{0} in send {1} is now final: {2} ({3}).',
            this.shown(w.key.number),
            w.key.sendId,
            info.code,
            info.label,
          ),
          open,
        )
        .then((c) => {
          if (c === open) void vscode.commands.executeCommand(Commands.openLookup, w.key);
        });
      return;
    }
    if (stop === 'cap') {
      this.stop(w.key, 'cap');
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Stopped watching {0} in send {1} after {2} minutes; it is still {3}. Watch again or raise vairosms.watch.maxMinutes.',
          this.shown(w.key.number),
          w.key.sendId,
          Math.round(elapsed / 60_000),
          w.status || '—',
        ),
      );
      return;
    }
    this.schedule(w);
  }

  private shown(number: string): string {
    return settings.maskNumbers() ? maskPhone(number) : number;
  }

  /** The status bar item: what is watched and when the next check is; refreshed every second while shown. */
  private update(): void {
    const all = [...this.watches.values()];
    if (all.length === 0) {
      this.item.hide();
      if (this.ticker) clearInterval(this.ticker);
      this.ticker = undefined;
      return;
    }
    const next = all.reduce((a, b) => (a.nextAt <= b.nextAt ? a : b));
    const secs = Math.max(0, Math.round((next.nextAt - Date.now()) / 1000));
    const text =
      all.length === 1
        ? vscode.l10n.t('Watching {0}: {1}, next check in {2} s', this.shown(next.key.number), next.status || '—', secs)
        : vscode.l10n.t('Watching {0} reports, next check in {1} s', all.length, secs);
    this.item.text = `$(eye) ${text}`;
    this.item.tooltip = all
      .map((w) =>
        vscode.l10n.t(
          '{0} in send {1}: {2}, {3} checks',
          this.shown(w.key.number),
          w.key.sendId,
          w.status || '—',
          w.checks,
        ),
      )
      .join('\n');
    this.item.accessibilityInformation = { label: text, role: 'button' };
    this.item.show();
    if (!this.ticker) this.ticker = setInterval(() => this.update(), 1000);
  }

  override dispose(): void {
    for (const w of this.watches.values()) {
      clearTimeout(w.timer);
      w.abort?.abort();
    }
    this.watches.clear();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    super.dispose();
  }
}
