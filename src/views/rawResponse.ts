// "Show Raw Response": a read-only virtual document (scheme vairosms-raw), so there is nothing to save and the
// webview never needs to render JSON. The content is the redacted answer, or the stored report marked as such.
import * as vscode from 'vscode';

export const RAW_SCHEME = 'vairosms-raw';

export class RawResponseProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(sendId: string, number: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: RAW_SCHEME, path: `/${sendId}/${number}.json` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, text.startsWith('//') ? 'jsonc' : 'json');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Forgets every response shown (Clear All Recent Lookups). */
  forget(): void {
    this.contents.clear();
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
