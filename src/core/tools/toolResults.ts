// The structured side of what the tools return: the same report, send and status the text of toolText.ts says, as
// plain JSON values (the MCP server's structuredContent, checked against the output schemas of src/mcp/schemas.ts).
// Provider text is quoted here as in the text (quoted()): a client may show these values to a model as they are.
import * as l10n from '@vscode/l10n';
import { diagnose, formatWhen } from '../send/diagnosis';
import { type LookupKey } from '../lookupKey';
import { maskPhone } from '../phone';
import { parseProviderTime } from '../providerTime';
import { type Report } from '../report/report';
import { describeStatus, type StatusGroup, type StatusInfo } from '../report/statuses';
import { describeSendState, type SendSummary } from '../send/endpoint';
import { oneLine, quoted, type ToolTextOptions } from './toolText';

/** A status code explained (vairosms_explainStatus, and the status of a report). */
export interface StatusResult {
  /** The documented code; '' when the report had none; an unknown code quoted as data («…»). */
  readonly status: string;
  readonly known: boolean;
  /** True once the status cannot change; false while it may (and for an unknown code). */
  readonly final: boolean;
  readonly group: StatusGroup;
  readonly label: string;
  readonly meaning: string;
  readonly nextStep: string;
}

/** A time as VairoSMS sent it (Turkey time), and in UTC when it reads as a time. */
interface TimeResult {
  readonly asSent: string;
  readonly utc?: string;
}

export interface SendResult {
  readonly sendId: string;
  readonly state: 'failed' | 'sending' | 'finished' | 'unknown';
  readonly stateLabel: string;
  readonly final: boolean;
  readonly meaning: string;
  readonly diagnosis?: { readonly id: string; readonly severity: 'error' | 'warning' | 'info'; readonly text: string };
  readonly sender?: string;
  readonly numbers?: number;
  readonly credits?: number;
  readonly createdAt?: TimeResult;
  readonly scheduledAt?: TimeResult;
  readonly finishedAt?: TimeResult;
  readonly validity?: string;
  readonly log?: string;
}

export interface ReportResult extends StatusResult {
  readonly sendId: string;
  readonly number: string;
  readonly createdAt?: TimeResult;
  readonly updatedAt?: TimeResult;
  /** From created to the last status change, in seconds. */
  readonly elapsedSeconds?: number;
  readonly parts?: number;
  readonly refund?: boolean;
  /** The SMS text, quoted; only with includeMessage (it can hold one-time codes). */
  readonly message?: string;
  readonly send?: SendResult;
  /** Why the send's summary is missing, when its lookup failed. */
  readonly sendError?: string;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function timeOf(value: string | undefined): TimeResult | undefined {
  if (value === undefined) return undefined;
  const at = parseProviderTime(value);
  return at === undefined ? { asSent: quoted(value) } : { asSent: oneLine(value), utc: new Date(at).toISOString() };
}

export function statusResult(info: StatusInfo): StatusResult {
  const named = info.known || info.code === '';
  return {
    status: named ? info.code : quoted(info.code),
    known: info.known,
    final: info.final === true,
    group: info.group,
    label: info.label,
    // An unknown code is data: describeStatus's meaning holds it as is, so it is said here as the text says it.
    meaning: named
      ? info.meaning
      : l10n.t('Not in the documented list; the code as VairoSMS sent it: {0}', quoted(info.code)),
    nextStep: info.nextStep,
  };
}

const STATES = { '-1': 'failed', '0': 'sending', '1': 'finished' } as const;

export function sendResult(sendId: string, s: SendSummary, status: string | undefined, o: ToolTextOptions): SendResult {
  const info = describeSendState(s.state);
  const d = diagnose({ status, summary: s, now: o.now, when: (t) => formatWhen(t, o.now, o.lang) });
  return defined({
    sendId,
    state: s.state === undefined ? 'unknown' : STATES[s.state],
    stateLabel: info.label,
    final: info.final === true,
    meaning: info.meaning,
    diagnosis: d ? { id: d.id, severity: d.severity, text: d.text } : undefined,
    sender: s.sender !== undefined ? quoted(s.sender) : undefined,
    numbers: s.numbers,
    credits: s.credits,
    createdAt: timeOf(s.createdAt),
    scheduledAt: timeOf(s.scheduledAt),
    finishedAt: timeOf(s.finishedAt),
    validity: s.validity !== undefined ? quoted(s.validity) : undefined,
    log: s.log !== undefined ? quoted(s.log) : undefined,
  });
}

export function reportResult(
  key: LookupKey,
  r: Report,
  o: ToolTextOptions,
  send?: { readonly summary: SendSummary } | { readonly error: string },
): ReportResult {
  const created = parseProviderTime(r.createdAt);
  const updated = parseProviderTime(r.updatedAt);
  return defined({
    sendId: key.sendId,
    number: o.mask ? maskPhone(key.number) : key.number,
    ...statusResult(describeStatus(r.status)),
    createdAt: timeOf(r.createdAt),
    updatedAt: timeOf(r.updatedAt),
    elapsedSeconds:
      created !== undefined && updated !== undefined && updated >= created
        ? Math.round((updated - created) / 1000)
        : undefined,
    parts: r.parts,
    refund: r.refund,
    message: o.includeMessage && r.message !== undefined ? quoted(r.message) : undefined,
    send: send && 'summary' in send ? sendResult(key.sendId, send.summary, r.status, o) : undefined,
    sendError: send && 'error' in send ? send.error : undefined,
  });
}
