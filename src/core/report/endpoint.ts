// The number report (NumaraRaporu): one send ID + one number → the report of that number, or a classified error. An
// endpoint on the exchange seam (src/core/api/exchange.ts), whole in this file: its request, its answer's parser and
// the exchange that joins them. The answer is parsed leniently: the documented sample is only a sample, so ids may come
// as strings, durum_iade as a number, string or boolean, dates with or without seconds. The envelope (durum/aciklama,
// failures) is src/core/api/envelope.ts; this file reads the report inside it. Nothing here throws.
//   NumaraRaporu/{sendId}?api_key=KEY   POST {"numara": "…"}
import { int, parseEnvelope, str, type HttpAnswer, type Parsed } from '../api/envelope';
import { runExchange, type Exchange, type ExchangeDeps, type ExchangeResult } from '../api/exchange';
import { endpointUrl, JSON_HEADERS, type ApiRequest } from '../api/request';
import { type Report } from './report';
import { boundReport } from './reportBounds';
import { statusCodeOf } from './statuses';

/** Expects values that already passed checkApiRoot, checkSendId and normalizePhone. */
export function buildReportRequest(
  apiRoot: string,
  sendId: string,
  number: string,
  apiKey: string,
): ApiRequest & { readonly body: string } {
  return {
    url: endpointUrl(apiRoot, 'NumaraRaporu', sendId, apiKey),
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ numara: number }),
  };
}

export type ParsedAnswer = Parsed<{ readonly report: Report }>;

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

/** The answer of NumaraRaporu: a report, or a classified failure. */
export function parseAnswer(answer: HttpAnswer): ParsedAnswer {
  return parseEnvelope(answer, 'a report object', (aciklama) => ({ report: toReport(aciklama) }));
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
  return boundReport(report as unknown as Report);
}

export interface LookupParams {
  readonly apiRoot: string; // checked with checkApiRoot
  readonly sendId: string; // checked with checkSendId
  readonly number: string; // normalized with normalizePhone
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type LookupResult = ExchangeResult<{ readonly report: Report }>;

export function reportExchange(
  apiRoot: string,
  sendId: string,
  number: string,
  apiKey: string,
): Exchange<{ readonly report: Report }> {
  return { request: buildReportRequest(apiRoot, sendId, number, apiKey), parse: parseAnswer };
}

export function lookUpReport(p: LookupParams, deps: ExchangeDeps): Promise<LookupResult> {
  return runExchange(reportExchange(p.apiRoot, p.sendId, p.number, p.apiKey), p, deps);
}
