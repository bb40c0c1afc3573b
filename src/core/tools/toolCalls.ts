// The three tools, once, for both front ends: the language model tools (src/commands/tools.ts, text only) and the MCP
// server (src/mcp/, text and structuredContent). Each takes the tool's input as it came (unknown: a model wrote it),
// checks it with the prompts' rules, asks the injected lookups, and returns the text of toolText.ts with the
// structured result of toolResults.ts. A failure is an outcome with isError, in the words of the error catalogue
// (core/api/errors.ts): never a throw, never the key.
import * as l10n from '@vscode/l10n';
import { describeError, type LookupError } from '../api/errors';
import { checkSendId, parseKeyArgs, type LookupKey } from '../lookupKey';
import { maskPhone } from '../phone';
import { type LookupResult } from '../report/endpoint';
import { describeStatus } from '../report/statuses';
import { type SummaryResult } from '../send/endpoint';
import {
  reportResult,
  sendResult,
  statusResult,
  type ReportResult,
  type SendResult,
  type StatusResult,
} from './toolResults';
import { errorText, reportText, statusText, summaryText, type ToolTextOptions } from './toolText';

export interface ToolOutcome<S> {
  readonly text: string;
  /** Set on success only. */
  readonly structured?: S;
  readonly isError: boolean;
}

/** What the tools ask of their host: the lookups, and whether one can run at all (a key to use). */
export interface ToolHost {
  readonly lookUpReport: (key: LookupKey, signal?: AbortSignal) => Promise<LookupResult>;
  readonly lookUpSend: (sendId: string, signal?: AbortSignal) => Promise<SummaryResult>;
  /** Undefined when a lookup can run; else the text that says what is missing and how to fix it (no key stored,
   *  VAIROSMS_API_KEY not set, the keyring unavailable). */
  readonly blocked: () => Promise<string | undefined>;
  readonly options: () => ToolTextOptions;
}

const failure = (text: string): ToolOutcome<never> => ({ text, isError: true });

/** Bad input: the rule it broke, then the catalogue's next step for invalid input. */
function badInput(reason: string, verb: 'lookup' | 'explain'): ToolOutcome<never> {
  const first = verb === 'lookup' ? l10n.t('Not looked up: {0}', reason) : reason;
  return failure(`${first}\n${describeError({ kind: 'input' }).action}`);
}

const stringOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;
const field = (input: unknown, name: string): unknown =>
  input && typeof input === 'object' ? (input as Record<string, unknown>)[name] : undefined;

/** `{ sendId, number }` checked as the prompts check them: the number in any form they accept. */
export function toolKey(input: unknown): { ok: true; key: LookupKey } | { ok: false; message: string } {
  const k = parseKeyArgs(field(input, 'sendId'), field(input, 'number'));
  if (!k.ok) return { ok: false, message: k.message };
  if (!k.sendId) return { ok: false, message: l10n.t('The input needs "sendId": the digits of the send ID.') };
  if (!k.number)
    return { ok: false, message: l10n.t('The input needs "number": the phone number the SMS was sent to.') };
  return { ok: true, key: { sendId: k.sendId, number: k.number } };
}

/** `{ sendId }` checked as the prompt checks it. */
export function toolSendId(input: unknown): { ok: true; sendId: string } | { ok: false; message: string } {
  const c = checkSendId(stringOf(field(input, 'sendId')) ?? '');
  return c.ok ? { ok: true, sendId: c.value } : { ok: false, message: c.message };
}

function failed(what: string, error: LookupError): ToolOutcome<never> {
  return failure(errorText(what, error));
}

export async function lookUpReportTool(
  input: unknown,
  host: ToolHost,
  signal?: AbortSignal,
): Promise<ToolOutcome<ReportResult>> {
  const k = toolKey(input);
  if (!k.ok) return badInput(k.message, 'lookup');
  const missing = await host.blocked();
  if (missing) return failure(missing);
  const [report, summary] = await Promise.all([
    host.lookUpReport(k.key, signal),
    host.lookUpSend(k.key.sendId, signal),
  ]);
  const o = host.options();
  if (!report.ok) {
    const number = o.mask ? maskPhone(k.key.number) : k.key.number;
    return failed(l10n.t('The report of {0} in send #{1} could not be looked up:', number, k.key.sendId), report.error);
  }
  return {
    text: reportText(k.key, report.report, o, summary),
    structured: reportResult(
      k.key,
      report.report,
      o,
      summary.ok ? { summary: summary.summary } : { error: describeError(summary.error).title },
    ),
    isError: false,
  };
}

export async function lookUpSendTool(
  input: unknown,
  host: ToolHost,
  signal?: AbortSignal,
): Promise<ToolOutcome<SendResult>> {
  const c = toolSendId(input);
  if (!c.ok) return badInput(c.message, 'lookup');
  const missing = await host.blocked();
  if (missing) return failure(missing);
  const r = await host.lookUpSend(c.sendId, signal);
  if (!r.ok) return failed(l10n.t('The summary of send #{0} could not be looked up:', c.sendId), r.error);
  const o = host.options();
  return {
    text: summaryText(c.sendId, r.summary, undefined, o),
    structured: sendResult(c.sendId, r.summary, undefined, o),
    isError: false,
  };
}

/** No request: the glossary entry of a status code. */
export function explainStatusTool(input: unknown): ToolOutcome<StatusResult> {
  const code = field(input, 'code');
  if (typeof code !== 'string' || code.trim() === '')
    return badInput(l10n.t('Not explained: the input needs "code", e.g. "DELIVERED".'), 'explain');
  const info = describeStatus(code.slice(0, 100));
  return { text: statusText(info), structured: statusResult(info), isError: false };
}
