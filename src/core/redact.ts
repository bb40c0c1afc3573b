// The API key travels in the query string (?api_key=…), so any URL, error or log line may carry it. Everything
// that leaves the request code passes through redact(): the key's value is replaced wherever it appears, in any
// of the encodings a URL or error message can hold it, and any api_key= parameter is blanked whatever its value.

export const REDACTED = '[REDACTED]';

/** Shorter keys are only removed through the api_key= pattern: replacing a 1–3 character string everywhere would
 *  garble the text without hiding anything a reader couldn't guess. */
const MIN_LITERAL = 4;

const API_KEY_PARAM = /([?&;]api_key=)[^&#\s"'<>]*/gi;

/** A redaction function for these secrets, with every encoded form worked out once (a lookup redacts many strings). */
export function redactor(...secrets: Array<string | undefined>): (text: string) => string {
  const needles: string[] = [];
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_LITERAL) continue;
    for (const form of encodedForms(secret)) if (form.length >= MIN_LITERAL) needles.push(form);
    // A newline in a key, or a very long one, may be split or re-wrapped: also remove each line of it.
    for (const line of secret.split(/\r?\n/)) if (line.length >= 8 && line !== secret) needles.push(line);
  }
  return (text) => {
    let out = text.replace(API_KEY_PARAM, `$1${REDACTED}`);
    for (const n of needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  };
}

export function redact(text: string, ...secrets: Array<string | undefined>): string {
  return redactor(...secrets)(text);
}

function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret, secret.trim()]);
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ k: secret }).toString().slice(2)); // form encoding: space as +
  forms.add(encodeURI(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Deep-redacts a JSON-like value (for the raw response view and for logged objects). */
export function redactValue<T>(value: T, ...secrets: Array<string | undefined>): T {
  return redactValueWith(value, redactor(...secrets));
}

export function redactValueWith<T>(value: T, clean: (text: string) => string): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValueWith(v, clean)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValueWith(v, clean);
    return out as T;
  }
  return value;
}
