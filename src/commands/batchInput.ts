// Where a batch's numbers come from (the selection, the current file, a file, or typed) and reading them within
// MAX_BATCH_INPUT_BYTES: a file is looked at (stat) before it is read, and one that is not a regular file (a folder, a
// FIFO, a device) or is larger than the cap is refused with a message saying so, never read.
import * as vscode from 'vscode';
import { MAX_BATCH_INPUT_BYTES, MAX_BATCH_NUMBERS, parseNumberList } from '../core/batch/numberList';
import { formatNumber } from '../core/numbers';
import { own, ownCount, type OwnText } from '../core/ownText';
import { showError } from '../views/notify';
import { error, inputStep } from './input';

/** What the input box validates on every keystroke, parsed whole: a pasted list, not a file. */
const MAX_TYPED = 100_000;

const MB = 1024 * 1024;
const CAP_MB = MAX_BATCH_INPUT_BYTES / MB;

/** `text` when it is within the cap; otherwise undefined, and the user is told. */
export function withinCap(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= MAX_BATCH_INPUT_BYTES) return text;
  void showError(tooLarge(text.length));
  return undefined;
}

/** The text of a number list file, after a look at what it is: a regular file within the cap, or undefined (and the
 *  user told why). A file that grew between the look and the read is refused too. */
async function readListFile(uri: vscode.Uri): Promise<string | undefined> {
  let problem: OwnText | undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0)
      problem = own('The numbers were not read: this is not a regular file. Pick a text or CSV file.');
    else if (stat.size > MAX_BATCH_INPUT_BYTES) problem = tooLarge(stat.size);
    else {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength <= MAX_BATCH_INPUT_BYTES) return new TextDecoder('utf-8').decode(bytes);
      problem = tooLarge(bytes.byteLength);
    }
  } catch {
    problem = own('The file could not be read. Check that it exists and that you may read it.');
  }
  void showError(problem);
  return undefined;
}

function tooLarge(bytes: number): OwnText {
  return own(
    'The numbers were not read: they are {0} MB, and a batch reads at most {1} MB (up to {2} numbers). Split the list.',
    ownCount(Math.ceil(bytes / MB), vscode.env.language),
    ownCount(CAP_MB, vscode.env.language),
    ownCount(MAX_BATCH_NUMBERS, vscode.env.language),
  );
}

type Source = 'selection' | 'document' | 'file' | 'typed';

/** Where the numbers come from, and their text; undefined when the user pressed Esc, or when the input was refused
 *  (then the user was told why). */
export async function readNumbers(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const items: Array<vscode.QuickPickItem & { source: Source }> = [];
  if (editor && !editor.selection.isEmpty) {
    const lines = editor.selection.end.line - editor.selection.start.line + 1;
    items.push({
      source: 'selection',
      label: `$(selection) ${vscode.l10n.t('The selection')}`,
      description: vscode.l10n.t('lines: {0}', lines),
    });
  }
  if (editor) {
    items.push({
      source: 'document',
      label: `$(file) ${vscode.l10n.t('The current file')}`,
      description: vscode.workspace.asRelativePath(editor.document.uri),
    });
  }
  items.push({
    source: 'file',
    label: `$(folder-opened) ${vscode.l10n.t('A file…')}`,
    description: vscode.l10n.t('one number per line, or CSV'),
  });
  items.push({
    source: 'typed',
    label: `$(edit) ${vscode.l10n.t('Type or paste numbers…')}`,
    description: vscode.l10n.t('separated by commas or semicolons'),
  });
  const pick =
    items.length === 1
      ? items[0]
      : await vscode.window.showQuickPick(items, {
          title: vscode.l10n.t('Look Up Several Numbers'),
          placeHolder: vscode.l10n.t('Where are the numbers?'),
        });
  if (!pick) return undefined;
  switch (pick.source) {
    case 'selection':
      return withinCap(editor?.document.getText(editor.selection));
    case 'document':
      return withinCap(editor?.document.getText());
    case 'file': {
      const uris = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Look Up Numbers'),
        filters: { [vscode.l10n.t('Number lists')]: ['txt', 'csv', 'tsv'], [vscode.l10n.t('All files')]: ['*'] },
      });
      if (!uris?.[0]) return undefined;
      return readListFile(uris[0]);
    }
    case 'typed': {
      const v = await inputStep({
        title: vscode.l10n.t('Look Up Several Numbers'),
        prompt: vscode.l10n.t('Phone numbers, separated by commas or semicolons.'),
        placeholder: vscode.l10n.t('for example 0539 999 99 99, 5301000001; +90 530 100 00 02'),
        validate: (s) =>
          s.length > MAX_TYPED
            ? error(
                vscode.l10n.t(
                  'At most {0} characters; pick a file for a longer list.',
                  formatNumber(MAX_TYPED, vscode.env.language),
                ),
              )
            : parseNumberList(s, vscode.env.language).numbers.length === 0
              ? error(vscode.l10n.t('No phone number found yet.'))
              : undefined,
      });
      return typeof v === 'string' ? v : undefined;
    }
  }
}
