// Where the developer already is: a terminal link (the activation shell finds the links, src/core/match/terminalMatch.ts;
// this runs when one is activated) and the debugger's Variables view ("Look Up VairoSMS Report" on a variable of a
// stopped session, read with the adapter's `variables` requests, never by evaluating code in the debuggee). Both find
// the send ID and the number with the rules of Look Up Selection (src/core/match/selection.ts) and ask only for what
// they could not find.
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
  readonly variablesReference?: unknown;
  readonly presentationHint?: { readonly lazy?: unknown };
}

/** How far the variable's children are read: levels below it, variables in all, and the time for all requests. */
const MAX_DEPTH = 3;
const MAX_VARIABLES = 300;
const WALK_MS = 3000;

/** The variable's children as the debug adapter lists them (`variables` requests, as the Variables view expands a
 *  node), one `name=value` line each, breadth first within MAX_DEPTH, MAX_VARIABLES and MAX_TEXT. Nothing is
 *  evaluated in the debuggee: no expression, no JSON.stringify, so no getter, toJSON or Proxy trap of its code runs;
 *  a lazy child (a getter the adapter would call to show) is named but never expanded. */
async function childrenText(session: vscode.DebugSession, reference: number): Promise<string> {
  const lines: string[] = [];
  let length = 0;
  let read = 0;
  let queue: number[] = [reference];
  const deadline = Date.now() + WALK_MS;
  for (let depth = 0; depth < MAX_DEPTH && queue.length > 0; depth++) {
    const next: number[] = [];
    for (const ref of queue) {
      if (read >= MAX_VARIABLES || length >= MAX_TEXT || Date.now() > deadline) return lines.join('\n');
      const children = await variablesOf(session, ref, deadline);
      for (const c of children.slice(0, MAX_VARIABLES - read)) {
        read++;
        const name = typeof c.name === 'string' ? c.name.slice(0, 100) : '';
        const value = typeof c.value === 'string' ? c.value.slice(0, 1000) : '';
        const line = `${name}=${value}`;
        lines.push(line);
        length += line.length + 1;
        const lazy = c.presentationHint?.lazy === true;
        if (!lazy && typeof c.variablesReference === 'number' && c.variablesReference > 0)
          next.push(c.variablesReference);
      }
    }
    queue = next;
  }
  return lines.join('\n');
}

/** One `variables` request; nothing when the session ended, the frame moved on or the adapter is slow. */
async function variablesOf(
  session: vscode.DebugSession,
  variablesReference: number,
  deadline: number,
): Promise<DebugVariable[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = (await Promise.race([
      session.customRequest('variables', { variablesReference }),
      new Promise<undefined>(
        (resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()))),
      ),
    ])) as { variables?: unknown } | undefined;
    return Array.isArray(answer?.variables)
      ? answer.variables.filter((v): v is DebugVariable => !!v && typeof v === 'object')
      : [];
  } catch {
    return [];
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The session the Variables view's menu was opened in (its context names it), else the active one. */
function sessionOf(arg: unknown): vscode.DebugSession | undefined {
  const active = vscode.debug.activeDebugSession;
  const id = arg && typeof arg === 'object' ? (arg as { sessionId?: unknown }).sessionId : undefined;
  return typeof id !== 'string' || active?.id === id ? active : undefined;
}

export function registerWhileCoding(deps: CommandDeps): vscode.Disposable {
  return deps.commands.register(Commands.lookUpVariable, async (arg?: unknown) => {
    const v = ((arg && typeof arg === 'object' ? (arg as { variable?: unknown }).variable : undefined) ??
      {}) as DebugVariable;
    const name = typeof v.name === 'string' ? v.name.slice(0, 100) : '';
    const value = typeof v.value === 'string' ? v.value.slice(0, MAX_TEXT) : '';
    let found = extractLookup(name ? `${name}=${value}` : value);
    const session = sessionOf(arg);
    if (
      !(found.sendId && found.number) &&
      session &&
      typeof v.variablesReference === 'number' &&
      v.variablesReference > 0
    ) {
      // An object shows as a summary ("{sms_gonderim_id: 4711, …}" or "Object"): read its fields as the adapter lists
      // them, evaluating nothing.
      const more = extractLookup(await childrenText(session, v.variablesReference));
      found = { sendId: found.sendId ?? more.sendId, number: found.number ?? more.number };
    }
    return lookUpFound(deps, found);
  });
}
