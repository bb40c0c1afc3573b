// The language model tools (contributes.languageModelTools; the activation shell registers thin proxies with
// vscode.lm.registerTool): vairosms_lookUpReport, vairosms_lookUpSend and vairosms_explainStatus, for any chat agent
// and for other extensions through vscode.lm.invokeTool. Each runs the tool of src/core/tools/toolCalls.ts (the MCP server runs the same) and returns its text. A tool
// never opens a prompt (no key: it says how to set one), never returns the key, and leaves the SMS text out unless
// vairosms.tools.includeMessageText is on. Bad input and failed lookups come back as text, not as thrown errors.
import * as vscode from 'vscode';
import { ContextKeys, type ToolName } from '../constants';
import { maskPhone } from '../core/phone';
import {
  explainStatusTool,
  lookUpReportTool,
  lookUpSendTool,
  toolKey,
  toolSendId,
  type ToolHost,
} from '../core/tools/toolCalls';
import { type ToolTextOptions } from '../core/tools/toolText';
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
  const blocked = async (): Promise<string | undefined> => {
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

  const host: ToolHost = {
    lookUpReport: (key, signal) => deps.lookups.query(key, { signal }),
    lookUpSend: (sendId, signal) => deps.lookups.querySend(sendId, { signal }),
    blocked,
    options,
  };

  /** Runs a tool of core/tools/toolCalls.ts under the token's cancellation; the model reads its text. */
  const run = async (
    token: vscode.CancellationToken,
    call: (signal: AbortSignal) => Promise<{ text: string }>,
  ): Promise<vscode.LanguageModelToolResult> => {
    used();
    const s = signalOf(token);
    try {
      return text((await call(s.signal)).text);
    } finally {
      s.dispose();
    }
  };

  const shown = (n: string) => (settings.maskNumbers() ? maskPhone(n) : n);

  return {
    vairosms_lookUpReport: {
      prepareInvocation: (o) => {
        const k = toolKey(o.input);
        return {
          invocationMessage: k.ok
            ? vscode.l10n.t('Looking up {0} in send #{1}', shown(k.key.number), k.key.sendId)
            : vscode.l10n.t('Looking up a VairoSMS report'),
        };
      },
      invoke: (o, token) => run(token, (signal) => lookUpReportTool(o.input, host, signal)),
    },

    vairosms_lookUpSend: {
      prepareInvocation: (o) => {
        const c = toolSendId(o.input);
        return {
          invocationMessage: c.ok
            ? vscode.l10n.t('Looking up send #{0}', c.sendId)
            : vscode.l10n.t('Looking up a VairoSMS send'),
        };
      },
      invoke: (o, token) => run(token, (signal) => lookUpSendTool(o.input, host, signal)),
    },

    vairosms_explainStatus: {
      prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Explaining a VairoSMS status code') }),
      invoke: (o, token) => run(token, async () => explainStatusTool(o.input)),
    },
  };
}
