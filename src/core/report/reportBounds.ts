// What a report may weigh. A server's answer is up to 1 MB (the transport's cap), and everything in it is kept
// somewhere: in memory while a panel or a batch shows it, in globalState while Recent Lookups keeps it. So every field
// has a cap, and a field that was cut says so (Report.cut), for the panel to tell the user:
//   - as parsed: the message up to 128 K characters (an SMS of 10 parts is about 1,500), every other documented field
//     up to 200, an undocumented field's value up to 1 K (its name up to 100), at most 32 undocumented fields;
//   - as stored in Recent Lookups: the message up to 4 K characters;
//   - as kept for a batch row (its table and export need no more): the message up to 1 K characters.
import { CAPS, cutText } from '../api/caps';
import { type Report, type ReportCut } from './report';

const SCALARS = ['rowId', 'sendId', 'number', 'status', 'refundRaw', 'createdAt', 'updatedAt'] as const;

/** How much of a report's undocumented fields is kept: as parsed (the panel shows them), and as stored in Recent
 *  Lookups, where every lookup and watch check rewrites every entry (a hostile answer made an entry 82 KB). */
export interface ExtraLimits {
  readonly fields: number;
  readonly value: number;
  readonly name: number;
}
const PARSED_EXTRA: ExtraLimits = { fields: CAPS.extraFields, value: CAPS.extraValue, name: CAPS.extraName };
export const STORED_EXTRA: ExtraLimits = {
  fields: CAPS.storedExtraFields,
  value: CAPS.storedExtraValue,
  name: CAPS.storedExtraName,
};

/** The report with every field within its cap, the message within `messageCap`, the undocumented fields within
 *  `extras`; what was cut is listed in `cut`. */
export function boundReport(
  report: Report,
  messageCap: number = CAPS.message,
  extras: ExtraLimits = PARSED_EXTRA,
): Report {
  const fields = new Set(report.cut?.fields ?? []);
  let droppedFields = report.cut?.droppedFields ?? 0;
  let messageLength = report.cut?.message;
  const out: Record<string, unknown> = { ...report };
  for (const k of SCALARS) {
    const v = report[k];
    if (typeof v === 'string' && v.length > CAPS.field) {
      out[k] = cutText(v, CAPS.field);
      fields.add(k);
    }
  }
  if (report.message !== undefined && report.message.length > messageCap) {
    out.message = cutText(report.message, messageCap);
    messageLength ??= report.message.length;
  }
  if (report.extra) {
    const extra: Record<string, unknown> = {};
    const entries = Object.entries(report.extra);
    for (const [name, value] of entries.slice(0, extras.fields)) {
      const key = cutText(name, extras.name);
      const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
      if (text.length > extras.value || key !== name) {
        extra[key] = text.length > extras.value ? cutText(text, extras.value) : value;
        fields.add(key);
      } else {
        extra[key] = value;
      }
    }
    droppedFields += Math.max(0, entries.length - extras.fields);
    out.extra = extra;
  }
  const cut: ReportCut = {
    ...(messageLength !== undefined ? { message: messageLength } : {}),
    ...(fields.size ? { fields: [...fields] } : {}),
    ...(droppedFields ? { droppedFields } : {}),
  };
  if (Object.keys(cut).length) out.cut = cut;
  else delete out.cut;
  return out as unknown as Report;
}
