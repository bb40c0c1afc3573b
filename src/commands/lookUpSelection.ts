// VairoSMS: Look Up Selection — finds the send ID and the number in the selected text (a log line, JSON, a PHP
// array, a URL), asks only for what is missing, and looks the report up. With a report panel (or another non-text
// editor) in front, it reads the text editor that was active last; with none, it says so.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { extractLookup } from '../core/match/selection';
import { own } from '../core/ownText';
import { showInfo } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptLookup } from './prompts';

/** A selection (or line) longer than this is not searched. */
const MAX_TEXT = 100_000;

/** The editor's document is still open in a tab (possibly behind the report panel in the same group). */
function isStillOpen(editor: vscode.TextEditor): boolean {
  if (editor.document.isClosed) return false;
  const uri = editor.document.uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
  );
}

export function registerLookUpSelection(deps: CommandDeps): vscode.Disposable {
  // The text editor that was active last, for when a report panel has the focus (activeTextEditor is then undefined).
  let last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  const track = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e) last = e;
  });
  const command = deps.commands.register(Commands.lookUpSelection, async () => {
    const editor = vscode.window.activeTextEditor ?? (last && isStillOpen(last) ? last : undefined);
    let text = '';
    if (editor) {
      const sel = editor.selection;
      text = sel.isEmpty ? editor.document.lineAt(sel.active.line).text : editor.document.getText(sel);
    }
    const found = text.length <= MAX_TEXT ? extractLookup(text) : {};
    if (!editor) {
      void showInfo(own('No text editor is open to read a selection from; asking for the send ID and number instead.'));
    } else if (!found.sendId && !found.number) {
      void showInfo(own('No send ID or phone number found in the selection; asking for them instead.'));
    }
    const target =
      found.sendId && found.number
        ? { sendId: found.sendId, number: found.number }
        : await promptLookup(prefill(deps.history, found), found);
    if (!target || !(await ensureApiKey(deps.accounts, deps.log))) return undefined;
    return deps.panels.lookUp(target);
  });
  return vscode.Disposable.from(track, command);
}
