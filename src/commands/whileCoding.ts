// Where the developer already is: a terminal link (the activation shell finds the links, src/core/match/terminalMatch.ts;
// this runs when one is activated) and the debugger's Variables view ("Look Up VairoSMS Report" on a variable of a
// stopped session). Both find the send ID and the number with the rules of Look Up Selection (src/core/match/selection.ts)
// and ask only for what they could not find.
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import { isKnownStatus } from '../core/report/statusCodes';
import { extractLookup, type Extracted } from '../core/match/selection';
import { explainStatus } from '../core/report/statuses';
import { showInfo } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { promptLookup } from './prompts';

/** What a terminal link carries (src/extension.ts builds it): for a lookup, the text of the link's own span, the
 *  underlined text, so the link looks up nothing else on the line. */
export type TerminalLinkData =
  { readonly kind: 'lookup'; readonly text: string } | { readonly kind: 'status'; readonly code: string };

/** The most of a variable's value or a line that is searched. */
const MAX_TEXT = 10_000;

async function lookUpFound(deps: CommandDeps, found: Extracted): Promise<unknown> {
  const target =
    found.sendId && found.number ? { sendId: found.sendId, number: found.number } : await promptLookup(found, found);
  if (!target || !(await ensureApiKey(deps.accounts, deps.log))) return undefined;
  return deps.panels.lookUp(target);
}

export async function followTerminalLink(deps: CommandDeps, data: TerminalLinkData): Promise<unknown> {
  void vscode.commands.executeCommand('setContext', ContextKeys.usedWhileCoding, true);
  if (data.kind === 'status') {
    if (isKnownStatus(data.code)) void showInfo(explainStatus(data.code));
    return undefined;
  }
  return lookUpFound(deps, extractLookup(data.text.slice(0, MAX_TEXT), { keyedOnly: true }));
}

interface DebugVariable {
  readonly name?: unknown;
  readonly value?: unknown;
  readonly evaluateName?: unknown;
}

/** JavaScript debuggers can hand an object over as JSON; others give their own rendering of the value. */
const JS_DEBUGGERS = new Set(['pwa-node', 'node', 'pwa-chrome', 'pwa-msedge', 'pwa-extensionHost', 'node-terminal']);

/** The text of the variable as the stopped frame sees it: its JSON (or the debugger's rendering) by its evaluateName. */
async function evaluated(v: DebugVariable): Promise<string | undefined> {
  const session = vscode.debug.activeDebugSession;
  if (!session || typeof v.evaluateName !== 'string' || v.evaluateName === '') return undefined;
  const item = vscode.debug.activeStackItem;
  const frameId = item instanceof vscode.DebugStackFrame && item.session.id === session.id ? item.frameId : undefined;
  const expression = JS_DEBUGGERS.has(session.type) ? `JSON.stringify(${v.evaluateName})` : v.evaluateName;
  try {
    const r = (await session.customRequest('evaluate', { expression, frameId, context: 'hover' })) as {
      result?: unknown;
    };
    if (typeof r?.result !== 'string') return undefined;
    // JSON.stringify's result comes back as a string literal: '"{\"sms_gonderim_id\":4711,…}"'.
    if (JS_DEBUGGERS.has(session.type) && /^["'].*["']$/s.test(r.result)) {
      try {
        const inner: unknown = JSON.parse(r.result.replace(/^'(.*)'$/s, (_, s: string) => JSON.stringify(s)));
        if (typeof inner === 'string') return inner;
      } catch {
        // not a plain literal: use it as the debugger showed it
      }
    }
    return r.result;
  } catch {
    return undefined; // the frame moved on, or the expression does not evaluate there
  }
}

export function registerWhileCoding(deps: CommandDeps): vscode.Disposable {
  return deps.commands.register(Commands.lookUpVariable, async (arg?: unknown) => {
    const v = ((arg && typeof arg === 'object' ? (arg as { variable?: unknown }).variable : undefined) ??
      {}) as DebugVariable;
    const name = typeof v.name === 'string' ? v.name.slice(0, 100) : '';
    const value = typeof v.value === 'string' ? v.value.slice(0, MAX_TEXT) : '';
    let found = extractLookup(name ? `${name}=${value}` : value);
    if (!(found.sendId && found.number)) {
      // An object shows as a summary ("{sms_gonderim_id: 4711, …}" or "Object"): ask the frame for all of it.
      const full = await evaluated(v);
      if (full !== undefined) {
        const more = extractLookup(full.slice(0, MAX_TEXT));
        found = { sendId: found.sendId ?? more.sendId, number: found.number ?? more.number };
      }
    }
    return lookUpFound(deps, found);
  });
}
