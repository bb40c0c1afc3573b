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
    if (status === 404 && !isProviderCode(providerText))
      return { ok: false, error: { kind: 'not-found', httpStatus: status, ...p }, raw: json };
    if (status >= 500) return { ok: false, error: { kind: 'server', httpStatus: status, ...p }, raw: json };
    return { ok: false, error: { kind: 'provider', httpStatus: status, ...p }, raw: json };
  }

  // Not the documented envelope: classify by status, keep a short excerpt as a detail.
  const detail = text.trim() === '' ? 'empty body' : excerpt(answer.redact ? answer.redact(text) : text);
  const raw = isJson ? json : undefined;
  if (status === 401 || status === 403)
    return { ok: false, error: { kind: 'unauthorized', httpStatus: status, detail }, raw };
  if (status === 404) return { ok: false, error: { kind: 'not-found', httpStatus: status, detail }, raw };
  if (status === 429)
    return { ok: false, error: { kind: 'rate-limited', httpStatus: status, detail, ...withRetry }, raw };
  if (status >= 500) return { ok: false, error: { kind: 'server', httpStatus: status, detail }, raw };
  if (status < 200 || status >= 300)
    return { ok: false, error: { kind: 'http-status', httpStatus: status, detail }, raw };
  return { ok: false, error: { kind: 'bad-response', httpStatus: status, detail }, raw };
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
