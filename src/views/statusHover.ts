// Hovering a durum_gonderim code in any file (PHP, TypeScript, a log line, JSON) explains it: meaning, final or
// pending, what to do next, the provider's own words, and a link to look up a report (prefilled when the same
// line names a send ID and a number). The shell finds the code (only the hovered line, whole words, settings);
// this builds the explanation.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { type CodeAt } from '../core/match/codeMatch';
import { extractLookup } from '../core/match/selection';
import { describeStatus, STATUS_ICONS } from '../core/report/statuses';

/** Lines longer than this are not searched for a send ID and number (the code itself is still explained). */
const MAX_LINE_FOR_CONTEXT = 2000;

/** The hover for a code the activation shell found under the cursor (src/extension.ts does the cheap part). */
export function statusHover(line: string, position: vscode.Position, at: CodeAt): vscode.Hover {
  const info = describeStatus(at.code);
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [Commands.lookUpReport] };
  md.supportHtml = false;
  md.appendMarkdown(`$(${STATUS_ICONS[info.group].codicon}) **`)
    .appendText(`${info.code} · ${info.label}`)
    .appendMarkdown('**  \n');
  md.appendMarkdown('*').appendText(info.finality).appendMarkdown('*\n\n');
  md.appendText(info.meaning).appendMarkdown('\n\n');
  md.appendMarkdown('**')
    .appendText(vscode.l10n.t('What to do next'))
    .appendMarkdown(':** ')
    .appendText(info.nextStep)
    .appendMarkdown('\n\n');
  if (info.providerText) {
    md.appendMarkdown('**')
      .appendText(vscode.l10n.t('VairoSMS documentation (Turkish)'))
      .appendMarkdown(':** ')
      .appendText(info.providerText)
      .appendMarkdown('\n\n');
  }
  const found = line.length <= MAX_LINE_FOR_CONTEXT ? extractLookup(line) : {};
  const args = found.sendId && found.number ? [found.sendId, found.number] : undefined;
  const link = `command:${Commands.lookUpReport}${args ? `?${encodeURIComponent(JSON.stringify(args))}` : ''}`;
  const label = args
    ? vscode.l10n.t('Look up {0} in send #{1}', found.number ?? '', found.sendId ?? '')
    : vscode.l10n.t('Look Up Number Report…');
  md.appendMarkdown(`---\n\n[$(search) ${escapeLinkText(label)}](${link} "${escapeTitle(label)}")`);
  return new vscode.Hover(md, new vscode.Range(position.line, at.start, position.line, at.end));
}

function escapeLinkText(s: string): string {
  return s.replace(/[\\[\]()*_`]/g, (c) => `\\${c}`);
}

function escapeTitle(s: string): string {
  return s.replace(/["\\]/g, '');
}
