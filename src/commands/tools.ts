// The language model tools (contributes.languageModelTools; the activation shell registers thin proxies with
// vscode.lm.registerTool): vairosms_lookUpReport, vairosms_lookUpSend and vairosms_explainStatus, for any chat agent
// and for other extensions through vscode.lm.invokeTool. Each returns plain text made by src/core/tools/toolText.ts. A tool
// never opens a prompt (no key: it says how to set one), never returns the key, and leaves the SMS text out unless
// vairosms.tools.includeMessageText is on. Bad input and failed lookups come back as text, not as thrown errors.
import * as vscode from 'vscode';
import { ContextKeys, type ToolName } from '../constants';
import { checkSendId, parseKeyArgs, type LookupKey } from '../core/lookupKey';
import { maskPhone } from '../core/phone';
import { describeStatus } from '../core/report/statuses';
import { errorText, reportText, statusText, summaryText, type ToolTextOptions } from '../core/tools/toolText';
import { KeyringError } from '../services/accounts';
import * as settings from '../services/settings';
import { type CommandDeps } from './deps';

export type Tools = Record<ToolName, vscode.LanguageModelTool<unknown>>;

const text = (t: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(t)]);

function options(): ToolTextOptions {
  return {
    lang: vscode.env.language,
    now: Date.now(),
    mask: settings.maskNumbers(),
    includeMessage: settings.toolsIncludeMessageText(),
  };
}

/** The token's cancellation as an AbortSignal for the lookup service. */
function signalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const c = new AbortController();
  if (token.isCancellationRequested) c.abort();
  const sub = token.onCancellationRequested(() => c.abort());
  return { signal: c.signal, dispose: () => sub.dispose() };
}

export function createTools(deps: CommandDeps): Tools {
  const used = () => void vscode.commands.executeCommand('setContext', ContextKeys.usedWhileCoding, true);

  /** Undefined when a key is there; else the text that tells the user what to do (a tool never prompts). */
  const noKey = async (): Promise<string | undefined> => {
    try {
      if (await deps.accounts.get()) return undefined;
    } catch (e) {
      if (!(e instanceof KeyringError)) throw e;
      return vscode.l10n.t(
        "VS Code's secret storage is not available, so the VairoSMS API key cannot be read. Fix the keyring of this machine, then try again.",
      );
    }
    return vscode.l10n.t(
      'No VairoSMS API key is stored. Ask the user to run "VairoSMS: Set API Key…" (or "VairoSMS: Add Account…") from the Command Palette, then try again.',
    );
  };

  const keyOf = (input: unknown): { ok: true; key: LookupKey } | { ok: false; message: string } => {
    const o = input && typeof input === 'object' ? (input as { sendId?: unknown; number?: unknown }) : {};
    const k = parseKeyArgs(o.sendId, o.number);
    if (!k.ok) return { ok: false, message: k.message };
    if (!k.sendId) return { ok: false, message: vscode.l10n.t('The input needs "sendId": the digits of the send ID.') };
    if (!k.number)
      return { ok: false, message: vscode.l10n.t('The input needs "number": the phone number the SMS was sent to.') };
    return { ok: true, key: { sendId: k.sendId, number: k.number } };
  };

  const shown = (n: string) => (settings.maskNumbers() ? maskPhone(n) : n);

  return {
    vairosms_lookUpReport: {
      prepareInvocation: (o) => {
        const k = keyOf(o.input);
        return {
          invocationMessage: k.ok
            ? vscode.l10n.t('Looking up {0} in send #{1}', shown(k.key.number), k.key.sendId)
            : vscode.l10n.t('Looking up a VairoSMS report'),
        };
      },
      invoke: async (o, token) => {
        used();
        const k = keyOf(o.input);
        if (!k.ok) return text(vscode.l10n.t('Not looked up: {0}', k.message));
        const missing = await noKey();
        if (missing) return text(missing);
        const s = signalOf(token);
        try {
          const [report, summary] = await Promise.all([
            deps.lookups.query(k.key, { signal: s.signal }),
            deps.lookups.querySend(k.key.sendId, { signal: s.signal }),
          ]);
          if (!report.ok) {
            return text(
              errorText(
                vscode.l10n.t(
                  'The report of {0} in send #{1} could not be looked up:',
                  shown(k.key.number),
                  k.key.sendId,
                ),
                report.error,
              ),
            );
          }
          return text(reportText(k.key, report.report, options(), summary));
        } finally {
          s.dispose();
        }
      },
    },

    vairosms_lookUpSend: {
      prepareInvocation: (o) => {
        const c = checkSendId(String((o.input as { sendId?: unknown } | undefined)?.sendId ?? ''));
        return {
          invocationMessage: c.ok
            ? vscode.l10n.t('Looking up send #{0}', c.value)
            : vscode.l10n.t('Looking up a VairoSMS send'),
        };
      },
      invoke: async (o, token) => {
        used();
        const raw = (o.input as { sendId?: unknown } | undefined)?.sendId;
        const c = checkSendId(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '');
        if (!c.ok) return text(vscode.l10n.t('Not looked up: {0}', c.message));
        const missing = await noKey();
        if (missing) return text(missing);
        const s = signalOf(token);
        try {
          const r = await deps.lookups.querySend(c.value, { signal: s.signal });
          return text(
            r.ok
              ? summaryText(c.value, r.summary, undefined, options())
              : errorText(vscode.l10n.t('The summary of send #{0} could not be looked up:', c.value), r.error),
          );
        } finally {
          s.dispose();
        }
      },
    },

    vairosms_explainStatus: {
      prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Explaining a VairoSMS status code') }),
      invoke: async (o) => {
        used();
        const code = (o.input as { code?: unknown } | undefined)?.code;
        if (typeof code !== 'string' || code.trim() === '')
          return text(vscode.l10n.t('Not explained: the input needs "code", e.g. "DELIVERED".'));
        return text(statusText(describeStatus(code.slice(0, 100))));
      },
    },
  };
}
