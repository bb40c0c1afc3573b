// Builds the webview's view model from a report or an error: every label and explanation resolved in the display
// language, every value a plain string. The webview only renders it (as text), so this is where the panel's
// content is decided and tested.
import { relativeTime } from '../providerTime';
import * as l10n from '@vscode/l10n';
import { describeError, errorActionLabel, errorActions, errorSetting, type LookupError } from '../api/errors';
import { type HistoryEntry } from '../history/history';
import { formatDuration, parseProviderTime } from '../providerTime';
import { timeToUpdate, type Report } from './report';
import { describeAllStatuses, describeStatus, type StatusInfo } from './statuses';
import { type FieldView, type StatusView, type Strings, type TipStrings } from '../../shared/protocol/parts';
import { type ReportModel } from '../../shared/protocol/report';
import { formatNumber, plural } from '../numbers';

export function strings(): Strings {
  return {
    heading: l10n.t('VairoSMS number report'),
    loading: l10n.t('Looking up the report…'),
    statusHeading: l10n.t('Delivery status'),
    detailsHeading: l10n.t('Details'),
    messageHeading: l10n.t('Message text'),
    legendHeading: l10n.t('All status codes'),
    legendIntro: l10n.t('Every durum_gonderim value VairoSMS documents. Hover or focus a code for its explanation.'),
    codeColumn: l10n.t('Code'),
    meaningColumn: l10n.t('Status'),
    finalityColumn: l10n.t('Final?'),
    meaningLabel: l10n.t('Meaning'),
    finalityLabel: l10n.t('Final or pending'),
    nextStepLabel: l10n.t('What to do next'),
    providerTextLabel: l10n.t('VairoSMS documentation (Turkish)'),
    unknownMark: l10n.t('unknown code'),
    refresh: l10n.t('Refresh'),
    copyJson: l10n.t('Copy JSON'),
    showRaw: l10n.t('Show Raw Response'),
    copyAsCurl: l10n.t('Copy as cURL'),
    watch: l10n.t('Watch Until Final'),
    stopWatching: l10n.t('Stop Watching'),
    emptyMessage: l10n.t('(empty)'),
    controlCharsNote: l10n.t('Invisible and control characters are shown as ⟨U+XXXX⟩.'),
    errorHeading: l10n.t('The lookup failed'),
  };
}

/** The labels of a badge's tooltip. */
export function tipStrings(): TipStrings {
  const { meaningLabel, finalityLabel, nextStepLabel, providerTextLabel, unknownMark } = strings();
  return { meaningLabel, finalityLabel, nextStepLabel, providerTextLabel, unknownMark };
}

export function statusView(info: StatusInfo): StatusView {
  return {
    code: info.code,
    known: info.known,
    group: info.group,
    label: info.label,
    finality: info.finality,
    meaning: info.meaning,
    nextStep: info.nextStep,
    ...(info.providerText ? { providerText: info.providerText } : {}),
  };
}

export interface ModelContext {
  readonly seq: number;
  readonly lang: string;
  readonly now: number;
  /** vairosms.history.keepMessageText: when false, the webview keeps the SMS text out of its saved state. */
  readonly keepMessage?: boolean;
}

function base(ctx: ModelContext, sendId: string, number: string) {
  return {
    v: 1 as const,
    kind: 'report' as const,
    seq: ctx.seq,
    lang: ctx.lang,
    sendId,
    number,
    strings: strings(),
    title: l10n.t('{0} in send #{1}', number, sendId),
    legend: describeAllStatuses().map(statusView),
    ...(ctx.keepMessage === false ? { saveMessage: false as const } : {}),
  };
}

/** `retryAt`: the lookup waits for VairoSMS's Retry-After and asks again by itself then (epoch ms): a countdown. */
export function loadingModel(
  ctx: ModelContext,
  sendId: string,
  number: string,
  previous?: ReportModel,
  retryAt?: number,
): ReportModel {
  const waitSeconds = retryAt === undefined ? 0 : Math.max(0, Math.ceil((retryAt - ctx.now) / 1000));
  return {
    ...base(ctx, sendId, number),
    state: 'loading',
    fields: previous?.fields ?? [],
    ...(previous?.status ? { status: previous.status } : {}),
    ...(previous?.message ? { message: previous.message } : {}),
    ...(previous?.timeline ? { timeline: previous.timeline } : {}),
    // no subtitle: the progress line under the title already says "Looking up the report…"
    ...(retryAt !== undefined
      ? {
          retry: {
            at: retryAt,
            // {0}: the seconds left, counted down by the webview
            template: l10n.t('VairoSMS asked to wait (HTTP 429). Asking again by itself in {0} s…'),
            now: l10n.t('VairoSMS asked to wait (HTTP 429). Asking again now…'),
          },
        }
      : {}),
    announcement:
      retryAt !== undefined
        ? plural(
            waitSeconds,
            l10n.t(
              'VairoSMS asked to wait; asking again by itself in {0} second.',
              formatNumber(waitSeconds, ctx.lang),
            ),
            l10n.t(
              'VairoSMS asked to wait; asking again by itself in {0} seconds.',
              formatNumber(waitSeconds, ctx.lang),
            ),
          )
        : l10n.t('Looking up the report for {0} in send #{1}.', number, sendId),
  };
}

export interface ReportInput {
  readonly sendId: string;
  readonly number: string;
  readonly report: Report;
  readonly checkedAt: number;
  readonly fromHistory: boolean;
  readonly timeline?: HistoryEntry['timeline'];
  readonly previousStatus?: string;
  readonly watching?: boolean;
}

export function reportModel(ctx: ModelContext, input: ReportInput): ReportModel {
  const r = input.report;
  const info = describeStatus(r.status);
  const zoneNote = l10n.t('Turkey time (UTC+3), assumed: the API gives no time zone.');
  const fields: FieldView[] = [
    { id: 'sendId', label: l10n.t('Send ID (sms_gonderim_id)'), value: r.sendId ?? input.sendId },
    { id: 'rowId', label: l10n.t('Row ID (id)'), value: r.rowId ?? '—' },
    { id: 'number', label: l10n.t('Number (numara)'), value: r.number ?? input.number },
    {
      id: 'parts',
      label: l10n.t('Message parts (mesaj_boy)'),
      value: r.parts !== undefined ? formatNumber(r.parts, ctx.lang) : '—',
    },
    { id: 'status', label: l10n.t('Status (durum_gonderim)'), value: r.status === '' ? '—' : r.status },
    {
      id: 'refund',
      label: l10n.t('Refund (durum_iade)'),
      value: refundText(r),
      note: l10n.t('The API does not document this flag; "iade" means refund.'),
    },
    timeField('createdAt', l10n.t('Created (created_at)'), r.createdAt, zoneNote, ctx),
    timeField('updatedAt', l10n.t('Updated (updated_at)'), r.updatedAt, zoneNote, ctx),
    { id: 'elapsed', label: l10n.t('Time from creation to last update'), value: elapsedText(r, ctx.lang) },
  ];
  const cutFields = new Set(r.cut?.fields ?? []);
  fields.forEach((f, i) => {
    if (cutFields.has(f.id)) fields[i] = { ...f, note: cutNote(f.note) };
  });
  for (const [k, v] of Object.entries(r.extra ?? {})) {
    fields.push({
      id: `extra:${k}`,
      label: k,
      value: typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)),
      note: cutFields.has(k)
        ? cutNote(l10n.t('Not in the API documentation; shown as received.'))
        : l10n.t('Not in the API documentation; shown as received.'),
    });
  }
  if (r.cut?.droppedFields) {
    fields.push({
      id: 'extra:…',
      label: '…',
      value: '—',
      note: plural(
        r.cut.droppedFields,
        l10n.t('{0} more undocumented field was left out.', formatNumber(r.cut.droppedFields, ctx.lang)),
        l10n.t('{0} more undocumented fields were left out.', formatNumber(r.cut.droppedFields, ctx.lang)),
      ),
    });
  }
  const checked = relativeTime(input.checkedAt, ctx.now, ctx.lang);
  const changed = input.previousStatus !== undefined && input.previousStatus !== r.status;
  const announcement = changed
    ? l10n.t('Status changed from {0} to {1}: {2}.', input.previousStatus || '—', info.code || '—', info.label)
    : l10n.t('Status {0}: {1}. {2}', info.code || '—', info.label, info.finality);
  return {
    ...base(ctx, input.sendId, input.number),
    state: 'report',
    status: statusView(info),
    fields,
    ...(r.message !== undefined
      ? {
          message: {
            text: r.message,
            ...(r.cut?.message !== undefined
              ? {
                  note: l10n.t(
                    'Shortened to its first {0} of {1} characters when saved; refresh for the full text.',
                    formatNumber(r.message.length, ctx.lang),
                    formatNumber(r.cut.message, ctx.lang),
                  ),
                }
              : {}),
          },
        }
      : {}),
    subtitle: input.fromHistory
      ? l10n.t('From Recent Lookups, checked {0}. Refresh to ask VairoSMS again.', checked)
      : l10n.t('Checked {0}.', checked),
    // While watching, the timeline shows from its first point: it is what the watch is building.
    ...(input.timeline && (input.timeline.length > 1 || (input.watching === true && input.timeline.length > 0))
      ? {
          timeline: {
            label: l10n.t('Status timeline'),
            points: input.timeline.map((p) => ({
              at: new Date(p.at).toLocaleString(ctx.lang),
              status: statusView(describeStatus(p.status)),
            })),
          },
        }
      : {}),
    announcement,
    canWatch: info.group === 'pending' || info.group === 'unknown',
    watching: input.watching === true,
    ...(input.watching === true ? { watchNote: watchNote(ctx, input.timeline) } : {}),
  };
}

function watchNote(ctx: ModelContext, timeline: HistoryEntry['timeline']): { text: string; link: string } {
  const points = timeline ?? [];
  const time = (at: number) => new Date(at).toLocaleTimeString(ctx.lang);
  const last = points.at(-1);
  const before = points.at(-2);
  const text =
    last && before
      ? l10n.t(
          'Watching until final. Last change: {0} → {1} at {2}.',
          before.status || '—',
          last.status || '—',
          time(last.at),
        )
      : last
        ? l10n.t('Watching until final. No change since the first check at {0}.', time(last.at))
        : l10n.t('Watching until final.');
  return { text, link: l10n.t('Status timeline ↓') };
}

/** `otherForm`: after "not found", the number in its other form to offer (10 ↔ 12 digits: the provider's own pages
 *  disagree on which it wants). */
export function errorModel(
  ctx: ModelContext,
  sendId: string,
  number: string,
  error: LookupError,
  previous?: ReportModel,
  otherForm?: string,
): ReportModel {
  const d = describeError(error, ctx.lang);
  const setting = errorSetting(error);
  const actions = [
    ...(otherForm ? [{ id: 'tryOtherForm' as const, label: l10n.t('Look up {0} instead', otherForm) }] : []),
    ...errorActions(error).map((id) => ({ id, label: errorActionLabel(id) })),
  ];
  return {
    ...base(ctx, sendId, number),
    state: 'error',
    fields: previous?.state === 'report' ? previous.fields : [],
    ...(previous?.status ? { status: previous.status } : {}),
    ...(previous?.message ? { message: previous.message } : {}),
    error: {
      kind: error.kind,
      title: d.title,
      message: d.message,
      action: d.action,
      ...(d.providerLabel && d.providerText ? { providerLabel: d.providerLabel, providerText: d.providerText } : {}),
      ...(error.page
        ? {
            detail: [error.page.title, error.page.text].filter((t) => t).join(' — ') || l10n.t('(an empty page)'),
            detailLabel: l10n.t("The server's answer, an HTML page (Show Raw Response has all of it)"),
          }
        : error.detail
          ? { detail: error.detail }
          : {}),
      actions,
      ...(setting ? { setting: { label: l10n.t('Setting'), id: setting } } : {}),
    },
    subtitle: previous?.state === 'report' ? l10n.t('The last successful report is shown below.') : undefined,
    announcement: l10n.t('Lookup failed: {0}. {1}', d.title, d.message),
  };
}

/** A field's note, with the fact that its value was cut to its cap. */
function cutNote(note: string | undefined): string {
  const cut = l10n.t('Shortened when saved; refresh for the full value.');
  return note ? `${note} ${cut}` : cut;
}

function refundText(r: Report): string {
  if (r.refund === true) return r.refundRaw ? l10n.t('Yes ({0})', r.refundRaw) : l10n.t('Yes (1)');
  if (r.refund === false) return r.refundRaw ? l10n.t('No ({0})', r.refundRaw) : l10n.t('No (0)');
  return r.refundRaw ?? '—';
}

function timeField(
  id: string,
  label: string,
  value: string | undefined,
  zoneNote: string,
  ctx: ModelContext,
): FieldView {
  if (!value) return { id, label, value: '—' };
  const t = parseProviderTime(value);
  const note =
    t === undefined
      ? l10n.t('Shown as received; not a date we can read.')
      : `${zoneNote} ${l10n.t('In your time zone: {0} ({1}).', new Date(t).toLocaleString(ctx.lang), relativeTime(t, ctx.now, ctx.lang))}`;
  return { id, label, value, note };
}

function elapsedText(r: Report, lang: string): string {
  const ms = timeToUpdate(r);
  return ms === undefined ? '—' : formatDuration(ms, lang);
}
