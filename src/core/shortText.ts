// The short texts VS Code draws in narrow places: a Recent Lookups item's description (beside the number, in the
// side bar) and the watch's status bar text. Each says only what identifies the item and its state; the times, the
// error and what to do next are in their tooltips and screen reader labels. test/unit/core/shortText.test.ts holds
// them to a length in both languages.
import * as l10n from '@vscode/l10n';
import { formatNumber, plural } from './numbers';

/** A stored report's description: its send and status code, and the account while there are several. */
export function lookupDescription(sendId: string, code: string, account?: string): string {
  const text = l10n.t('send {0} · {1}', sendId, code || '—');
  return account === undefined ? text : l10n.t('{0} · {1}', text, account);
}

/** The description of a lookup whose last attempt failed (the error itself is in the tooltip). */
export function failedLookupDescription(sendId: string, hadReport: boolean, account?: string): string {
  const text = hadReport ? l10n.t('send {0} · last try failed', sendId) : l10n.t('send {0} · failed', sendId);
  return account === undefined ? text : l10n.t('{0} · {1}', text, account);
}

/** The watch's status bar text: the one watched number and its status, or how many are watched. `number` is the
 *  number as shown (masked or not), `status` a status code or its checked stand-in (ownStatus). */
export function watchBarText(count: number, first: { number: string; status: string }, lang: string): string {
  return plural(
    count,
    l10n.t('Watching {0}: {1}', first.number, first.status),
    l10n.t('Watching {0} reports', formatNumber(count, lang)),
  );
}
