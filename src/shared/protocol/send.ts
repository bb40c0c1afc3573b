// The send page (viewType vairosms.send, "Look Up Send Summary…", "Look Up Send Summary"; drawn by src/webview/send.ts): the
// send's summary, the diagnosis, and the numbers of the send already in Recent Lookups, each of which opens its stored
// report; and the only messages its webview may post back, with their allowlist.
import { allowlist, bare, renderedSeq, type PageModel, type Ready } from './common';
import { type DiagnosisView, type SendView, type StatusView, type Strings } from './parts';

export interface SendModel extends PageModel {
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

/** Its acks carry the seq alone: nothing reads a send page's timings. */
export type FromSendWebview =
  | Ready
  | { readonly type: 'rendered'; readonly seq: number }
  | { readonly type: 'refresh' }
  /** Open the stored report of this number of the send. */
  | { readonly type: 'openLookup'; readonly number: string };

/** The send page's allowlist: the message when it is exactly one of FromSendWebview, otherwise undefined. */
export const parseFromSendWebview = allowlist<FromSendWebview>({
  ...bare('ready', 'refresh'),
  rendered: renderedSeq,
  openLookup: ({ m, only }) =>
    only('type', 'number') && typeof m.number === 'string' && /^\d{7,15}$/.test(m.number)
      ? { type: 'openLookup', number: m.number }
      : undefined,
});
