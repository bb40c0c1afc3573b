// The send's part of a panel's view model: the summary as labelled fields, its state as a badge with the same
// tooltip as a status, its failure as a short error of its own, and the diagnosis line that reads the number's
// report and the summary together; and the send page's whole model (sendModel). Every string localized; the webview
// renders it as text.
import * as l10n from '@vscode/l10n';
import { diagnose, formatWhen } from './diagnosis';
import { describeError } from '../api/errors';
import { isOfAccount, type HistoryEntry } from '../history/history';
import { shownNumber } from '../lookupKey';
import { parseProviderTime } from '../providerTime';
import { relativeTime } from '../providerTime';
import { statusView, strings } from '../report/reportModel';
import { describeStatus } from '../report/statuses';
import { describeSendState, validityEnd, type SendSummary, type SummaryResult } from './endpoint';
import { type DiagnosisView, type FieldView, type SendView, type StatusView } from '../../shared/protocol/parts';
import { type SendModel } from '../../shared/protocol/send';
import { formatNumber } from '../numbers';

/** What a panel knows of its send's summary: nothing yet, being fetched, or the last result. */
export type SummaryState =
  | { readonly state: 'loading' }
  | { readonly state: 'done'; readonly result: SummaryResult; readonly checkedAt: number };

export interface SendContext {
  readonly lang: string;
  readonly now: number;
}

/** The send state (paket_durum) as a badge: the same icon, label and tooltip pattern as a delivery status. */
export function sendStateView(summary: SendSummary): StatusView {
  const info = describeSendState(summary.state);
  const group =
    summary.state === -1 ? 'failed' : summary.state === 0 ? 'pending' : summary.state === 1 ? 'delivered' : 'unknown';
  return {
    code: summary.state !== undefined ? String(summary.state) : (summary.stateRaw ?? '—'),
    known: summary.state !== undefined,
    group,
    label: info.label,
    finality:
      info.final === true
        ? l10n.t('Final')
        : info.final === false
          ? l10n.t('In progress: may still change')
          : l10n.t('Unknown: not in the documented list'),
    meaning: info.meaning,
    nextStep:
      summary.state === -1
        ? l10n.t("Read the log below and check the account's credit in the VairoSMS panel, then send the SMS again.")
        : summary.state === 0
          ? l10n.t("Wait: the numbers' reports change while the send goes on.")
          : summary.state === 1
            ? l10n.t(
                "Nothing to wait for on the send; a number still WAITING waits for its operator's delivery report.",
              )
            : l10n.t('Treat it as not finished, and ask VairoSMS support what the value means.'),
  };
}

function time(id: string, label: string, value: string | undefined, ctx: SendContext): FieldView | undefined {
  if (value === undefined) return undefined;
  const t = parseProviderTime(value);
  return {
    id,
    label,
    value,
    note:
      t === undefined
        ? l10n.t('Shown as received; not a date we can read.')
        : l10n.t('Turkey time (UTC+3), assumed. In your time zone: {0}.', new Date(t).toLocaleString(ctx.lang)),
  };
}

export function summaryFields(s: SendSummary, ctx: SendContext): FieldView[] {
  const end = validityEnd(s);
  const fields: Array<FieldView | undefined> = [
    { id: 'send:sender', label: l10n.t('Sender header (sms_baslik)'), value: s.sender ?? '—' },
    {
      id: 'send:numbers',
      label: l10n.t('Numbers in the send (numara_toplam)'),
      value: s.numbers !== undefined ? formatNumber(s.numbers, ctx.lang) : '—',
    },
    {
      id: 'send:credits',
      label: l10n.t('Credits used (kredi_toplam)'),
      value: s.credits !== undefined ? formatNumber(s.credits, ctx.lang) : '—',
    },
    time('send:createdAt', l10n.t('Created (created_at)'), s.createdAt, ctx),
    time('send:scheduledAt', l10n.t('Scheduled for (ileri_tarih)'), s.scheduledAt, ctx),
    {
      id: 'send:validity',
      label: l10n.t('Validity (gecerlilik_suresi)'),
      value: s.validity ?? '—',
      ...(end !== undefined
        ? {
            note: s.scheduledAt
              ? l10n.t('Ends {0}, counted from the scheduled time.', formatWhen(end, ctx.now, ctx.lang))
              : l10n.t('Ends {0}, counted from when the send was created.', formatWhen(end, ctx.now, ctx.lang)),
          }
        : s.validity !== undefined
          ? { note: l10n.t('Not a duration we can read (hours:minutes:seconds); shown as received.') }
          : {}),
    },
    time('send:finishedAt', l10n.t('Finished (sonlanma_zamani)'), s.finishedAt, ctx),
  ];
  for (const [k, v] of Object.entries(s.extra ?? {})) {
    fields.push({
      id: `send:extra:${k}`,
      label: k,
      value: typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)),
      note: l10n.t('Not in the API documentation; shown as received.'),
    });
  }
  return fields.filter((f): f is FieldView => f !== undefined);
}

/** The send section: loading, the summary, or its own short error (it never hides the number's report). */
export function sendView(sendId: string, s: SummaryState, ctx: SendContext): SendView {
  const heading = l10n.t('Send {0}', sendId);
  if (s.state === 'loading')
    return { heading, state: 'loading', fields: [], note: l10n.t("Looking up the send's summary…") };
  const r = s.result;
  if (!r.ok) {
    const d = describeError(r.error, ctx.lang);
    return {
      heading,
      state: 'error',
      fields: [],
      error: {
        title: l10n.t("The send's summary could not be looked up: {0}", d.title),
        message: d.message,
        ...(d.providerLabel && d.providerText ? { providerLabel: d.providerLabel, providerText: d.providerText } : {}),
      },
    };
  }
  return {
    heading,
    state: 'summary',
    badge: sendStateView(r.summary),
    fields: summaryFields(r.summary, ctx),
    ...(r.summary.log !== undefined
      ? { log: { label: l10n.t('Log of the failed send (as received)'), text: r.summary.log } }
      : {}),
    note: l10n.t('Checked {0}.', formatWhen(s.checkedAt, ctx.now, ctx.lang)),
  };
}

/** The diagnosis line, when the summary and the number's status say something together. */
export function diagnosisView(
  status: string | undefined,
  s: SummaryState | undefined,
  ctx: SendContext,
): DiagnosisView | undefined {
  if (s?.state !== 'done' || !s.result.ok) return undefined;
  const d = diagnose({
    status,
    summary: s.result.summary,
    now: ctx.now,
    when: (t) => formatWhen(t, ctx.now, ctx.lang),
  });
  return d && { id: d.id, severity: d.severity, overrides: d.overrides, label: l10n.t('Diagnosis'), text: d.text };
}

/** What the send page draws: its summary (or that it is being fetched), and the numbers of the send that Recent
 *  Lookups holds a report of (looked up with the same account), in the store's order. */
export interface SendModelInput extends SendContext {
  readonly seq: number;
  readonly sendId: string;
  /** The account whose send this is (undefined: no account exists): only its lookups are listed. */
  readonly account: string | undefined;
  readonly summary: SummaryState;
  /** Recent Lookups, as stored. */
  readonly history: readonly HistoryEntry[];
  /** vairosms.maskNumbers: the numbers shown masked (each still opens its own report). */
  readonly maskNumbers: boolean;
}

/** The send page's model (src/webview/send.ts draws it). */
export function sendModel(input: SendModelInput): SendModel {
  const { lang, now, sendId } = input;
  const send = sendView(sendId, input.summary, { lang, now });
  const diagnosis = diagnosisView(undefined, input.summary, { lang, now });
  return {
    v: 1,
    kind: 'send',
    seq: input.seq,
    lang,
    sendId,
    title: l10n.t('VairoSMS send {0}', sendId),
    strings: strings(),
    send,
    ...(diagnosis ? { diagnosis } : {}),
    lookupsHeading: l10n.t('Numbers of this send in Recent Lookups'),
    lookupsEmpty: l10n.t('None yet: look up a number of this send to see it here.'),
    lookups: input.history.flatMap((e) =>
      e.sendId === sendId && e.report && isOfAccount(e, input.account)
        ? [
            {
              number: e.number,
              shown: shownNumber(e.number, input.maskNumbers),
              status: statusView(describeStatus(e.report.status)),
              checked: l10n.t('checked {0}', relativeTime(e.checkedAt, now, lang)),
            },
          ]
        : [],
    ),
    announcement:
      send.state === 'loading'
        ? l10n.t("Looking up the send's summary…")
        : send.state === 'error'
          ? (send.error?.title ?? '')
          : l10n.t('Send {0}: {1}.', sendId, send.badge?.label ?? ''),
  };
}
