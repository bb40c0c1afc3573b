// "Show Raw Response": a read-only virtual document (scheme vairosms-raw), so there is nothing to save and the
// webview never needs to render JSON. The content is the redacted answer exactly as received (Format pretty-prints
// it in place), or the stored report marked as such. Its languages (vairosms-json, vairosms-text) are VS Code's JSON
// grammar and plain text under names of our own, so that the ambiguous-character highlight, which boxes Turkish
// letters such as "ı", is off in these documents only (package.json configurationDefaults); invisible characters
// are still highlighted.
import * as vscode from 'vscode';
import { keyId } from '../core/lookupKey';
import * as settings from '../services/settings';

export const RAW_SCHEME = 'vairosms-raw';

export class RawResponseProvider implements vscode.TextDocumentContentProvider {
  /** The text of each document while it is open (up to 64 K characters of an answer each): dropped when VS Code closes
   *  the document, so what was shown once is not held until Clear All. */
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  // Released when its last tab closes (VS Code may keep the closed document's model a long while) or when the
  // document is closed. Setting a document's language closes and reopens it (show() does), so the text is forgotten
  // only once no tab shows the URI and no document holds it.
  private readonly closing = vscode.Disposable.from(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === RAW_SCHEME) this.releaseLater(doc.uri.toString(), true);
    }),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const t of e.closed) {
        if (t.input instanceof vscode.TabInputText && t.input.uri.scheme === RAW_SCHEME)
          this.releaseLater(t.input.uri.toString(), false);
      }
    }),
  );

  private releaseLater(uri: string, documentClosed: boolean): void {
    setTimeout(() => {
      const tab = vscode.window.tabGroups.all.some((g) =>
        g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
      );
      const doc = documentClosed && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri);
      if (!tab && !doc) this.contents.delete(uri);
    }, 0);
  }

  /** How many documents' texts are held (the test surface reads it). */
  get held(): number {
    return this.contents.size;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** An opaque id per send ID + number: the tab title shows the number as the user wants it (masked or not), and two
   *  numbers that mask alike still get documents of their own. */
  private readonly ids = new Map<string, number>();

  async show(sendId: string, number: string, text: string): Promise<void> {
    const json = parseJson(splitNote(text).body) !== undefined;
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
    await vscode.languages.setTextDocumentLanguage(doc, json ? 'vairosms-json' : 'vairosms-text');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Format: the JSON of this document pretty-printed, in place (a comment line above it stays). */
  format(uri: vscode.Uri): boolean {
    const text = this.contents.get(uri.toString());
    if (text === undefined) return false;
    const { note, body } = splitNote(text);
    const value = parseJson(body);
    if (value === undefined) return false;
    const next = note + JSON.stringify(value, null, 2);
    if (next === text) return true;
    this.contents.set(uri.toString(), next);
    this.changed.fire(uri);
    return true;
  }

  /** Forgets every response shown (Clear All Recent Lookups). */
  forget(): void {
    this.contents.clear();
    this.ids.clear();
  }

  dispose(): void {
    this.closing.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}

/** The leading comment lines (the stored report's note, with their line breaks) and the rest. */
function splitNote(text: string): { note: string; body: string } {
  const note = /^(\/\/[^\n]*\n)*/.exec(text)?.[0] ?? '';
  return { note, body: text.slice(note.length) };
}

/** The parsed JSON, or undefined when it is not JSON (an answer is never the JSON `undefined`). */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
