// The report page (viewType vairosms.report, drawn by src/webview/report.ts): the number's report as a fully
// localized view model, and the only messages its webview may post back, with their allowlist. Nothing in a model may
// contain the API key or a request URL.
import {
  allowlist,
  bare,
  oneOf,
  pageTiming,
  rendered,
  type PageModel,
  type PageTimingMessage,
  type Ready,
  type Rendered,
} from './common';
import { type DiagnosisView, type FieldView, type SendView, type StatusView, type Strings } from './parts';

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

interface TimelineView {
  readonly label: string;
  readonly points: ReadonlyArray<{ readonly at: string; readonly status: StatusView }>;
}

export interface ReportModel extends PageModel {
  readonly v: 1;
  readonly kind: 'report';
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

export type FromReportWebview =
  | Ready
  | Rendered
  | PageTimingMessage
  | { readonly type: 'refresh' }
  | { readonly type: 'copyJson' }
  | { readonly type: 'showRaw' }
  | { readonly type: 'copyAsCurl' }
  | { readonly type: 'watch' }
  | { readonly type: 'stopWatching' }
  /** Keep Open: a preview tab becomes a tab of its own. */
  | { readonly type: 'keep' }
  | { readonly type: 'errorAction'; readonly action: ErrorActionId };

const ACTIONS: readonly ErrorActionId[] = ['setApiKey', 'retry', 'showLog', 'openSettings', 'tryOtherForm'];

/** The report page's allowlist: the message when it is exactly one of FromReportWebview, otherwise undefined. */
export const parseFromReportWebview = allowlist<FromReportWebview>({
  ...bare('ready', 'refresh', 'copyJson', 'showRaw', 'copyAsCurl', 'watch', 'stopWatching', 'keep'),
  rendered,
  pageTiming,
  errorAction: ({ m, only }) => {
    const action = only('type', 'action') ? oneOf(m.action, ACTIONS) : undefined;
    return action ? { type: 'errorAction', action } : undefined;
  },
});
