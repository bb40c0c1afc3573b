// VairoSMS: Look Up Number Report… — asks for the send ID and the number (validated as you type, the number shown
// as it will be sent), prefilled from the editor selection or the last lookup. Called by code with
// (sendId, number) it asks nothing. Without a key it asks for one first and then goes on.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { normalizePhone, type PhoneResult } from '../core/phone';
import { checkSendId } from '../core/request';
import { extractLookup, type Extracted } from '../core/selection';
import { type ApiKeyStore, KeyringError } from '../services/apiKey';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { type LookupOutcome, type ReportController } from '../views/reportController';
import { promptForApiKey, showKeyringError } from './apiKey';
import { BACK, error, info, inputStep } from './input';
import { type CommandTable } from './table';

export interface LookupDeps {
  readonly commands: CommandTable;
  readonly keys: ApiKeyStore;
  readonly history: HistoryStore;
  readonly reports: ReportController;
  readonly log: Log;
}

export function numberHint(p: PhoneResult, typed: string): vscode.InputBoxValidationMessage | undefined {
  if (!p.ok) return error(p.message);
  const as =
    p.kind === 'turkish-mobile'
      ? vscode.l10n.t('Turkish mobile number')
      : p.kind === 'turkish'
        ? vscode.l10n.t('Turkish number')
        : vscode.l10n.t('other or international number, sent as entered');
  return p.number !== typed.trim() || p.kind === 'other'
    ? info(vscode.l10n.t('Will be sent as {0} ({1}).', p.number, as))
    : undefined;
}

/** What the editor selection offers; nothing when there is no non-empty selection. */
export function fromSelection(): Extracted {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return {};
  const text = editor.document.getText(editor.selection);
  return text.length > 10_000 ? {} : extractLookup(text);
}

/** Asks for whatever `known` lacks (both when `askAll`), with Back between the steps. */
export async function promptLookup(
  prefill: Extracted,
  known: Extracted = {},
): Promise<{ sendId: string; number: string } | undefined> {
  let sendId = known.sendId;
  let number = known.number;
  const askId = sendId === undefined;
  const askNumber = number === undefined;
  const total = (askId ? 1 : 0) + (askNumber ? 1 : 0);
  const title = vscode.l10n.t('Look Up Number Report');
  for (let step = askId ? 0 : 1; step < 2;) {
    if (step === 0) {
      const v = await inputStep({
        title,
        step: 1,
        totalSteps: total,
        prompt: vscode.l10n.t('Send ID: the number VairoSMS returned when the SMS was sent (gönderim id).'),
        placeholder: vscode.l10n.t('for example 187'),
        value: sendId ?? prefill.sendId,
        validate: (s) => {
          const c = checkSendId(s);
          return c.ok ? undefined : error(c.message);
        },
      });
      if (typeof v !== 'string') return undefined;
      sendId = (checkSendId(v) as { value: string }).value;
      step = askNumber ? 1 : 2;
    } else {
      const v = await inputStep({
        title,
        step: total,
        totalSteps: total,
        canGoBack: askId,
        prompt: vscode.l10n.t('Phone number the SMS was sent to, in send {0}.', sendId ?? ''),
        placeholder: vscode.l10n.t('for example 0539 999 99 99 or 5399999999'),
        value: number ?? prefill.number,
        validate: (s) => numberHint(normalizePhone(s), s),
      });
      if (v === BACK) {
        step = 0;
        continue;
      }
      if (typeof v !== 'string') return undefined;
      const p = normalizePhone(v);
      if (!p.ok) return undefined;
      number = p.number;
      step = 2;
    }
  }
  return sendId && number ? { sendId, number } : undefined;
}

/** Makes sure a key is stored, asking for it if not. False when the user declined or the keyring failed. */
export async function ensureApiKey(deps: LookupDeps): Promise<boolean> {
  try {
    if (await deps.keys.get()) return true;
  } catch (e) {
    if (e instanceof KeyringError) {
      showKeyringError();
      return false;
    }
    throw e;
  }
  return promptForApiKey(
    deps.keys,
    deps.log,
    vscode.l10n.t("A VairoSMS API key is needed for lookups. Paste it here; it is kept in VS Code's secret storage."),
  );
}

function argString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;
}

export function registerLookUpReport(deps: LookupDeps): vscode.Disposable {
  return deps.commands.register(
    Commands.lookUpReport,
    async (arg1?: unknown, arg2?: unknown): Promise<LookupOutcome | undefined> => {
      let known: Extracted = {};
      let a = arg1;
      let b = arg2;
      if (Array.isArray(a)) {
        // A keybinding's "args": [sendId, number] arrives as one argument.
        [a, b] = a as unknown[];
      } else if (a && typeof a === 'object') {
        const o = a as { sendId?: unknown; number?: unknown };
        a = o.sendId;
        b = o.number;
      }
      const givenId = argString(a);
      const givenNumber = argString(b);
      if (givenId !== undefined) {
        const c = checkSendId(givenId);
        if (!c.ok) {
          void vscode.window.showErrorMessage(c.message);
          return { ok: false, error: 'input' };
        }
        known = { ...known, sendId: c.value };
      }
      if (givenNumber !== undefined) {
        const p = normalizePhone(givenNumber);
        if (!p.ok) {
          void vscode.window.showErrorMessage(p.message);
          return { ok: false, error: 'input' };
        }
        known = { ...known, number: p.number };
      }
      let target: { sendId: string; number: string } | undefined;
      if (known.sendId && known.number) target = { sendId: known.sendId, number: known.number };
      else {
        const last = deps.history.all()[0];
        const sel = fromSelection();
        const prefill = { sendId: sel.sendId ?? last?.sendId, number: sel.number ?? last?.number };
        target = await promptLookup(prefill, known);
      }
      if (!target) return undefined; // Esc: cancel quietly
      if (!(await ensureApiKey(deps))) return undefined;
      return deps.reports.run(target);
    },
  );
}
