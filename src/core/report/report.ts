// The answer of NumaraRaporu, parsed leniently: the documented sample is only a sample, so ids may come as strings,
// durum_iade as a number, string or boolean, dates with or without seconds. The envelope (durum/aciklama, failures) is
// src/core/api/envelope.ts; this file reads the report inside it. Nothing here throws.
import { int, parseEnvelope, str, type HttpAnswer, type Parsed } from '../api/envelope';
import { type LookupKey } from '../lookupKey';
import { parseProviderTime } from '../providerTime';
import { boundReport } from './reportBounds';
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
  /** What was cut to its cap (src/core/report/reportBounds.ts), for the panel to say so. */
  readonly cut?: ReportCut;
}

export interface ReportCut {
  /** The message's length in characters before it was cut. */
  readonly message?: number;
  /** Fields whose value (or name) was cut. */
  readonly fields?: readonly string[];
  /** Undocumented fields left out. */
  readonly droppedFields?: number;
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

/** Milliseconds from created_at to updated_at, when both are readable and in order. */
export function timeToUpdate(report: Report): number | undefined {
  const a = parseProviderTime(report.createdAt);
  const b = parseProviderTime(report.updatedAt);
  if (a === undefined || b === undefined || b < a) return undefined;
  return b - a;
}

/** The report in the API's field names (for "Copy JSON" / "Show Raw Response" of a stored lookup): the reverse of
 *  toReport, with the key's parts where the report did not echo them. */
export function toApiShape(report: Report, key: LookupKey): Record<string, unknown> {
  const r = report;
  const out: Record<string, unknown> = {
    id: r.rowId,
    sms_gonderim_id: r.sendId ?? key.sendId,
    numara: r.number ?? key.number,
    mesaj: r.message,
    mesaj_boy: r.parts,
    durum_gonderim: r.status,
    durum_iade: r.refundRaw ?? (r.refund === undefined ? undefined : r.refund ? 1 : 0),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    ...(r.extra ?? {}),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
