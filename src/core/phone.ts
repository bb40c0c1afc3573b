// Phone numbers as a developer types or pastes them, normalized to what the API's sample sends: digits only, and
// for Turkish numbers the 10-digit national form ("5399999999"). Other numbers of 7 to 15 digits pass as given
// (international routes exist, and E.164 allows 15 digits); anything else is refused with what is accepted.
import { own, type OwnText } from './ownText';
import { plural } from './numbers';

type PhoneKind = 'turkish-mobile' | 'turkish' | 'other';

export type PhoneResult =
  | { readonly ok: true; readonly number: string; readonly kind: PhoneKind; readonly changed: boolean }
  | { readonly ok: false; readonly reason: 'empty' | 'characters' | 'length'; readonly message: OwnText };

/** Separators people put in numbers: spaces (incl. no-break and thin), dashes, dots, slashes and brackets. */
const SEPARATORS = /[ \t\u00a0\u2007\u202f\-\u2010-\u2015.()/[\]]/g;

export const MIN_DIGITS = 7;
export const MAX_DIGITS = 15;

export function normalizePhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty', message: acceptedMessage(own('Enter a phone number.')) };
  const compact = trimmed.replace(SEPARATORS, '');
  const m = /^(\+|00)?(\d+)$/.exec(compact);
  if (!m) {
    return {
      ok: false,
      reason: 'characters',
      message: acceptedMessage(
        own('A phone number may contain only digits, one leading +, spaces, dashes, dots and brackets.'),
      ),
    };
  }
  const international = m[1] !== undefined;
  let digits = m[2];
  let turkishPrefix = false;
  if (digits.length === 12 && digits.startsWith('90')) {
    digits = digits.slice(2); // +90 …, 0090 … and 90 … all carry Turkey's country code
    turkishPrefix = true;
  } else if (!international && digits.length === 11 && digits.startsWith('0') && !digits.startsWith('00')) {
    digits = digits.slice(1); // the national trunk prefix: 0539 …
    turkishPrefix = true;
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    return {
      ok: false,
      reason: 'length',
      message: acceptedMessage(
        plural(
          digits.length,
          own('A phone number cannot have {0} digit.', digits.length),
          own('A phone number cannot have {0} digits.', digits.length),
        ),
      ),
    };
  }
  const national = digits.length === 10 && digits[0] !== '0';
  const kind: PhoneKind =
    national && digits[0] === '5' && (turkishPrefix || !international)
      ? 'turkish-mobile'
      : national && turkishPrefix
        ? 'turkish'
        : 'other';
  return { ok: true, number: digits, kind, changed: digits !== trimmed };
}

function acceptedMessage(problem: OwnText): OwnText {
  return own(
    '{0} Accepted: a Turkish number such as 0539 999 99 99, +90 539 999 99 99 or 5399999999, or another number of 7 to 15 digits.',
    problem,
  );
}

/** "539****999": shows enough to recognise a number without exposing it (the maskNumbers setting). */
export function maskPhone(number: string): string {
  if (number.length <= 6) return '*'.repeat(number.length);
  const head = number.length >= 10 ? 3 : 2;
  return number.slice(0, head) + '*'.repeat(number.length - head - 3) + number.slice(-3);
}

/** A Turkish mobile number in the API's other form: 5XXXXXXXXX ↔ 905XXXXXXXXX. */
export function otherForm(number: string): string | undefined {
  if (/^5\d{9}$/.test(number)) return `90${number}`;
  if (/^905\d{9}$/.test(number)) return number.slice(2);
  return undefined;
}
