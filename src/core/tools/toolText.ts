// What the language model tools return: plain text a model can use, in the user's language, made from the same core
// values the panels draw (the report, the status catalog, the send summary and its diagnosis). Text that came from
// VairoSMS (the provider's error sentence, the SMS text, unknown field values) is quoted and labelled as data, so a
// model does not read it as instructions. The API key is never an input here.
import * as l10n from '@vscode/l10n';
import { diagnose, formatWhen } from '../send/diagnosis';
import { cutText } from '../api/caps';
import { describeError, type LookupError } from '../api/errors';
import { type LookupKey } from '../lookupKey';
import { maskPhone } from '../phone';
import { formatDuration, parseProviderTime } from '../providerTime';
import { formatNumber } from '../numbers';
import { type Report } from '../report/report';
import { describeSendState, validityEnd, type SendSummary } from '../send/endpoint';
import { describeStatus, type StatusInfo } from '../report/statuses';

export interface ToolTextOptions {
  readonly lang: string;
  readonly now: number;
  /** vairosms.maskNumbers */
  readonly mask: boolean;
  /** vairosms.tools.includeMessageText: the SMS text can hold one-time codes, so it is left out unless this is on. */
  readonly includeMessage: boolean;
}

/** Line and paragraph separators, every control character (C0, C1: CR, LF, NEL…) and every format character (Cf:
 *  the bidirectional controls that can reorder what a reader sees, zero-width characters, and the invisible tag
 *  characters U+E0000–E007F that can carry text a model reads and a person reviewing the result does not see). */
const BREAKS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/** A value from outside on one line, without its invisible characters, unquoted: for a value already known to be
 *  harmless in shape (a provider time that parses, which may still carry line breaks around it). */
export function oneLine(text: string): string {
  return text.replace(BREAKS, ' ').trim();
}

/** A value from VairoSMS (or any text from outside) as data inside our text: on one line (every separator and control
 *  character flattened to a space), inside « » that it cannot close (its own « » become ‹ ›), at most 500 characters.
 *  Whatever the provider writes, it cannot end the quote and go on as a sentence of ours. The MCP server's results
 *  use it too. */
export function quoted(text: string): string {
  const flat = text.replace(BREAKS, ' ').replace(/«/g, '‹').replace(/»/g, '›');
  return `«${cutText(flat, 500)}»`;
}

function time(label: string, value: string | undefined, o: ToolTextOptions): string | undefined {
  if (value === undefined) return undefined;
  const at = parseProviderTime(value);
  return at === undefined
    ? `${label}: ${quoted(value)}`
    : l10n.t(
        '{0}: {1} Turkey time (UTC+3, assumed), {2} in your time zone',
        label,
        oneLine(value),
        formatWhen(at, o.now, o.lang),
      );
}

/** The glossary entry of a status code: what it means, whether it is final, what to do next. No request. */
export function statusText(info: StatusInfo): string {
  const lines = [
    info.code === ''
      ? l10n.t('No status (durum_gonderim is empty).')
      : info.known
        ? l10n.t('Status {0}: {1}.', info.code, info.label)
        : l10n.t('Status {0} is not one VairoSMS documents.', quoted(info.code)),
    // An unknown code is named as data, never inside a sentence of ours (describeStatus's meaning holds it as is).
    info.known || info.code === ''
      ? l10n.t('Meaning: {0}', info.meaning)
      : l10n.t('Meaning: not in the documented list; the code as VairoSMS sent it: {0}', quoted(info.code)),
    l10n.t('Final or pending: {0}', info.finality),
    l10n.t('What to do next: {0}', info.nextStep),
  ];
  if (info.providerText) lines.push(l10n.t("VairoSMS's documentation (Turkish): {0}", quoted(info.providerText)));
  return lines.join('\n');
}

/** The send summary as text, with the diagnosis when the number's status and the summary say something together. */
export function summaryText(sendId: string, s: SendSummary, status: string | undefined, o: ToolTextOptions): string {
  const state = describeSendState(s.state);
  const lines = [
    l10n.t('Send {0}: {1}. {2}', sendId, state.label, state.meaning),
    s.sender !== undefined ? l10n.t('Sender header: {0}', quoted(s.sender)) : undefined,
    s.numbers !== undefined ? l10n.t('Numbers in the send: {0}', formatNumber(s.numbers, o.lang)) : undefined,
    s.credits !== undefined ? l10n.t('Credits used: {0}', formatNumber(s.credits, o.lang)) : undefined,
    time(l10n.t('Created'), s.createdAt, o),
    time(l10n.t('Scheduled for'), s.scheduledAt, o),
    time(l10n.t('Finished at'), s.finishedAt, o),
    s.validity !== undefined ? l10n.t('Validity: {0}', quoted(s.validity)) : undefined,
  ];
  const end = validityEnd(s);
  if (end !== undefined) lines.push(l10n.t('The validity ends at {0}.', formatWhen(end, o.now, o.lang)));
  if (s.log !== undefined) lines.push(l10n.t('Log of the failed send, as VairoSMS sent it: {0}', quoted(s.log)));
  const d = diagnose({ status, summary: s, now: o.now, when: (t) => formatWhen(t, o.now, o.lang) });
  if (d) lines.push(l10n.t('Diagnosis: {0}', d.text));
  return lines.filter((l): l is string => l !== undefined).join('\n');
}

/** A number's report as text: the key, the status explained, the times, the send's summary when it is known. */
export function reportText(
  key: LookupKey,
  r: Report,
  o: ToolTextOptions,
  summary?: { readonly ok: true; readonly summary: SendSummary } | { readonly ok: false; readonly error: LookupError },
): string {
  const number = o.mask ? maskPhone(key.number) : key.number;
  const lines: Array<string | undefined> = [
    l10n.t('VairoSMS report of {0} in send #{1}.', number, key.sendId),
    statusText(describeStatus(r.status)),
    time(l10n.t('Created'), r.createdAt, o),
    time(l10n.t('Last status change'), r.updatedAt, o),
  ];
  const created = parseProviderTime(r.createdAt);
  const updated = parseProviderTime(r.updatedAt);
  if (created !== undefined && updated !== undefined && updated >= created)
    lines.push(l10n.t('Time from creation to the last change: {0}', formatDuration(updated - created, o.lang)));
  if (r.parts !== undefined) lines.push(l10n.t('Message parts: {0}', r.parts));
  if (r.refund !== undefined) lines.push(l10n.t('Refund flag (durum_iade): {0}', r.refund ? '1' : '0'));
  if (o.includeMessage && r.message !== undefined)
    lines.push(l10n.t('Message text, as VairoSMS sent it: {0}', quoted(r.message)));
  else if (r.message !== undefined)
    lines.push(
      l10n.t(
        'The message text is left out (it can hold one-time codes; the setting vairosms.tools.includeMessageText).',
      ),
    );
  if (summary?.ok) lines.push('', summaryText(key.sendId, summary.summary, r.status, o));
  else if (summary)
    lines.push('', l10n.t("The send's summary could not be looked up: {0}", describeError(summary.error).title));
  return lines.filter((l): l is string => l !== undefined).join('\n');
}

/** A failed lookup as text: what happened and what to do, the provider's own words quoted as data. */
export function errorText(what: string, error: LookupError): string {
  const d = describeError(error);
  const lines = [`${what} ${d.title}.`, d.message, d.action];
  if (d.providerText) lines.push(l10n.t('VairoSMS said: {0}', quoted(d.providerText)));
  return lines.filter((l) => l !== '').join('\n');
}
