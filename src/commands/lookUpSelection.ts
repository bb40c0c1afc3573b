// VairoSMS: Look Up Selection — finds the send ID and the number in the selected text (a log line, JSON, a PHP
// array, a URL), asks only for what is missing, and looks the report up.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { extractLookup } from '../core/selection';
import { own } from '../core/ownText';
import { showInfo } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptLookup } from './prompts';

/** A selection (or line) longer than this is not searched. */
const MAX_TEXT = 100_000;

export function registerLookUpSelection(deps: CommandDeps): vscode.Disposable {
  return deps.commands.register(Commands.lookUpSelection, async () => {
    const editor = vscode.window.activeTextEditor;
    let text = '';
    if (editor) {
      const sel = editor.selection;
      text = sel.isEmpty ? editor.document.lineAt(sel.active.line).text : editor.document.getText(sel);
    }
    const found = text.length <= MAX_TEXT ? extractLookup(text) : {};
    if (!found.sendId && !found.number) {
      void showInfo(own('No send ID or phone number found in the selection; asking for them instead.'));
    }
    const target =
      found.sendId && found.number
        ? { sendId: found.sendId, number: found.number }
        : await promptLookup(prefill(deps.history, found), found);
    if (!target || !(await ensureApiKey(deps.accounts, deps.log))) return undefined;
    return deps.panels.lookUp(target);
  });
}
