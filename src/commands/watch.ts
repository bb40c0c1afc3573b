// VairoSMS: Watch Until Final / Stop Watching / Show Watched Reports. Watching starts from the report's last known
// status; when nothing is known yet, the report is looked up first (its panel opens).
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { asLookupKey, type LookupKey } from '../core/lookupKey';
import { describeStatus } from '../core/report/statuses';
import { formatNumber, plural } from '../core/numbers';
import { own, ownNumber, ownSendId, ownStatus } from '../core/ownText';
import { showInfo } from '../views/notify';
import * as settings from '../services/settings';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptLookup } from './prompts';

export function registerWatchCommands(deps: CommandDeps): vscode.Disposable {
  const { watcher, panels } = deps;
  const shown = settings.displayNumber;
  const pickWatched = async (placeHolder: string): Promise<LookupKey | undefined> => {
    const list = watcher.list();
    if (list.length === 0) {
      void showInfo(own('No report is being watched.'));
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
  const startWatching = async (key: LookupKey): Promise<void> => {
    if (watcher.isWatching(key)) return;
    // The watch keeps the account of the report it watches, even if the user switches meanwhile.
    const account = await panels.accountFor(key);
    if (account === null) return;
    if (!(await ensureApiKey(deps.accounts, deps.log, account))) return;
    let status = deps.history.find(key)?.report?.status;
    if (status === undefined) {
      const first = await panels.lookUp(key, { preserveFocus: true, ...(account !== undefined ? { account } : {}) });
      if (!first?.ok) return;
      status = first.status;
    }
    if (watcher.start(key, status, account) === 'final') {
      void showInfo(
        own(
          '{0} in send #{1} is already final: {2}. Nothing to watch.',
          ownNumber(key.number, shown),
          ownSendId(key.sendId),
          own('{0} ({1})', ownStatus(status), describeStatus(status).label),
        ),
      );
    }
  };
  return vscode.Disposable.from(
    deps.commands.register(Commands.watchReport, async (arg?: unknown) => {
      const key = asLookupKey(arg) ?? panels.activeKey() ?? (await promptLookup(prefill(deps.history, {})));
      if (!key) return;
      await startWatching(key);
    }),
    deps.commands.register(Commands.stopWatching, async (arg?: unknown) => {
      const key = asLookupKey(arg) ?? (await pickWatched(vscode.l10n.t('Stop watching which report?')));
      if (key) watcher.stop(key);
    }),
    deps.commands.register(Commands.showWatches, async () => {
      const list = watcher.list();
      if (list.length === 0) {
        void showInfo(own('No report is being watched.'));
        return;
      }
      const stop = { iconPath: new vscode.ThemeIcon('debug-stop'), tooltip: vscode.l10n.t('Stop Watching') };
      const lang = vscode.env.language;
      const nextIn = (w: { readonly nextAt: number }): string =>
        formatNumber(Math.max(0, Math.round((w.nextAt - watcher.now()) / 1000)), lang);
      const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { key: LookupKey }>();
      qp.placeholder = vscode.l10n.t('Watched reports: pick one to open it');
      qp.items = list.map((w) => ({
        label: `$(eye) ${shown(w.number)}`,
        description: vscode.l10n.t('send {0} · {1}', w.sendId, w.status || '—'),
        detail: plural(
          w.checks,
          vscode.l10n.t('{0} check; next in {1} s', formatNumber(w.checks, lang), nextIn(w)),
          vscode.l10n.t('{0} checks; next in {1} s', formatNumber(w.checks, lang), nextIn(w)),
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
