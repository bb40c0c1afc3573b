// VairoSMS: Look Up Send Summary… (and "Look Up Send Summary" on a lookup in Recent Lookups) — asks for a send ID only, prefilled
// from the selection or the last lookup, and opens the send's panel (src/views/sendPanel.ts). Called with a send ID
// (or a lookup: { sendId }) it asks nothing.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { parseKeyArgs } from '../core/lookupKey';
import { showError } from '../views/notify';
import { type SendPanels } from '../views/sendPanel';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptSendId } from './prompts';

/** What the command resolves to (tests and other extensions read it). */
type SendOutcome =
  { readonly ok: true; readonly state: -1 | 0 | 1 | undefined } | { readonly ok: false; readonly error: string };

export function registerLookUpSend(deps: CommandDeps, sends: SendPanels): vscode.Disposable {
  const run = async (arg?: unknown): Promise<SendOutcome | undefined> => {
    const known = parseKeyArgs(arg);
    if (!known.ok) {
      void showError(known.message);
      return { ok: false, error: 'input' };
    }
    const sendId =
      known.sendId ??
      (await promptSendId({ title: vscode.l10n.t('Look Up Send Summary'), value: prefill(deps.history).sendId }));
    if (sendId === undefined) return undefined; // Esc: cancel quietly
    if (!(await ensureApiKey(deps.accounts, deps.log))) return undefined;
    const result = await sends.lookUp(sendId);
    return result.ok ? { ok: true, state: result.summary.state } : { ok: false, error: result.error.kind };
  };
  return vscode.Disposable.from(
    deps.commands.register(Commands.lookUpSend, run),
    deps.commands.register(Commands.showSend, run),
  );
}
