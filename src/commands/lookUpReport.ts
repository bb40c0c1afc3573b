// VairoSMS: Look Up Number Report… — asks for the send ID and the number (src/commands/prompts.ts), prefilled from
// the editor selection or the last lookup. Called by code, a keybinding or a link with (sendId, number) it asks
// nothing (src/core/lookupKey.ts parseKeyArgs). Without a key it asks for one first and then goes on.
import type * as vscode from 'vscode';
import { Commands } from '../constants';
import { parseKeyArgs } from '../core/lookupKey';
import { preloadTransport } from '../services/apiClient';
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
      const prompted = !(known.sendId && known.number);
      // While the user types, the transport loads, so Enter goes straight to the request. (Not the key: reading
      // SecretStorage can bring up the system keyring's unlock dialog, which must not come while the user types.)
      const warm = prompted ? setTimeout(preloadTransport, WARM_UP_DELAY_MS) : undefined;
      const target = prompted ? await promptLookup(prefill(deps.history), known) : known;
      clearTimeout(warm); // Esc within the delay: nothing is loaded for a lookup that will not run
      if (!target?.sendId || !target.number) return undefined; // Esc: cancel quietly
      if (!(await ensureApiKey(deps.accounts, deps.log))) return undefined;
      return deps.panels.lookUp({ sendId: target.sendId, number: target.number });
    },
  );
}

/** After the prompt has been shown: its own messages go first. */
const WARM_UP_DELAY_MS = 50;
