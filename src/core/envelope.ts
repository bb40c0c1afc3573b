// The envelope every VairoSMS answer shares, parsed leniently: `{"durum": true, "aciklama": {…}}` carries the payload,
// `{"durum": false, "aciklama": "…"}` a failure in the provider's words (a sentence or a code), and anything else (an
// HTML error page, an empty body, a non-2xx status) is classified by its HTTP status. An endpoint brings only the
// parser of its payload; nothing here throws.
import { excerpt, isProviderCode, type LookupError } from './errors';
import { CAPS, cutText } from './reportBounds';

export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
  readonly retryAfter?: string;
  /** Removes secrets from the body before an excerpt is cut from it: a key cut in half by the cut would no longer
   *  match the redaction applied afterwards, and its first half would leak into the detail. */
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
  const page = isHtml(clean) ? readHtmlPage(clean) : undefined;
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

/** An HTML error page's title and the start of its visible text (scripts, styles and tags removed), as text. */
export function readHtmlPage(html: string): { title?: string; text?: string } {
  const window = cutText(html, 64 * 1024);
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(Number(e[1] === 'x' || e[1] === 'X' ? `0x${e.slice(2)}` : e.slice(1)) || 32)
        : (ENTITIES[e.toLowerCase()] ?? m),
    );
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(window);
  const title = titleMatch ? excerpt(decode(titleMatch[1].replace(/<[^>]*>/g, ' ')), 120) : undefined;
  const body = (/<body[^>]*>([\s\S]*)/i.exec(window)?.[1] ?? window)
    .replace(/<(script|style|noscript|template)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<title[^>]*>[\s\S]*?<\/title>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  const text = excerpt(decode(body), 200);
  return { ...(title ? { title } : {}), ...(text && text !== title ? { text } : {}) };
}

// Lenient readers for payload fields: the documented samples are only samples.

export function truthy(v: unknown): boolean {
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
