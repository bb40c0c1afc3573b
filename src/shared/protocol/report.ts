// The one typed message union between the extension host and the report webview (markdown-language-features'
// previewMessaging idiom). The host sends a fully localized view model; the webview renders it as text and
// posts back only the actions listed here. Nothing in a model may contain the API key or a request URL.

export type StatusGroupView = 'pending' | 'delivered' | 'unconfirmed' | 'failed' | 'unknown';

export interface StatusView {
  readonly code: string;
  readonly known: boolean;
  readonly group: StatusGroupView;
  readonly label: string;
  readonly finality: string;
  readonly meaning: string;
  readonly nextStep: string;
  /** The provider's own Turkish description, shown labelled. */
  readonly providerText?: string;
}

export interface FieldView {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** A second line, e.g. "Turkey time (UTC+3), assumed: the API gives no zone". */
  readonly note?: string;
}

export type ErrorActionId = 'setApiKey' | 'retry' | 'showLog' | 'openSettings' | 'tryOtherForm';

export interface ErrorView {
  readonly kind: string;
  readonly title: string;
  readonly message: string;
  readonly action: string;
  readonly providerLabel?: string;
  readonly providerText?: string;
  readonly detail?: string;
  /** What `detail` is, e.g. "The server's answer (an HTML page)"; absent: a technical detail. */
  readonly detailLabel?: string;
  readonly actions: ReadonlyArray<{ readonly id: ErrorActionId; readonly label: string }>;
  /** The setting that may help, shown as a link that runs the 'openSettings' action: "Setting: {id}". */
  readonly setting?: { readonly label: string; readonly id: string };
}

/** The send's summary beside the number's report (GonderimBilgisi). */
export interface SendView {
  /** "Send 187" */
  readonly heading: string;
  readonly state: 'loading' | 'summary' | 'error';
  readonly fields: readonly FieldView[];
  /** paket_durum, drawn like a status badge (same tooltip). */
  readonly badge?: StatusView;
  readonly log?: { readonly label: string; readonly text: string };
  readonly error?: {
    readonly title: string;
    readonly message: string;
    readonly providerLabel?: string;
    readonly providerText?: string;
  };
  /** "Looking up the send's summary…", "Checked 14:30." */
  readonly note?: string;
}

/** What the number's report and its send's summary say together. */
export interface DiagnosisView {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** The send's state says more than the number's status (a failed send). */
  readonly overrides: boolean;
  readonly label: string;
  readonly text: string;
}

export interface TimelineView {
  readonly label: string;
  readonly points: ReadonlyArray<{ readonly at: string; readonly status: StatusView }>;
}

export interface Strings {
  readonly heading: string;
  readonly loading: string;
  readonly statusHeading: string;
  readonly detailsHeading: string;
  readonly messageHeading: string;
  readonly legendHeading: string;
  readonly legendIntro: string;
  readonly codeColumn: string;
  readonly meaningColumn: string;
  readonly finalityColumn: string;
  readonly meaningLabel: string;
  readonly finalityLabel: string;
  readonly nextStepLabel: string;
  readonly providerTextLabel: string;
  readonly unknownMark: string;
  readonly refresh: string;
  readonly copyJson: string;
  readonly showRaw: string;
  readonly copyAsCurl: string;
  readonly watch: string;
  readonly stopWatching: string;
  readonly emptyMessage: string;
  readonly controlCharsNote: string;
  readonly errorHeading: string;
}

/** The labels a status badge's tooltip needs (the report, send and batch panels share the badge). */
export type TipStrings = Pick<
  Strings,
  'meaningLabel' | 'finalityLabel' | 'nextStepLabel' | 'providerTextLabel' | 'unknownMark'
>;

export interface ReportModel {
  readonly v: 1;
  /** Increases with every render of the same panel; the webview acks it. */
  readonly seq: number;
  readonly state: 'loading' | 'report' | 'error';
  readonly lang: string;
  readonly sendId: string;
  readonly number: string;
  readonly strings: Strings;
  readonly title: string;
  /** One line under the title: "Checked 2 min ago", "Shown from recent lookups, checked …". */
  readonly subtitle?: string;
  readonly status?: StatusView;
  readonly fields: readonly FieldView[];
  readonly message?: { readonly text: string; readonly note?: string };
  readonly error?: ErrorView;
  readonly timeline?: TimelineView;
  readonly legend: readonly StatusView[];
  /** What a screen reader should hear after this render (aria-live). */
  readonly announcement: string;
  readonly canWatch?: boolean;
  readonly watching?: boolean;
  /** Loading, while the lookup waits for VairoSMS's Retry-After (429) before it asks again by itself: `template` with
   *  {0} the seconds left until `at` (epoch ms), counted down in the webview; `now` once they have passed. */
  readonly retry?: { readonly at: number; readonly template: string; readonly now: string };
  /** A preview tab (the next lookup opens in it): the note, and the Keep Open button (posts 'keep'). */
  readonly preview?: { readonly keep: string; readonly note: string };
  /** While a watch runs: its state and the last change, beside the status, with a link down to the timeline. */
  readonly watchNote?: { readonly text: string; readonly link: string };
  /** false: the SMS text is shown but not written to the webview's saved state (keepMessageText off). */
  readonly saveMessage?: false;
  readonly send?: SendView;
  readonly diagnosis?: DiagnosisView;
}

/** The send panel (viewType vairosms.send, "Look Up Send Summary…"): the summary, the diagnosis, and the numbers of
 *  the send already in Recent Lookups. Drawn by the same webview script as the report. */
export interface SendModel {
  readonly v: 1;
  readonly kind: 'send';
  readonly seq: number;
  readonly lang: string;
  readonly sendId: string;
  readonly title: string;
  readonly strings: Strings;
  readonly send: SendView;
  readonly diagnosis?: DiagnosisView;
  readonly lookupsHeading: string;
  /** What to say when Recent Lookups has no number of this send. */
  readonly lookupsEmpty: string;
  readonly lookups: ReadonlyArray<{
    readonly number: string;
    readonly shown: string;
    readonly status: StatusView;
    readonly checked: string;
  }>;
  readonly announcement: string;
}

export type ToWebview = { readonly type: 'render'; readonly model: ReportModel | SendModel };

export type FromWebview =
  | { readonly type: 'ready' }
  /** After a frame has painted the model `seq`; renderMs is the webview's own DOM build time, frameMs its time from
   *  the model's arrival to this message (the DOM build and the wait for the frame); receivedAt and paintedAt the
   *  model's arrival and the painted frame in epoch ms (performance.timeOrigin + performance.now()). */
  | {
      readonly type: 'rendered';
      readonly seq: number;
      readonly renderMs?: number;
      readonly frameMs?: number;
      readonly receivedAt?: number;
      readonly paintedAt?: number;
    }
  /** The page's load event (when VS Code shows the frame) and its first contentful paint, in epoch ms: once. */
  | { readonly type: 'pageTiming'; readonly loadAt: number; readonly fcpAt: number }
  | { readonly type: 'refresh' }
  | { readonly type: 'copyJson' }
  | { readonly type: 'showRaw' }
  | { readonly type: 'copyAsCurl' }
  | { readonly type: 'watch' }
  | { readonly type: 'stopWatching' }
  /** Keep Open: a preview tab becomes a tab of its own. */
  | { readonly type: 'keep' }
  | { readonly type: 'errorAction'; readonly action: ErrorActionId }
  /** The send panel: open the stored report of this number of the send. */
  | { readonly type: 'openLookup'; readonly number: string };

const ACTIONS: readonly ErrorActionId[] = ['setApiKey', 'retry', 'showLog', 'openSettings', 'tryOtherForm'];
export const MAX_MESSAGE_BYTES = 4096;

/** The checks every message from a webview passes first: a plain object, serializable, at most MAX_MESSAGE_BYTES.
 *  Returns the object and a test that it has no keys beyond the allowed ones. */
function preflight(data: unknown): { m: Record<string, unknown>; only: (...allowed: string[]) => boolean } | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  let size: number;
  try {
    size = JSON.stringify(data).length;
  } catch {
    return undefined;
  }
  if (size > MAX_MESSAGE_BYTES) return undefined;
  const m = data as Record<string, unknown>;
  const keys = Object.keys(m);
  return { m, only: (...allowed: string[]) => keys.every((k) => allowed.includes(k)) };
}

/** The allowlist: returns the message when it is exactly one of FromWebview, otherwise undefined. */
export function parseFromWebview(data: unknown): FromWebview | undefined {
  const checked = preflight(data);
  if (!checked) return undefined;
  const { m, only } = checked;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'copyJson':
    case 'showRaw':
    case 'copyAsCurl':
    case 'watch':
    case 'stopWatching':
    case 'keep':
      return only('type') ? { type: m.type } : undefined;
    case 'rendered': {
      const keys = ['renderMs', 'frameMs', 'receivedAt', 'paintedAt'] as const;
      if (!only('type', 'seq', ...keys) || typeof m.seq !== 'number' || !Number.isSafeInteger(m.seq)) return undefined;
      if (!keys.every((k) => optionalDuration(m[k]))) return undefined;
      const rendered: { -readonly [K in (typeof keys)[number]]?: number } = {};
      for (const k of keys) if (m[k] !== undefined) rendered[k] = m[k] as number;
      return { type: 'rendered', seq: m.seq, ...rendered };
    }
    case 'pageTiming':
      return only('type', 'loadAt', 'fcpAt') && isDuration(m.loadAt) && isDuration(m.fcpAt)
        ? { type: 'pageTiming', loadAt: m.loadAt as number, fcpAt: m.fcpAt as number }
        : undefined;
    case 'errorAction':
      return only('type', 'action') && typeof m.action === 'string' && (ACTIONS as readonly string[]).includes(m.action)
        ? { type: 'errorAction', action: m.action as ErrorActionId }
        : undefined;
    case 'openLookup':
      return only('type', 'number') && typeof m.number === 'string' && /^\d{7,15}$/.test(m.number)
        ? { type: 'openLookup', number: m.number }
        : undefined;
    default:
      return undefined;
  }
}

// ---- The batch results table (viewType vairosms.batch) ----

export type BatchSortKey = 'line' | 'number' | 'status' | 'time' | 'error';

export interface BatchRowView {
  readonly index: number;
  /** The 1-based line of the input the number was read from. */
  readonly line?: number;
  readonly number: string;
  readonly status?: StatusView;
  /** The class of error when the lookup failed. */
  readonly error?: string;
  readonly errorKind?: string;
  /** The report's updated_at (else created_at), as received. */
  readonly time?: string;
  readonly cancelled?: boolean;
}

export interface BatchStrings {
  readonly heading: string;
  readonly numberColumn: string;
  readonly statusColumn: string;
  readonly timeColumn: string;
  readonly errorColumn: string;
  readonly countsHeading: string;
  /** The failed lookups' counts, apart from the status codes: "Failed lookups". */
  readonly failuresHeading: string;
  readonly resultsHeading: string;
  readonly invalidHeading: string;
  readonly lineColumn: string;
  readonly inputColumn: string;
  readonly reasonColumn: string;
  readonly exportCsv: string;
  readonly exportJson: string;
  readonly cancel: string;
  readonly openHint: string;
  readonly cancelledMark: string;
  readonly sortHint: string;
}

export interface BatchModel {
  readonly v: 1;
  readonly kind: 'batch';
  readonly seq: number;
  readonly lang: string;
  readonly id: string;
  readonly sendId: string;
  readonly title: string;
  readonly subtitle: string;
  readonly state: 'running' | 'done' | 'cancelled';
  readonly done: number;
  readonly total: number;
  readonly counts: ReadonlyArray<{
    readonly key: string;
    readonly label: string;
    readonly count: number;
    readonly group: StatusGroupView | 'error' | 'cancelled';
  }>;
  readonly rows: readonly BatchRowView[];
  readonly sort: { readonly key: BatchSortKey; readonly dir: 'asc' | 'desc' };
  readonly invalid: ReadonlyArray<{ readonly line: number; readonly input: string; readonly message: string }>;
  readonly strings: BatchStrings;
  /** The send's summary, fetched once when the batch starts, shown above the table. */
  readonly send?: { readonly view: SendView; readonly strings: TipStrings };
  readonly announcement: string;
}

export type ToBatchWebview = { readonly type: 'render'; readonly model: BatchModel };

export type FromBatchWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly seq: number }
  | { readonly type: 'sort'; readonly key: BatchSortKey }
  | { readonly type: 'openRow'; readonly index: number }
  | { readonly type: 'exportCsv' }
  | { readonly type: 'exportJson' }
  | { readonly type: 'cancel' };

const SORT_KEYS: readonly BatchSortKey[] = ['line', 'number', 'status', 'time', 'error'];

/** The batch table's allowlist, with the same shape checks and size cap as the report's. */
export function parseFromBatchWebview(data: unknown): FromBatchWebview | undefined {
  const checked = preflight(data);
  if (!checked) return undefined;
  const { m, only } = checked;
  switch (m.type) {
    case 'ready':
    case 'exportCsv':
    case 'exportJson':
    case 'cancel':
      return only('type') ? { type: m.type } : undefined;
    case 'rendered':
      return only('type', 'seq') && typeof m.seq === 'number' && Number.isSafeInteger(m.seq)
        ? { type: 'rendered', seq: m.seq }
        : undefined;
    case 'sort':
      return only('type', 'key') && typeof m.key === 'string' && (SORT_KEYS as readonly string[]).includes(m.key)
        ? { type: 'sort', key: m.key as BatchSortKey }
        : undefined;
    case 'openRow':
      return only('type', 'index') && typeof m.index === 'number' && Number.isSafeInteger(m.index) && m.index >= 0
        ? { type: 'openRow', index: m.index }
        : undefined;
    default:
      return undefined;
  }
}

/** A finite, non-negative number: a duration, or a mark in epoch ms. */
function isDuration(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** A timing the webview reports: absent, or a finite number of milliseconds, not negative. */
function optionalDuration(v: unknown): boolean {
  return v === undefined || isDuration(v);
}
