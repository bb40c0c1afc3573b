// "Show Raw Response": a read-only virtual document (scheme vairosms-raw), so there is nothing to save and the
// webview never needs to render JSON. The content is the redacted answer, or the stored report marked as such.
import * as vscode from 'vscode';
import { keyId } from '../core/lookupKey';
import * as settings from '../services/settings';

export const RAW_SCHEME = 'vairosms-raw';

export class RawResponseProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** An opaque id per send ID + number: the tab title shows the number as the user wants it (masked or not), and two
   *  numbers that mask alike still get documents of their own. */
  private readonly ids = new Map<string, number>();

  async show(sendId: string, number: string, text: string): Promise<void> {
    const key = keyId({ sendId, number });
    const id = this.ids.get(key) ?? this.ids.size + 1;
    this.ids.set(key, id);
    const uri = vscode.Uri.from({
      scheme: RAW_SCHEME,
      path: `/${sendId}/${settings.displayNumber(number)}.json`,
      query: String(id),
    });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, text.startsWith('//') ? 'jsonc' : 'json');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Forgets every response shown (Clear All Recent Lookups). */
  forget(): void {
    this.contents.clear();
    this.ids.clear();
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
