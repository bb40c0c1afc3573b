// The view parts more than one page draws (src/webview/parts.ts draws them): a status badge and its tooltip's labels,
// a table of labelled fields, the send's summary and the diagnosis line; and the report page's labels, which the send
// page reuses (its Refresh, the badge's tooltip). Every string is localized by the host and drawn as text.

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
