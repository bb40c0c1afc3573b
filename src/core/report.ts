// The answer of NumaraRaporu, parsed leniently: the documented sample is only a sample, so ids may come as strings,
// durum_iade as a number, string or boolean, dates with or without seconds. Anything that is not a report becomes a
// classified LookupError; nothing here throws.
import * as l10n from '@vscode/l10n';
import { excerpt, isProviderCode, type LookupError } from './errors';
import { statusCodeOf } from './statuses';

export interface Report {
  readonly rowId?: string; // id
  readonly sendId?: string; // sms_gonderim_id
  readonly number?: string; // numara
  readonly message?: string; // mesaj (untrusted text)
  readonly parts?: number; // mesaj_boy
  readonly status: string; // durum_gonderim, normalized code ('' when missing)
  readonly refund?: boolean; // durum_iade
  readonly refundRaw?: string; // durum_iade as sent, when it is not a plain 0/1/boolean
  readonly createdAt?: string; // as sent, local time of the provider
  readonly updatedAt?: string;
  /** Fields the documentation does not list, kept to be shown raw. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string;
  readonly retryAfter?: string;
  /** Removes secrets from the body before an excerpt is cut from it: a key cut in half by the cut would no longer
   *  match the redaction applied afterwards, and its first half would leak into the detail. */
  readonly redact?: (text: string) => string;
}

export type ParsedAnswer =
  | { readonly ok: true; readonly report: Report; readonly raw: unknown }
  | { readonly ok: false; readonly error: LookupError; readonly raw?: unknown };

const KNOWN_FIELDS = new Set([
  'id',
  'sms_gonderim_id',
  'numara',
  'mesaj',
  'mesaj_boy',
  'durum_gonderim',
  'durum_iade',
  'created_at',
  'updated_at',
]);

export function parseAnswer(answer: HttpAnswer): ParsedAnswer {
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
        return { ok: true, report: toReport(aciklama as Record<string, unknown>), raw: json };
      }
      return {
        ok: false,
        error: { kind: 'bad-response', httpStatus: status, detail: 'durum: true without a report object' },
        raw: json,
      };
    }
    const providerText =
      aciklama === undefined || aciklama === null
        ? undefined
        : typeof aciklama === 'string'
          ? aciklama
          : JSON.stringify(aciklama);
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

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function refundOf(v: unknown): { refund?: boolean; refundRaw?: string } {
  if (v === undefined || v === null || v === '') return {};
  if (v === true || v === 1 || v === '1') return { refund: true };
  if (v === false || v === 0 || v === '0') return { refund: false };
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'evet' || s === 'yes') return { refund: true, refundRaw: v };
    if (s === 'false' || s === 'hayir' || s === 'hayır' || s === 'no') return { refund: false, refundRaw: v };
  }
  return { refundRaw: typeof v === 'string' ? v : JSON.stringify(v) };
}

function toReport(o: Record<string, unknown>): Report {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!KNOWN_FIELDS.has(k)) extra[k] = v;
  const report: Record<string, unknown> = {
    rowId: str(o.id),
    sendId: str(o.sms_gonderim_id),
    number: str(o.numara),
    message: typeof o.mesaj === 'string' ? o.mesaj : str(o.mesaj),
    parts: int(o.mesaj_boy),
    status: statusCodeOf(o.durum_gonderim),
    ...refundOf(o.durum_iade),
    createdAt: str(o.created_at),
    updatedAt: str(o.updated_at),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
  for (const k of Object.keys(report)) if (report[k] === undefined) delete report[k];
  return report as unknown as Report;
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

/** Turkey has used UTC+3 all year since 2016; the API gives local times without a zone, so we assume it. */
export const PROVIDER_UTC_OFFSET_MINUTES = 180;

/** "2016-08-01 14:30:14", "2016-08-01 14:30", "2016-08-01T14:30:14" (Turkey time), or with an explicit zone. */
export function parseProviderTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let offset = PROVIDER_UTC_OFFSET_MINUTES;
  if (zone) {
    if (zone === 'Z') offset = 0;
    else {
      const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
      offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  }
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), s ? Number(s) : 0, ms);
  if (Number.isNaN(utc)) return undefined;
  return utc - offset * 60_000;
}

/** Milliseconds from created_at to updated_at, when both are readable and in order. */
export function timeToUpdate(report: Report): number | undefined {
  const a = parseProviderTime(report.createdAt);
  const b = parseProviderTime(report.updatedAt);
  if (a === undefined || b === undefined || b < a) return undefined;
  return b - a;
}

/** "10 s", "2 min 5 s", "3 h 4 min", "2 d 1 h": a compact duration, units in the display language. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return l10n.t('{0} s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? l10n.t('{0} min {1} s', m, s % 60) : l10n.t('{0} min', m);
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? l10n.t('{0} h {1} min', h, m % 60) : l10n.t('{0} h', h);
  const d = Math.floor(h / 24);
  return h % 24 ? l10n.t('{0} d {1} h', d, h % 24) : l10n.t('{0} d', d);
}
