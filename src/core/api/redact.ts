// The API key travels in the query string (?api_key=…), so any URL, error, log line or server answer may carry it,
// and a server that echoes it may write it in any escaping. Everything that leaves the request code passes through
// redact(): any api_key= parameter is blanked whatever its value, and the key is found and replaced in every form an
// echoing server could write, each character of it independently as it is or escaped:
//   - percent-encoding in upper- or lower-case hex (UTF-8 for non-ASCII), and + for a space (form encoding);
//   - JSON and JavaScript string escapes: \/ (PHP's json_encode default), \" \\ \n …, \uXXXX (surrogate pairs too),
//     and \xHH;
//   - HTML character references: decimal (&#47;), hex (&#x2F; &#X2f;), with or without leading zeros or the final
//     semicolon, and the named ones for ASCII punctuation (&sol; &plus; &equals; &amp; &lt; &gt; &quot; &apos; …).
// The text is not decoded as a whole: the matcher walks it and tries, at each position, the character as it is and
// every escape that starts there, so a key written with a mix of escapes is found as well (test/unit/redact.test.ts
// proves it with fast-check over random keys and escapings). Letters match in any case: a server may upper-case what
// it echoes (a status code) or lower-case a URL, and a key upper-cased is still the key.

export const REDACTED = '[REDACTED]';

/** Shorter keys are only removed through the api_key= pattern: replacing a 1–3 character string everywhere would
 *  garble the text without hiding anything a reader couldn't guess. */
const MIN_LITERAL = 4;

const API_KEY_PARAM = /([?&;]api_key=)[^&#\s"'<>]*/gi;

/** The named character references a server may use for the characters of a key (HTML5 names the ASCII punctuation). */
const NAMED: Readonly<Record<string, string>> = {
  excl: '!',
  quot: '"',
  QUOT: '"',
  num: '#',
  dollar: '$',
  percnt: '%',
  amp: '&',
  AMP: '&',
  apos: "'",
  lpar: '(',
  rpar: ')',
  ast: '*',
  midast: '*',
  plus: '+',
  comma: ',',
  period: '.',
  sol: '/',
  colon: ':',
  semi: ';',
  lt: '<',
  LT: '<',
  equals: '=',
  gt: '>',
  GT: '>',
  quest: '?',
  commat: '@',
  lsqb: '[',
  lbrack: '[',
  bsol: '\\',
  rsqb: ']',
  rbrack: ']',
  Hat: '^',
  lowbar: '_',
  UnderBar: '_',
  grave: '`',
  DiacriticalGrave: '`',
  lcub: '{',
  lbrace: '{',
  verbar: '|',
  vert: '|',
  VerticalLine: '|',
  rcub: '}',
  rbrace: '}',
  tilde: '~',
  nbsp: '\u00a0',
  NonBreakingSpace: '\u00a0',
  hyphen: '-',
  dash: '-',
  minus: '\u2212',
  Tab: '\t',
  NewLine: '\n',
};
/** Names a browser reads without the final semicolon too (the legacy ones). */
const LEGACY = new Set(['amp', 'AMP', 'lt', 'LT', 'gt', 'GT', 'quot', 'QUOT', 'nbsp']);
const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '/': '/',
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** One way to read the text at a position: the code point it stands for, and how many UTF-16 units it spans. */
interface Reading {
  readonly cp: number;
  readonly len: number;
}

const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** Every reading of `text` at `i`: the character as it is, and each escape that starts there. */
function readingsAt(text: string, i: number, out: Reading[]): void {
  out.length = 0;
  const cp = text.codePointAt(i)!;
  out.push({ cp, len: cp > 0xffff ? 2 : 1 });
  const c = text[i];
  if (c === '+') out.push({ cp: 0x20, len: 1 });
  else if (c === '%') percentAt(text, i, out);
  else if (c === '\\') backslashAt(text, i, out);
  else if (c === '&') entityAt(text, i, out);
}

/** %HH, or a UTF-8 sequence of %HH bytes for one code point. */
function percentAt(text: string, i: number, out: Reading[]): void {
  const byte = (at: number) =>
    text[at] === '%' && isHex(text[at + 1]) && isHex(text[at + 2]) ? parseInt(text.substr(at + 1, 2), 16) : -1;
  const b0 = byte(i);
  if (b0 < 0) return;
  if (b0 < 0x80) {
    out.push({ cp: b0, len: 3 });
    return;
  }
  const n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
  if (n === 0) return;
  let cp = b0 & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = byte(i + 3 * k);
    if (b < 0x80 || b >= 0xc0) return;
    cp = (cp << 6) | (b & 0x3f);
  }
  out.push({ cp, len: 3 * n });
}

/** \/ \" \\ \n …, \uXXXX (a surrogate pair as one code point), \xHH. */
function backslashAt(text: string, i: number, out: Reading[]): void {
  const next = text[i + 1];
  if (next === undefined) return;
  if (next in JSON_ESCAPES) out.push({ cp: JSON_ESCAPES[next].codePointAt(0)!, len: 2 });
  const unit = (at: number) =>
    text[at] === '\\' && text[at + 1] === 'u' && [2, 3, 4, 5].every((k) => isHex(text[at + k]))
      ? parseInt(text.substr(at + 2, 4), 16)
      : -1;
  const u = unit(i);
  if (u >= 0) {
    const low = u >= 0xd800 && u < 0xdc00 ? unit(i + 6) : -1;
    if (low >= 0xdc00 && low < 0xe000) out.push({ cp: 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00), len: 12 });
    else out.push({ cp: u, len: 6 });
  }
  if (next === 'x' && isHex(text[i + 2]) && isHex(text[i + 3])) {
    out.push({ cp: parseInt(text.substr(i + 2, 2), 16), len: 4 });
  }
}

/** &#DDD; &#xHHH; (the semicolon optional, as browsers read them) and the named references above. */
function entityAt(text: string, i: number, out: Reading[]): void {
  if (text[i + 1] === '#') {
    const hex = text[i + 2] === 'x' || text[i + 2] === 'X';
    let j = i + (hex ? 3 : 2);
    const start = j;
    // Any number of leading zeros (browsers read "&#000000090;" as "Z"), then at most 8 digits that count.
    while (j < text.length && text[j] === '0') j++;
    const significant = j;
    while (j < text.length && j - significant < 8 && (hex ? isHex(text[j]) : /[0-9]/.test(text[j]))) j++;
    if (j === start) return;
    const cp = parseInt(text.slice(start, j), hex ? 16 : 10);
    if (text[j] === ';' && cp <= 0x10ffff) out.push({ cp, len: j + 1 - i });
    // Without the semicolon, every shorter run of digits too (a key character "&#32" then a digit of the key).
    for (let end = j; end > start; end--) {
      const v = parseInt(text.slice(start, end), hex ? 16 : 10);
      if (v <= 0x10ffff) out.push({ cp: v, len: end - i });
    }
    return;
  }
  let j = i + 1;
  while (j < text.length && j - i <= 20 && /[A-Za-z]/.test(text[j])) j++;
  for (let end = j; end > i + 1; end--) {
    const name = text.slice(i + 1, end);
    const value = NAMED[name];
    if (value === undefined) continue;
    if (text[end] === ';') out.push({ cp: value.codePointAt(0)!, len: end + 1 - i });
    if (LEGACY.has(name)) out.push({ cp: value.codePointAt(0)!, len: end - i });
  }
}

/** A code point in lower case, where that is one code point (so "İ", whose lower case is two, stays itself). */
function fold(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  const lower = String.fromCodePoint(cp).toLowerCase();
  const first = lower.codePointAt(0)!;
  return lower.length === String.fromCodePoint(first).length ? first : cp;
}

/** The end of the longest span from `start` that reads as `key` (code points, folded), or -1. */
function matchAt(text: string, start: number, key: readonly number[], scratch: Reading[][]): number {
  // Depth-first over (position, key index); failed pairs are remembered, so mixed escapes cannot make it exponential.
  let failed: Set<number> | undefined;
  const width = key.length + 1;
  let best = -1;
  const visit = (pos: number, k: number): boolean => {
    if (k === key.length) {
      best = Math.max(best, pos);
      return true;
    }
    if (pos >= text.length || failed?.has(pos * width + k)) return false;
    // The plain character alone (no escape starts here): no branching, no allocation.
    const c = text.charCodeAt(pos);
    if (c !== 0x25 && c !== 0x5c && c !== 0x26 && c !== 0x2b) {
      const cp = text.codePointAt(pos)!;
      return fold(cp) === key[k] && visit(pos + (cp > 0xffff ? 2 : 1), k + 1);
    }
    const readings = (scratch[k] ??= []);
    readingsAt(text, pos, readings);
    const options: number[] = [];
    for (const r of readings) if (fold(r.cp) === key[k]) options.push(r.len);
    let found = false;
    for (const len of options) if (visit(pos + len, k + 1)) found = true;
    if (!found) (failed ??= new Set()).add(pos * width + k);
    return found;
  };
  visit(start, 0);
  return best;
}

/** Where a key may start: its first character, or a character that starts an escape (% \\ & +). The scan is a native
 *  regular-expression search, so a 200 KB message without any of them costs almost nothing. */
function startPattern(first: number): RegExp {
  const ch = String.fromCodePoint(first).replace(/[\\\]^-]/g, '\\$&');
  return new RegExp(`[${ch}%\\\\&+]`, first > 0xffff ? 'giu' : 'gi');
}

/** % \\ & + as char codes: characters that can start an escape. */
const ESCAPE_STARTS = new Set([0x25, 0x5c, 0x26, 0x2b]);

const firstUnit = (cp: number | undefined) => (cp === undefined ? -1 : String.fromCodePoint(cp).charCodeAt(0));
const foldUnit = (unit: number) => (Number.isNaN(unit) ? unit : fold(unit));

function removeKey(text: string, key: readonly number[], starts: RegExp): string {
  const scratch: Reading[][] = [];
  let out = '';
  let copied = 0;
  starts.lastIndex = 0;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    const i = m.index;
    if (i < copied) continue;
    // The common case, a letter of the key in plain text: the next character must be the key's next, as it is or
    // starting an escape, before the full search is worth it.
    const here = text.charCodeAt(i);
    const next = text.charCodeAt(i + (key[0] > 0xffff ? 2 : 1));
    if (!ESCAPE_STARTS.has(here) && foldUnit(next) !== firstUnit(key[1]) && !ESCAPE_STARTS.has(next)) continue;
    const end = matchAt(text, i, key, scratch);
    if (end > i) {
      out += text.slice(copied, i) + REDACTED;
      copied = end;
      starts.lastIndex = end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A redaction function for these secrets (a lookup redacts many strings with the same key). */
export function redactor(...secrets: Array<string | undefined>): (text: string) => string {
  const keys = new Map<string, { cps: number[]; starts: RegExp }>();
  const add = (s: string) => {
    if (s.length < MIN_LITERAL || keys.has(s.toLowerCase())) return;
    const cps = Array.from(s, (ch) => fold(ch.codePointAt(0)!));
    keys.set(s.toLowerCase(), { cps, starts: startPattern(cps[0]) });
  };
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_LITERAL) continue;
    add(secret);
    add(secret.trim());
    // A newline in a key, or a very long one, may be split or re-wrapped: also remove each line of it.
    for (const line of secret.split(/\r?\n/)) if (line.length >= 8 && line !== secret) add(line);
  }
  // Longest first, so a key that contains another is replaced whole.
  const ordered = [...keys.values()].sort((a, b) => b.cps.length - a.cps.length);
  // The key's own forms first, then any api_key= value: blanking "api_key=" first would stop at a "&" inside a key
  // and leave the rest of it for the literal match to miss.
  return (text) => {
    let out = text;
    for (const key of ordered) out = removeKey(out, key.cps, key.starts);
    return out.replace(API_KEY_PARAM, `$1${REDACTED}`);
  };
}

export function redact(text: string, ...secrets: Array<string | undefined>): string {
  return redactor(...secrets)(text);
}

/** How deep redactValueWith walks; an answer deeper than this is refused before it gets here (src/core/api/envelope.ts
 *  MAX_JSON_DEPTH), so what lies below is never a string of the answer: it is dropped, never walked into. */
const MAX_WALK_DEPTH = 100;

/** Deep-redacts a JSON-like value (for the raw response view and for logged objects). */
export function redactValue<T>(value: T, ...secrets: Array<string | undefined>): T {
  return redactValueWith(value, redactor(...secrets));
}

/** Deep-redacts a JSON-like value: every string, and every property name (a server may echo the key as a field's
 *  name). Depth-capped (MAX_WALK_DEPTH), so no answer can overflow the stack here. */
export function redactValueWith<T>(value: T, clean: (text: string) => string, depth = 0): T {
  if (typeof value === 'string') return clean(value) as T;
  if (depth >= MAX_WALK_DEPTH) return undefined as T;
  if (Array.isArray(value)) return value.map((v) => redactValueWith(v, clean, depth + 1)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[clean(k)] = redactValueWith(v, clean, depth + 1);
    return out as T;
  }
  return value;
}
