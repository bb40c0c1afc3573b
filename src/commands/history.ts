// The Recent Lookups item and title actions: open (stored, no network), refresh, copy, remove, clear all, and
// Show Raw Response. Every command accepts a tree element or a { sendId, number } object.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { asLookupKey, type LookupKey } from '../core/lookupKey';
import { type HistoryEntry } from '../core/history/history';
import { plural } from '../core/numbers';
import { own, ownCount, ownNumber, ownSendId, type OwnText } from '../core/ownText';
import * as settings from '../services/settings';
import { RAW_SCHEME } from '../views/rawResponse';
import { askModal, showInfo, showWarning } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';

/** How long Undo after a Remove or Clear All stays possible. */
const UNDO_MS = 2 * 60_000;

export function registerHistoryCommands(deps: CommandDeps): vscode.Disposable {
  const { history, panels, raw, log } = deps;
  /** The notification after a Remove or Clear All, with Undo (VS Code hides the toast after a few seconds; from the
   *  notification centre, only the last removal can still be undone, for two minutes: then what was removed is let
   *  go, not kept in memory). Undo stores them as entries are stored now (history.restore). */
  let held: { entries: HistoryEntry[]; timer: NodeJS.Timeout } | undefined;
  const release = () => {
    if (held) clearTimeout(held.timer);
    held = undefined;
  };
  const offerUndo = (text: OwnText, gone: HistoryEntry[]): void => {
    release();
    const mine = { entries: gone, timer: setTimeout(release, UNDO_MS) };
    held = mine;
    const undo = vscode.l10n.t('Undo');
    void showInfo(text, undo).then(async (choice) => {
      if (choice !== undo) return;
      if (held !== mine) {
        void showInfo(own('Only the last removal can be undone, within two minutes.'));
        return;
      }
      release();
      await history.restore(mine.entries);
      log.info(`restored ${mine.entries.length} lookups to recent lookups`);
    });
  };
  const withKey = (fn: (key: LookupKey) => unknown) => (arg: unknown) => {
    const key = asLookupKey(arg);
    return key ? fn(key) : undefined;
  };
  return vscode.Disposable.from(
    { dispose: release },
    deps.commands.register(
      Commands.openLookup,
      withKey((key) => {
        const entry = history.find(key);
        if (entry) panels.showStored(entry);
        else void showWarning(own('This lookup is no longer in Recent Lookups.'));
      }),
    ),
    deps.commands.register(
      Commands.refreshLookup,
      withKey(async (key) => {
        const account = await panels.accountFor(key); // the entry's account, not the active one
        if (account === null || !(await ensureApiKey(deps.accounts, log, account))) return undefined;
        return panels.lookUp(key, {
          preserveFocus: true,
          refresh: true,
          ...(account !== undefined ? { account } : {}),
        });
      }),
    ),
    deps.commands.register(
      Commands.copyNumber,
      withKey(async (key) => {
        await vscode.env.clipboard.writeText(key.number);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Number copied'), 3000);
      }),
    ),
    deps.commands.register(
      Commands.copySendId,
      withKey(async (key) => {
        await vscode.env.clipboard.writeText(key.sendId);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Send ID copied'), 3000);
      }),
    ),
    deps.commands.register(
      Commands.removeLookup,
      withKey(async (key) => {
        const gone = await history.remove(key);
        log.info(`removed a lookup from recent lookups (send ${key.sendId})`);
        if (gone.length)
          offerUndo(
            own(
              'Removed {0} (send #{1}) from Recent Lookups.',
              ownNumber(key.number, settings.displayNumber),
              ownSendId(key.sendId),
            ),
            gone,
          );
      }),
    ),
    // Always asks: no argument (a command link, another extension's executeCommand) can skip the confirmation.
    deps.commands.register(Commands.clearHistory, async () => {
      const count = history.all().length;
      if (count === 0) return;
      const clear = vscode.l10n.t('Clear All');
      const choice = await askModal(
        plural(
          count,
          own(
            'Remove the one lookup from Recent Lookups? Its stored report is deleted, and its open report tab closes.',
          ),
          own(
            'Remove all {0} lookups from Recent Lookups? Their stored reports are deleted, and open report tabs close.',
            ownCount(count, vscode.env.language),
          ),
        ),
        undefined,
        clear,
      );
      if (choice !== clear) return;
      const gone = await history.clear();
      // Nothing of them stays in memory or in a webview's saved state: the raw answers and the open reports go too.
      raw.forget();
      panels.closeAll();
      log.info('cleared recent lookups');
      if (gone.length)
        offerUndo(
          plural(
            gone.length,
            own('Cleared {0} lookup from Recent Lookups.', ownCount(gone.length, vscode.env.language)),
            own('Cleared {0} lookups from Recent Lookups.', ownCount(gone.length, vscode.env.language)),
          ),
          gone,
        );
    }),
    deps.commands.register(
      Commands.showRawResponse,
      withKey(async (key) => {
        const body = panels.rawBody(key);
        if (body !== undefined) {
          await raw.show(key.sendId, key.number, body);
          return;
        }
        const json = panels.rawJson(key);
        if (!json) {
          const failed = panels.get(key)?.current?.state === 'error';
          void showInfo(
            failed
              ? own(
                  'The last answer was not a JSON report; the report panel shows what VairoSMS sent, and the log has the details.',
                )
              : own('There is no response to show yet: refresh the report first.'),
          );
          return;
        }
        const text = json.exact
          ? json.text
          : `// ${vscode.l10n.t("Rebuilt from the stored report in Recent Lookups; refresh to see VairoSMS's exact answer.")}\n${json.text}`;
        await raw.show(key.sendId, key.number, text);
      }),
    ),
    deps.commands.register(Commands.formatRawResponse, (arg: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme !== RAW_SCHEME || !raw.format(uri))
        void showInfo(own('Format works on a raw response that is JSON.'));
    }),
  );
}
