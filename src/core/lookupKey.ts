// The lookup key: one send ID and one phone number, the identity of a report everywhere (a report panel, a Recent
// Lookups entry, a watch, a batch row, a command argument, the webview's saved state). One type, one string id, one
// set of rules for both parts (shared with the prompts), and one way to show the number (masked when the user asks).
import { own, type OwnText } from './ownText';
import { maskPhone, MAX_DIGITS, MIN_DIGITS, normalizePhone } from './phone';

export interface LookupKey {
  readonly sendId: string;
  readonly number: string;
}

/** Send IDs have at most this many digits (checkSendId). */
const MAX_SEND_ID_DIGITS = 18;

/** The canonical forms: what checkSendId and normalizePhone produce. */
const SEND_ID = new RegExp(`^\\d{1,${MAX_SEND_ID_DIGITS}}$`);
const NUMBER = new RegExp(`^\\d{${MIN_DIGITS},${MAX_DIGITS}}$`);

/** A checked value, or why not in our own words (safe in a notification). */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: OwnText };

/** The send ID as a user types it: a positive whole number of at most 18 digits. Surrounding spaces and a leading #
 *  are forgiven, leading zeros dropped. */
export function checkSendId(input: string): Checked<string> {
  const s = input.trim().replace(/^#/, '');
  if (s === '') {
    return {
      ok: false,
      message: own('Enter the send ID: the number VairoSMS returned when the SMS was sent, for example 187.'),
    };
  }
  if (!/^\d+$/.test(s)) {
    return { ok: false, message: own('The send ID must contain digits only, for example 187.') };
  }
  const value = s.replace(/^0+(?=\d)/, '');
  if (value === '0') return { ok: false, message: own('The send ID must be a positive number, for example 187.') };
  if (value.length > MAX_SEND_ID_DIGITS) {
    return {
      ok: false,
      message: own('The send ID has {0} digits; send IDs have at most {1}.', value.length, MAX_SEND_ID_DIGITS),
    };
  }
  return { ok: true, value };
}

/** A send as one account sees it: two accounts may each have a send 187, and they are different sends. Its summary,
 *  its send panel and the send state noted on Recent Lookups are kept per SendRef. `account` is undefined while no
 *  account exists (a key set before accounts, or none). */
export interface SendRef {
  readonly sendId: string;
  readonly account: string | undefined;
}

/** The string id of a send ref (a map key); an account id never holds a NUL. */
export function sendRefId(ref: SendRef): string {
  return `${ref.account ?? ''}\u0000${ref.sendId}`;
}

/** The string id of a key (a map key, a tree item id). */
export function keyId(key: LookupKey): string {
  return `${key.sendId}:${key.number}`;
}

/** A key in canonical form as our own code passes it around (a tree element, a history entry, a panel's state, a
 *  `{ sendId, number }` command argument): both parts strings, already checked. Anything else is undefined. Only the
 *  two fields are kept. */
export function asLookupKey(value: unknown): LookupKey | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const o = value as { sendId?: unknown; number?: unknown };
  return typeof o.sendId === 'string' && SEND_ID.test(o.sendId) && typeof o.number === 'string' && NUMBER.test(o.number)
    ? { sendId: o.sendId, number: o.number }
    : undefined;
}

/** What a command's arguments give of a key, each part checked as the prompts check it. */
export type KeyArgs =
  | { readonly ok: true; readonly sendId?: string; readonly number?: string }
  | { readonly ok: false; readonly message: OwnText };

/** The arguments a lookup command accepts from code, a keybinding or a link: `(sendId, number)`, `[sendId, number]`
 *  (a keybinding's "args" arrive as one argument) or `{ sendId, number }`; strings or safe integers, either part may
 *  be missing (the prompts ask for it). A part that is given but invalid is an error with the prompt's message. */
export function parseKeyArgs(first?: unknown, second?: unknown): KeyArgs {
  let a = first;
  let b = second;
  if (Array.isArray(a)) [a, b] = a as unknown[];
  else if (a && typeof a === 'object') ({ sendId: a, number: b } = a as { sendId?: unknown; number?: unknown });
  const out: { sendId?: string; number?: string } = {};
  const givenId = argString(a);
  if (givenId !== undefined) {
    const c = checkSendId(givenId);
    if (!c.ok) return c;
    out.sendId = c.value;
  }
  const givenNumber = argString(b);
  if (givenNumber !== undefined) {
    const p = normalizePhone(givenNumber);
    if (!p.ok) return { ok: false, message: p.message };
    out.number = p.number;
  }
  return { ok: true, ...out };
}

function argString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : undefined;
}

/** The number as the user wants to see it: masked when `mask` (vairosms.maskNumbers) is on. */
export function shownNumber(number: string, mask: boolean): string {
  return mask ? maskPhone(number) : number;
}
