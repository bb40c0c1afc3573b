// The report of one number in one send, as data: its fields as the extension keeps them (parsed from NumaraRaporu's
// answer in src/core/report/endpoint.ts), the time it took to change, and the API's own shape for Copy JSON.
import { type LookupKey } from '../lookupKey';
import { parseProviderTime } from '../providerTime';

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
