// What the user sees of the watches (src/services/watcher.ts): a status bar item with what is watched and when the
// next check is (refreshed every second while shown; a status is named only when the provider documents it), the context key behind "Stop Watching" in the palette, and a
// notification when a watch ends by itself: final, the user's cap, or a failure another check will not fix.
import * as vscode from 'vscode';
import { Commands, ContextKeys, StatusBarItems } from '../constants';
import { describeError } from '../core/api/errors';
import { formatNumber, plural } from '../core/numbers';
import { own, ownCount, ownNumber, ownSendId, ownStatus } from '../core/ownText';
import { watchBarText } from '../core/shortText';
import { describeStatus } from '../core/report/statuses';
import { Disposable } from '../disposable';
import * as settings from '../services/settings';
import { type Watcher, type WatchStopped } from '../services/watcher';
import { showError, showInfo, showWarning } from './notify';

export class WatchStatus extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private ticker: NodeJS.Timeout | undefined;
  private watching = false;

  constructor(private readonly watcher: Watcher) {
    super();
    this.item = this.register(
      vscode.window.createStatusBarItem(StatusBarItems.watch, vscode.StatusBarAlignment.Left, 50),
    );
    this.item.name = vscode.l10n.t('VairoSMS Watch');
    this.item.command = Commands.showWatches;
    this.register(watcher.onDidChange(() => this.update()));
    this.register(watcher.onDidStop((e) => this.notify(e)));
    this.register({ dispose: () => this.stopTicker() });
  }

  private update(): void {
    const all = this.watcher.list();
    if (this.watching !== all.length > 0) {
      this.watching = all.length > 0;
      void vscode.commands.executeCommand('setContext', ContextKeys.isWatching, this.watching);
    }
    if (all.length === 0) {
      this.item.hide();
      this.stopTicker();
      return;
    }
    const next = all.reduce((a, b) => (a.nextAt <= b.nextAt ? a : b));
    const secs = Math.max(0, Math.round((next.nextAt - this.watcher.now()) / 1000));
    const shown = settings.displayNumber;
    const lang = vscode.env.language;
    // Short in the status bar (the number and its status, or how many); each watch and the next check in the tooltip.
    const text = watchBarText(all.length, { number: shown(next.number), status: ownStatus(next.status) }, lang);
    const nextCheck = plural(
      secs,
      vscode.l10n.t('Next check in {0} second.', formatNumber(secs, lang)),
      vscode.l10n.t('Next check in {0} seconds.', formatNumber(secs, lang)),
    );
    this.item.text = `$(eye) ${text}`;
    this.item.tooltip = [
      ...all.map((w) => {
        const checks = formatNumber(w.checks, lang);
        return plural(
          w.checks,
          vscode.l10n.t('{0} in send #{1}: {2}, {3} check', shown(w.number), w.sendId, ownStatus(w.status), checks),
          vscode.l10n.t('{0} in send #{1}: {2}, {3} checks', shown(w.number), w.sendId, ownStatus(w.status), checks),
        );
      }),
      nextCheck,
    ].join('\n');
    this.item.accessibilityInformation = { label: `${text}. ${nextCheck}`, role: 'button' };
    this.item.show();
    if (!this.ticker) this.ticker = setInterval(() => this.update(), 1000);
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private notify(e: WatchStopped): void {
    const number = ownNumber(e.key.number, settings.displayNumber);
    const sendId = ownSendId(e.key.sendId);
    switch (e.why) {
      case 'final': {
        const info = describeStatus(e.status);
        const open = vscode.l10n.t('Open Report');
        void showInfo(
          own('{0} in send #{1} is now final: {2} ({3}).', number, sendId, ownStatus(info.code), info.label),
          open,
        ).then((c) => {
          if (c === open) void vscode.commands.executeCommand(Commands.openLookup, e.key);
        });
        return;
      }
      case 'cap': {
        // The status came from the provider: a known code is named as it is, any other only as "an unknown status".
        const minutes = Math.round(e.elapsedMs / 60_000);
        const shownMinutes = ownCount(minutes, vscode.env.language);
        void showWarning(
          plural(
            minutes,
            own(
              'Stopped watching {0} in send #{1} after {2} minute; it is still {3}. Watch again or raise vairosms.watch.maxMinutes.',
              number,
              sendId,
              shownMinutes,
              ownStatus(e.status),
            ),
            own(
              'Stopped watching {0} in send #{1} after {2} minutes; it is still {3}. Watch again or raise vairosms.watch.maxMinutes.',
              number,
              sendId,
              shownMinutes,
              ownStatus(e.status),
            ),
          ),
        );
        return;
      }
      case 'error': {
        const d = describeError({ kind: e.error ?? 'network' }, vscode.env.language);
        void showError(own('Stopped watching {0} in send #{1}: {2}. {3}', number, sendId, d.title, d.action));
        return;
      }
      case 'send-failed': {
        const open = vscode.l10n.t('Open Report');
        void showWarning(
          own(
            'Stopped watching {0} in send #{1}: the send failed (nothing was sent, no credit was used), so its report will not change.',
            number,
            sendId,
          ),
          open,
        ).then((c) => {
          if (c === open) void vscode.commands.executeCommand(Commands.openLookup, e.key);
        });
        return;
      }
      case 'user':
        return;
    }
  }
}
