// VairoSMS: Watch Until Final / Stop Watching / Show Watched Reports.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { maskPhone } from '../core/phone';
import { type Watcher } from '../services/watcher';
import * as settings from '../services/settings';
import { type ReportController } from '../views/reportController';
import { ensureApiKey, promptLookup, type LookupDeps } from './lookUpReport';

type Key = { sendId: string; number: string };

export function keyArg(arg: unknown): Key | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { sendId?: unknown; number?: unknown };
  return typeof o.sendId === 'string' &&
    /^\d{1,18}$/.test(o.sendId) &&
    typeof o.number === 'string' &&
    /^\d{7,15}$/.test(o.number)
    ? { sendId: o.sendId, number: o.number }
    : undefined;
}

/** The report panel the user is looking at, if any. */
function activePanelKey(reports: ReportController): Key | undefined {
  return reports.panels.all().find((p) => p.panel.active)?.key;
}

export function registerWatchCommands(deps: LookupDeps & { watcher: Watcher }): vscode.Disposable {
  const { watcher, reports } = deps;
  const shown = (n: string) => (settings.maskNumbers() ? maskPhone(n) : n);
  const pickWatched = async (placeHolder: string): Promise<Key | undefined> => {
    const list = watcher.list();
    if (list.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No report is being watched.'));
      return undefined;
    }
    if (list.length === 1) return list[0];
    const pick = await vscode.window.showQuickPick(
      list.map((w) => ({
        label: shown(w.number),
        description: vscode.l10n.t('send {0} · {1}', w.sendId, w.status || '—'),
        key: { sendId: w.sendId, number: w.number },
      })),
      { placeHolder },
    );
    return pick?.key;
  };
  return vscode.Disposable.from(
    deps.commands.register(Commands.watchReport, async (arg?: unknown) => {
      const key = keyArg(arg) ?? activePanelKey(reports) ?? (await promptLookup({ ...(deps.history.all()[0] ?? {}) }));
      if (!key || !(await ensureApiKey(deps))) return;
      await watcher.start(key);
    }),
    deps.commands.register(Commands.stopWatching, async (arg?: unknown) => {
      const key = keyArg(arg) ?? (await pickWatched(vscode.l10n.t('Stop watching which report?')));
      if (key) watcher.stop(key);
    }),
    deps.commands.register(Commands.showWatches, async () => {
      const list = watcher.list();
      if (list.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No report is being watched.'));
        return;
      }
      const stop = { iconPath: new vscode.ThemeIcon('debug-stop'), tooltip: vscode.l10n.t('Stop Watching') };
      const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { key: Key }>();
      qp.placeholder = vscode.l10n.t('Watched reports: pick one to open it');
      qp.items = list.map((w) => ({
        label: `$(eye) ${shown(w.number)}`,
        description: vscode.l10n.t('send {0} · {1}', w.sendId, w.status || '—'),
        detail: vscode.l10n.t(
          '{0} checks; next in {1} s',
          w.checks,
          Math.max(0, Math.round((w.nextAt - Date.now()) / 1000)),
        ),
        key: { sendId: w.sendId, number: w.number },
        buttons: [stop],
      }));
      qp.onDidTriggerItemButton((e) => {
        watcher.stop(e.item.key);
        qp.items = qp.items.filter((i) => i !== e.item);
        if (qp.items.length === 0) qp.hide();
      });
      qp.onDidAccept(() => {
        const k = qp.selectedItems[0]?.key;
        qp.hide();
        if (k) void vscode.commands.executeCommand(Commands.openLookup, k);
      });
      qp.onDidHide(() => qp.dispose());
      qp.show();
    }),
  );
}
