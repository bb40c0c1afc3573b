// Text of our own: a localized sentence of this extension whose placeholders hold only numbers, checked IDs and
// other text of our own, never text from a file, a workspace, a selection or the provider. VS Code renders
// `[label](target)` in a notification as a link, and a click runs a `command:` target with its arguments (the
// target is case-insensitive and percent-decoded), so a notification takes only OwnText (src/views/notify.ts).
// OwnText is made here and nowhere else: `own` is l10n.t with typed placeholders, and the three part functions
// below let a send ID, a phone number and a status code in only in their checked forms.
import * as l10n from '@vscode/l10n';
import { ACCOUNT_NAME } from './accounts/accountName';
import { formatNumber } from './numbers';
import { isKnownStatus } from './report/statusCodes';

declare const brand: unique symbol;
/** A string that holds no text from outside the extension. */
export type OwnText = string & { readonly [brand]: 'own' };

/** l10n.t for text that may go where VS Code renders links: a literal message (scripts/l10n.mjs extracts it like
 *  l10n.t), every placeholder a number or OwnText. */
export function own(message: string, ...args: Array<number | OwnText>): OwnText {
  return l10n.t(message, ...args) as OwnText;
}

const DASH = '—' as OwnText;

/** A send ID in its checked form (digits only), else a dash. */
export function ownSendId(sendId: string): OwnText {
  return /^\d{1,18}$/.test(sendId) ? (sendId as OwnText) : DASH;
}

/** A phone number in its checked form (7 to 15 digits) as `shown` presents it (masked or not), else a dash. */
export function ownNumber(number: string, shown: (number: string) => string): OwnText {
  if (!/^\d{7,15}$/.test(number)) return DASH;
  const s = shown(number);
  return /^[\d*]{7,15}$/.test(s) ? (s as OwnText) : DASH;
}

/** A status code the provider documents, as it is; any other value is named, never quoted. */
export function ownStatus(code: string): OwnText {
  if (isKnownStatus(code)) return code as OwnText;
  return code === '' ? own('no status') : own('an unknown status');
}

/** A file name of plain letters, digits, dots, dashes, underscores and spaces, else nothing (a folder a repository
 *  named, or a name typed with other characters, is not quoted). */
export function ownFileName(name: string): OwnText | undefined {
  return /^[\p{L}\p{N}._\- ]{1,120}$/u.test(name) ? (name as OwnText) : undefined;
}

/** An account name the user gave this extension (it passed checkName), else "the account". */
export function ownAccountName(name: string): OwnText {
  return ACCOUNT_NAME.test(name) ? (name as OwnText) : own('the account');
}

/** A scheme and host a server redirected to ("http://evil.example:8080"), shown only when it is plainly that; else
 *  "a server" (a host is text from outside: no brackets, no spaces, nothing a link could be made of). */
export function ownOrigin(origin: string): OwnText {
  return /^https?:\/\/[a-z0-9.-]{1,253}(:\d{1,5})?$/i.test(origin) ? (origin as OwnText) : own('a server');
}

/** A count or measure formatted for the display language (src/core/numbers.ts): digits and separators only. */
export function ownCount(n: number, lang: string, fractionDigits = 0): OwnText {
  return formatNumber(n, lang, fractionDigits) as OwnText;
}
