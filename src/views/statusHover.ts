// Hovering a durum_gonderim code in any file (PHP, TypeScript, a log line, JSON) explains it: meaning, final or
// pending, what to do next, the provider's own words, and a link to look up a report (prefilled when the same
// line names a send ID and a number). Only the hovered line is read; settings can turn it off or limit languages.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { statusCodeAt } from '../core/codeMatch';
import { extractLookup } from '../core/selection';
import { describeStatus } from '../core/statuses';
import { Disposable } from '../disposable';
import * as settings from './../services/settings';

/** Lines longer than this are not searched for a send ID and number (the code itself is still explained). */
const MAX_LINE_FOR_CONTEXT = 2000;

export class StatusHoverProvider extends Disposable implements vscode.HoverProvider {
  private enabled = true;
  private languages: ReadonlySet<string> | undefined;

  constructor() {
    super();
    this.read();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (settings.affects(e, 'hover')) this.read();
    }));
    this.register(vscode.languages.registerHoverProvider({ pattern: '**' }, this));
  }

  private read(): void {
    const c = settings.config();
    this.enabled = c.get<boolean>('hover.enabled', true) !== false;
    const langs = c.get<string[]>('hover.languages', ['*']);
    this.languages = !Array.isArray(langs) || langs.length === 0 || langs.includes('*') ? undefined : new Set(langs);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled || (this.languages && !this.languages.has(document.languageId))) return undefined;
    const line = document.lineAt(position.line).text;
    const at = statusCodeAt(line, position.character);
    if (!at) return undefined;
    const info = describeStatus(at.code);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [Commands.lookUpReport] };
    md.supportHtml = false;
    md.appendMarkdown(`$(${iconFor(info.group)}) **`).appendText(`${info.code} · ${info.label}`).appendMarkdown('**  \n');
    md.appendMarkdown('*').appendText(info.finality).appendMarkdown('*\n\n');
    md.appendText(info.meaning).appendMarkdown('\n\n');
    md.appendMarkdown('**').appendText(vscode.l10n.t('What to do next')).appendMarkdown(':** ').appendText(info.nextStep).appendMarkdown('\n\n');
    if (info.providerText) {
      md.appendMarkdown('**').appendText(vscode.l10n.t('VairoSMS documentation (Turkish)')).appendMarkdown(':** ').appendText(info.providerText).appendMarkdown('\n\n');
    }
    const found = line.length <= MAX_LINE_FOR_CONTEXT ? extractLookup(line) : {};
    const args = found.sendId && found.number ? [found.sendId, found.number] : undefined;
    const link = `command:${Commands.lookUpReport}${args ? `?${encodeURIComponent(JSON.stringify(args))}` : ''}`;
    const label = args
      ? vscode.l10n.t('Look up {0} in send {1}', found.number ?? '', found.sendId ?? '')
      : vscode.l10n.t('Look Up Number Report…');
    md.appendMarkdown(`---\n\n[$(search) ${escapeLinkText(label)}](${link} "${escapeTitle(label)}")`);
    return new vscode.Hover(md, new vscode.Range(position.line, at.start, position.line, at.end));
  }
}

function iconFor(group: string): string {
  return group === 'delivered' ? 'pass' : group === 'failed' ? 'error' : group === 'pending' ? 'clock' : group === 'unconfirmed' ? 'check' : 'question';
}

function escapeLinkText(s: string): string {
  return s.replace(/[\\[\]()*_`]/g, (c) => `\\${c}`);
}

function escapeTitle(s: string): string {
  return s.replace(/["\\]/g, '');
}
