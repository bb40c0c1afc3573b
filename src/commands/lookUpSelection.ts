// VairoSMS: Look Up Selection — finds the send ID and the number in the selected text (a log line, JSON, a PHP
// array, a URL), asks only for what is missing, and looks the report up.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { extractLookup } from '../core/selection';
import { ensureApiKey, promptLookup, type LookupDeps } from './lookUpReport';

export function registerLookUpSelection(deps: LookupDeps): vscode.Disposable {
  return deps.commands.register(Commands.lookUpSelection, async () => {
    const editor = vscode.window.activeTextEditor;
    let text = '';
    if (editor) {
      const sel = editor.selection;
      text = sel.isEmpty ? editor.document.lineAt(sel.active.line).text : editor.document.getText(sel);
    }
    const found = text.length <= 100_000 ? extractLookup(text) : {};
    if (!found.sendId && !found.number) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No send ID or phone number found in the selection; asking for them instead.'),
      );
    }
    const last = deps.history.all()[0];
    const target =
      found.sendId && found.number
        ? { sendId: found.sendId, number: found.number }
        : await promptLookup({ sendId: found.sendId ?? last?.sendId, number: found.number ?? last?.number }, found);
    if (!target || !(await ensureApiKey(deps))) return undefined;
    return deps.reports.run(target);
  });
}
