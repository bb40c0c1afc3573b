// The send summary (GonderimBilgisi): what VairoSMS knows of a whole send, beside the report of one number. An
// endpoint on the exchange seam (src/core/api/exchange.ts): the request builder and the payload parser. Parsed as
// leniently as the report: numbers may come as strings, paket_durum as "-1", dates in Turkey time with the zero date
// for "none", unknown fields kept, and the `log` of a failed send kept as text whatever its shape (capped).
import { parseEnvelope, int, str, type HttpAnswer, type Parsed } from '../api/envelope';
import { runExchange, type Exchange, type ExchangeDeps, type ExchangeResult } from '../api/exchange';
import { own, type OwnText } from '../ownText';
import { parseProviderTime } from '../providerTime';
import { endpointUrl, type ApiRequest } from '../api/request';
import { CAPS, cutText } from '../api/caps';

/** -1: an error while sending (nothing sent, no credit used, the send is recorded); 0: sent, still in progress;
 *  1: sent and finished. */
export type SendState = -1 | 0 | 1;

export interface SendSummary {
  readonly sendId?: string; // id
  readonly sender?: string; // sms_baslik
  readonly numbers?: number; // numara_toplam
  readonly credits?: number; // kredi_toplam
  /** paket_durum as read; undefined when missing or not one of -1, 0, 1 (then `stateRaw` has it). */
  readonly state?: SendState;
  readonly stateRaw?: string;
  readonly createdAt?: string; // created_at, as sent
  readonly finishedAt?: string; // sonlanma_zamani (the zero date is none)
  readonly scheduledAt?: string; // ileri_tarih (the zero date is none)
  /** gecerlilik_suresi as sent ("24:00:00"), and in milliseconds when readable. */
  readonly validity?: string;
  readonly validityMs?: number;
  /** The log of a failed send, as text (JSON when it was an object), at most CAPS.extraValue * 4 characters. */
  readonly log?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export type SummaryResult = ExchangeResult<{ readonly summary: SendSummary }>;

const KNOWN = new Set([
  'id',
  'sms_baslik',
  'numara_toplam',
  'kredi_toplam',
  'sonlanma_zamani',
  'ileri_tarih',
  'gecerlilik_suresi',
  'paket_durum',
  'created_at',
  'log',
]);

/** The longest log kept: enough to read, never a megabyte. */
export const MAX_LOG = 4096;

/** "0000-00-00 00:00:00" (and any all-zero date) means "none". */
function date(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined || s.trim() === '' || /^[0\s:-]*$/.test(s)) return undefined;
  return cutText(s, CAPS.field);
}

/** "24:00:00", "2:30", "90:00:00" → ms; undefined when not hours:minutes[:seconds]. */
export function parseValidity(v: string | undefined): number | undefined {
  const m = v === undefined ? null : /^\s*(\d{1,4}):([0-5]\d)(?::([0-5]\d))?\s*$/.exec(v);
  if (!m) return undefined;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + (m[3] ? Number(m[3]) : 0)) * 1000;
}

function toSummary(o: Record<string, unknown>): SendSummary {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (KNOWN.has(k) || Object.keys(extra).length >= CAPS.extraFields) continue;
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    extra[cutText(k, CAPS.extraName)] = text.length > CAPS.extraValue ? cutText(text, CAPS.extraValue) : v;
  }
  const stateNumber = int(typeof o.paket_durum === 'string' ? o.paket_durum.trim().replace(/^\+/, '') : o.paket_durum);
  const negative = typeof o.paket_durum === 'string' && /^\s*-1\s*$/.test(o.paket_durum);
  const state =
    negative || o.paket_durum === -1 ? -1 : stateNumber === 0 || stateNumber === 1 ? stateNumber : undefined;
  const validity = str(o.gecerlilik_suresi);
  const log =
    o.log === undefined || o.log === null
      ? undefined
      : typeof o.log === 'string'
        ? o.log
        : (JSON.stringify(o.log, null, 2) ?? String(o.log));
  const summary: Record<string, unknown> = {
    sendId: str(o.id),
    sender: str(o.sms_baslik),
    numbers: int(o.numara_toplam),
    credits: int(o.kredi_toplam),
    state,
    stateRaw:
      state === undefined && o.paket_durum !== undefined
        ? cutText(String(str(o.paket_durum) ?? JSON.stringify(o.paket_durum)), CAPS.field)
        : undefined,
    createdAt: date(o.created_at),
    finishedAt: date(o.sonlanma_zamani),
    scheduledAt: date(o.ileri_tarih),
    validity: validity === undefined ? undefined : cutText(validity, CAPS.field),
    validityMs: parseValidity(validity),
    log: log === undefined ? undefined : log.length > MAX_LOG ? `${cutText(log, MAX_LOG - 1)}…` : log,
    extra: Object.keys(extra).length ? extra : undefined,
  };
  for (const k of ['sendId', 'sender'] as const) {
    const v = summary[k];
    if (typeof v === 'string') summary[k] = cutText(v, CAPS.field);
  }
  for (const k of Object.keys(summary)) if (summary[k] === undefined) delete summary[k];
  return summary as SendSummary;
}

export function parseSummary(answer: HttpAnswer): Parsed<{ readonly summary: SendSummary }> {
  return parseEnvelope(answer, 'a send summary object', (aciklama) => ({ summary: toSummary(aciklama) }));
}

/** `{root}GonderimBilgisi/{sendId}?api_key=KEY`. The page says GET and its PHP sample POSTs: GET first; on 405 the
 *  client sends it once more as POST with an empty JSON object (src/services/apiClient.ts). */
export function buildSummaryRequest(
  apiRoot: string,
  sendId: string,
  apiKey: string,
  method: 'GET' | 'POST',
): ApiRequest {
  const url = endpointUrl(apiRoot, 'GonderimBilgisi', sendId, apiKey);
  return method === 'GET'
    ? { url, method, headers: { accept: 'application/json', 'cache-control': 'no-cache' } }
    : {
        url,
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'cache-control': 'no-cache' },
        body: '{}',
      };
}

function summaryExchange(
  apiRoot: string,
  sendId: string,
  apiKey: string,
  method: 'GET' | 'POST',
): Exchange<{ readonly summary: SendSummary }> {
  return { request: buildSummaryRequest(apiRoot, sendId, apiKey, method), parse: parseSummary };
}

/** The summary of a send, sent as GET (or the method that worked last) and once more with the other method when the
 *  server answers 405 (read-only, so safe). */
export async function lookUpSend(
  p: {
    apiRoot: string;
    sendId: string;
    apiKey: string;
    timeoutMs: number;
    signal?: AbortSignal;
    method?: 'GET' | 'POST';
  },
  deps: ExchangeDeps,
): Promise<SummaryResult & { readonly method: 'GET' | 'POST' }> {
  const first = p.method ?? 'GET';
  const r = await runExchange(summaryExchange(p.apiRoot, p.sendId, p.apiKey, first), p, deps);
  if (!r.ok && r.error.httpStatus === 405) {
    // GET refused: POST once. A remembered POST refused (the server changed): GET once.
    const other = first === 'GET' ? 'POST' : 'GET';
    const again = await runExchange(summaryExchange(p.apiRoot, p.sendId, p.apiKey, other), p, deps);
    return {
      ...again,
      attempts: r.attempts + again.attempts,
      durationMs: r.durationMs + again.durationMs,
      method: other,
    };
  }
  return { ...r, method: first };
}

// ---- what a summary says -------------------------------------------------------------------------------------

export interface SendStateInfo {
  readonly state: SendState | undefined;
  readonly label: OwnText;
  readonly meaning: OwnText;
  readonly final: boolean | undefined;
}

export function describeSendState(state: SendState | undefined): SendStateInfo {
  switch (state) {
    case -1:
      return {
        state,
        label: own('Send failed'),
        meaning: own('An error occurred while sending: nothing was sent and no credit was used. The send is recorded.'),
        final: true,
      };
    case 0:
      return {
        state,
        label: own('Sending'),
        meaning: own('The send started and has not finished yet: reports of its numbers may still change.'),
        final: false,
      };
    case 1:
      return { state, label: own('Finished'), meaning: own('The send went out and has finished.'), final: true };
    default:
      return {
        state,
        label: own('Unknown send state'),
        meaning: own('VairoSMS sent a send state (paket_durum) that is not in its documented list.'),
        final: undefined,
      };
  }
}

/** When the send's validity ends: from the scheduled time if any, else from its creation; epoch ms. */
export function validityEnd(s: SendSummary): number | undefined {
  const start = parseProviderTime(s.scheduledAt) ?? parseProviderTime(s.createdAt);
  return start === undefined || s.validityMs === undefined ? undefined : start + s.validityMs;
}
