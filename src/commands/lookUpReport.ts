// VairoSMS: Look Up Number Report… — asks for the send ID and the number (src/commands/prompts.ts), prefilled from
// the editor selection or the last lookup. Called by code, a keybinding or a link with (sendId, number) it asks
// nothing (src/core/lookupKey.ts parseKeyArgs). Without a key it asks for one first and then goes on.
import type * as vscode from 'vscode';
import { Commands } from '../constants';
import { parseKeyArgs } from '../core/lookupKey';
import { type LookupOutcome } from '../services/lookupService';
import { showError } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptLookup } from './prompts';

export function registerLookUpReport(deps: CommandDeps): vscode.Disposable {
  return deps.commands.register(
    Commands.lookUpReport,
    async (arg1?: unknown, arg2?: unknown): Promise<LookupOutcome | undefined> => {
      const known = parseKeyArgs(arg1, arg2);
      if (!known.ok) {
        void showError(known.message);
        return { ok: false, error: 'input' };
      }
      const target =
        known.sendId && known.number
          ? { sendId: known.sendId, number: known.number }
          : await promptLookup(prefill(deps.history), known);
      if (!target) return undefined; // Esc: cancel quietly
      if (!(await ensureApiKey(deps.accounts, deps.log))) return undefined;
      return deps.panels.lookUp(target);
    },
  );
}
