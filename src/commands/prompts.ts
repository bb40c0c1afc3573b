// The lookup prompts every command shares: the send ID step and the number step (with Back between them, validated
// as you type with the rules of src/core/lookupKey.ts, the number shown as it will be sent), and what prefills them:
// the editor selection, else the last lookup.
import * as vscode from 'vscode';
import { checkSendId, type LookupKey } from '../core/lookupKey';
import { normalizePhone, type PhoneResult } from '../core/phone';
import { extractLookup, type Extracted } from '../core/match/selection';
import { type HistoryStore } from '../services/historyStore';
import { BACK, error, info, inputStep } from './input';

/** Selections longer than this are not searched for a send ID and a number. */
const MAX_SELECTION = 10_000;

function numberHint(p: PhoneResult, typed: string): vscode.InputBoxValidationMessage | undefined {
  if (!p.ok) return error(p.message);
  const as =
    p.kind === 'turkish-mobile'
      ? vscode.l10n.t('Turkish mobile number')
      : p.kind === 'turkish'
        ? vscode.l10n.t('Turkish number')
        : vscode.l10n.t('other or international number, sent as digits only');
  return p.number !== typed.trim() || p.kind === 'other'
    ? info(vscode.l10n.t('Will be sent as {0} ({1}).', p.number, as))
    : undefined;
}

/** What the editor selection offers; nothing when there is no non-empty selection. */
function fromSelection(): Extracted {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return {};
  const text = editor.document.getText(editor.selection);
  return text.length > MAX_SELECTION ? {} : extractLookup(text);
}

/** The prefill of the prompts: the selection's send ID and number, else the last lookup's. */
export function prefill(history: HistoryStore, found: Extracted = fromSelection()): Extracted {
  const last = history.all()[0];
  return { sendId: found.sendId ?? last?.sendId, number: found.number ?? last?.number };
}

/** The send ID step. Resolves to the checked ID, or undefined on Esc. */
export async function promptSendId(options: {
  title: string;
  value?: string;
  step?: number;
  totalSteps?: number;
}): Promise<string | undefined> {
  const v = await inputStep({
    ...options,
    prompt: vscode.l10n.t('Send ID: the number VairoSMS returned when the SMS was sent (gönderim id).'),
    placeholder: vscode.l10n.t('for example 187'),
    validate: (s) => {
      const c = checkSendId(s);
      return c.ok ? undefined : error(c.message);
    },
  });
  if (typeof v !== 'string') return undefined;
  const c = checkSendId(v);
  return c.ok ? c.value : undefined;
}

/** Asks for whatever `known` lacks, with Back between the steps; `values` prefills the boxes. */
export async function promptLookup(values: Extracted, known: Extracted = {}): Promise<LookupKey | undefined> {
  let sendId = known.sendId;
  let number = known.number;
  const askId = sendId === undefined;
  const askNumber = number === undefined;
  const total = (askId ? 1 : 0) + (askNumber ? 1 : 0);
  const title = vscode.l10n.t('Look Up Number Report');
  for (let step = askId ? 0 : 1; step < 2;) {
    if (step === 0) {
      sendId = await promptSendId({ title, step: 1, totalSteps: total, value: sendId ?? values.sendId });
      if (sendId === undefined) return undefined;
      step = askNumber ? 1 : 2;
    } else {
      const v = await inputStep({
        title,
        step: total,
        totalSteps: total,
        canGoBack: askId,
        prompt: vscode.l10n.t('Phone number the SMS of send #{0} was sent to.', sendId ?? ''),
        placeholder: vscode.l10n.t('for example 0539 999 99 99 or 5399999999'),
        value: number ?? values.number,
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
