// The envelope every VairoSMS answer shares, parsed leniently: `{"durum": true, "aciklama": {…}}` carries the payload,
// `{"durum": false, "aciklama": "…"}` a failure in the provider's words (a sentence or a code), and anything else (an
// HTML error page, an empty body, a non-2xx status) is classified by its HTTP status. An endpoint brings only the
// parser of its payload; nothing here throws.
import { excerpt, isProviderCode, type LookupError } from './errors';
import { CAPS, cutText } from './caps';
import { redactValueWith } from './redact';

/** An answer nested deeper than this is refused as a bad response. The documented one is two levels deep; without a
 *  cap, 4 KB of brackets would overflow the stack of any walk over it (JSON.parse itself takes far more). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `max` levels, found without recursion. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length) {
    const { v, d } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
  readonly retryAfter?: string;
  /** Removes secrets: from every string and property name of a JSON answer right after it is parsed, before any
   *  field is cut, upper-cased or otherwise read (a key cut in half, or upper-cased, would no longer match a
   *  redaction applied afterwards); from the body before an excerpt is cut from it. */
  readonly redact?: (text: string) => string;
}

/** A parsed answer: the endpoint's payload fields (e.g. `report`) and the JSON as received, or a classified failure. */
export type Parsed<S extends object> =
  | ({ readonly ok: true; readonly raw: unknown } & S)
  | { readonly ok: false; readonly error: LookupError; readonly raw?: unknown };

/** `payload` names what a successful answer must carry ("a report object"), for the detail when it does not. */
export function parseEnvelope<S extends object>(
  answer: HttpAnswer,
  payload: string,
  toValue: (aciklama: Record<string, unknown>) => S,
): Parsed<S> {
  const text = answer.body.replace(/^\uFEFF/, '');
  let json: unknown;
  let isJson = false;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  const status = answer.status;
  if (isJson && deeperThan(json, MAX_JSON_DEPTH)) {
    const detail = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    return { ok: false, error: { kind: 'bad-response', httpStatus: status, detail } };
  }
  if (isJson && answer.redact) json = redactValueWith(json, answer.redact);
  const retryAfterSeconds = parseRetryAfter(answer.retryAfter);
  const withRetry = retryAfterSeconds !== undefined ? { retryAfterSeconds } : {};

  if (isJson && json !== null && typeof json === 'object' && !Array.isArray(json) && 'durum' in json) {
    const obj = json as Record<string, unknown>;
    const aciklama = obj.aciklama;
    if (truthy(obj.durum)) {
      if (aciklama && typeof aciklama === 'object' && !Array.isArray(aciklama)) {
        return { ok: true, ...toValue(aciklama as Record<string, unknown>), raw: json } as Parsed<S>;
      }
      return {
        ok: false,
        error: { kind: 'bad-response', httpStatus: status, detail: `durum: true without ${payload}` },
        raw: json,
      };
    }
    const said =
      aciklama === undefined || aciklama === null
        ? undefined
        : typeof aciklama === 'string'
          ? aciklama
          : JSON.stringify(aciklama);
    const providerText =
      said !== undefined && said.length > CAPS.providerText ? `${cutText(said, CAPS.providerText - 1)}…` : said;
    const p = providerText !== undefined ? { providerText } : {};
    if (status === 401 || status === 403 || (providerText !== undefined && /api[_ ]?key/i.test(providerText))) {
      return { ok: false, error: { kind: 'unauthorized', httpStatus: status, ...p }, raw: json };
    }
    if (status === 429)
      return { ok: false, error: { kind: 'rate-limited', httpStatus: status, ...p, ...withRetry }, raw: json };
    if (status === 404 && !isProviderCode(providerText)) {
      const missing = whatIsMissing(providerText);
      return {
        ok: false,
        error: { kind: 'not-found', httpStatus: status, ...p, ...(missing ? { missing } : {}) },
        raw: json,
      };
    }
    if (status >= 500) return { ok: false, error: { kind: 'server', httpStatus: status, ...p }, raw: json };
    return { ok: false, error: { kind: 'provider', httpStatus: status, ...p }, raw: json };
  }

  // Not the documented envelope: classify by status, keep a short excerpt as a detail (an HTML page: its title and
  // the start of its visible text, not its markup).
  const clean = answer.redact ? answer.redact(text) : text;
  const page = isHtml(clean) ? readHtmlPage(clean, answer.redact) : undefined;
  const detail = text.trim() === '' ? 'empty body' : excerpt(clean);
  const withPage = page ? { page } : {};
  const raw = isJson ? json : undefined;
  if (status === 401 || status === 403)
    return { ok: false, error: { kind: 'unauthorized', httpStatus: status, detail, ...withPage }, raw };
  if (status === 404) return { ok: false, error: { kind: 'not-found', httpStatus: status, detail, ...withPage }, raw };
  if (status === 429)
    return { ok: false, error: { kind: 'rate-limited', httpStatus: status, detail, ...withRetry, ...withPage }, raw };
  if (status >= 500) return { ok: false, error: { kind: 'server', httpStatus: status, detail, ...withPage }, raw };
  if (status < 200 || status >= 300)
    return { ok: false, error: { kind: 'http-status', httpStatus: status, detail, ...withPage }, raw };
  return { ok: false, error: { kind: 'bad-response', httpStatus: status, detail, ...withPage }, raw };
}

/** What a 404's text says is missing: the provider's pages do not document it, so only a plain "number" or "send"
 *  word decides; anything else stays "not found". */
export function whatIsMissing(text: string | undefined): 'send' | 'number' | undefined {
  if (text === undefined) return undefined;
  if (/numara|number/i.test(text)) return 'number';
  if (/g[öo]nderim|\bsend\b/i.test(text)) return 'send';
  return undefined;
}

function isHtml(text: string): boolean {
  return (
    /^\s*(<!doctype html|<html|<head|<body)/i.test(cutText(text, 2000)) ||
    /<\/(html|body|title)>/i.test(cutText(text, 20_000))
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A character reference's text: a code point Unicode has (not a surrogate), else U+FFFD; NUL a space. */
function fromReference(ref: string): string {
  const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (!Number.isFinite(n) || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return n === 0 ? ' ' : String.fromCodePoint(n);
}

const decodeHtml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]{1,8}|#\d{1,10}|[a-z]{2,8});/gi, (m, e: string) =>
    e[0] === '#' ? fromReference(e) : (ENTITIES[e.toLowerCase()] ?? m),
  );

const SKIPPED = new Set(['script', 'style', 'noscript', 'template']);
const READ_WINDOW = 32 * 1024;
const KEPT_TEXT = 4000;

/**
 * An HTML error page's title and the start of its visible text (scripts, styles and tags removed), as text. One
 * pass over the start of the page (every `<` is looked at once: no regular expression that backtracks over a page of
 * `<<<<`). The text is decoded, then `redact`ed, then cut: a key written as character references, or cut by the
 * excerpt, is still found.
 */
export function readHtmlPage(
  html: string,
  redact: (text: string) => string = (t) => t,
): { title?: string; text?: string } {
  const page = cutText(html, READ_WINDOW);
  let title = '';
  let text = '';
  let inTitle = false;
  let skipping: string | undefined;
  let i = 0;
  while (i < page.length) {
    const lt = page.indexOf('<', i);
    const chunk = page.slice(i, lt < 0 ? page.length : lt);
    if (chunk && !skipping) {
      if (inTitle) title = (title + chunk).slice(0, KEPT_TEXT);
      else if (text.length < KEPT_TEXT) text += chunk;
    }
    if (lt < 0) break;
    const gt = page.indexOf('>', lt + 1);
    if (gt < 0) break; // no tag closes after here: the rest is not text either
    const name = /^\/?([a-z][a-z0-9-]*)/i.exec(page.slice(lt + 1, Math.min(gt, lt + 40)))?.[1]?.toLowerCase();
    const closing = page[lt + 1] === '/';
    if (name) {
      if (skipping) {
        if (closing && name === skipping) skipping = undefined;
      } else if (SKIPPED.has(name) && !closing) skipping = name;
      else if (name === 'title') inTitle = !closing;
      else if (name === 'body' && !closing) text = ''; // what came before the body is the head
    }
    if (!inTitle && text.length < KEPT_TEXT) text += ' ';
    i = gt + 1;
  }
  const read = (s: string, max: number) => excerpt(redact(decodeHtml(s)), max);
  const t = title.trim() ? read(title, 120) : '';
  const body = read(text, 200);
  return { ...(t ? { title: t } : {}), ...(body && body !== t ? { text: body } : {}) };
}

// Lenient readers for payload fields: the documented samples are only samples.

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Retry-After as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.ceil((t - now) / 1000));
}
