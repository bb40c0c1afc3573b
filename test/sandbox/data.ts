// The reports the sandbox knows, keyed by send ID, then by number (the 10-digit Turkish form, "5399999999").
// Plain data plus the named constants tests use, so a test never repeats a magic number.
//
// To add a case: add an entry to one of the lists below (HOSTILE_MESSAGES is the usual one), give it a number that
// no other entry uses, and read that number from the exported constant in the test. Numbers are stable: never
// renumber an entry, only append.
//
// The values are what VairoSMS would put in `aciklama`, deliberately of loose types (ids as strings, durum_iade as
// "1" or true, dates without seconds): the API page gives only samples, and the client must be lenient.
//
// The sends are in sends/ (main.ts: send 187; bulk.ts: sends 500 and 600; summaries.ts: GonderimBilgisi and the second
// account; types.ts); this module joins them into SENDS and answers findReport.
import { type Answer, type QueryContext, type RawReport, STATUS_CODES } from './sends/types';
import { buildMainSend, MAIN_SEND_ID, NUMBER_FOR_STATUS, report } from './sends/main';
import { BATCH, BIG, bigReport, buildBatchSend } from './sends/bulk';
import { SECOND_ACCOUNT, SUMMARY_SENDS } from './sends/summaries';

export { STATUS_CODES } from './sends/types';
export type { QueryContext, StatusCode } from './sends/types';
export {
  SAMPLE,
  SAMPLE_REPORT,
  NUMBER_FOR_STATUS,
  LENIENT,
  UNKNOWN_STATUS,
  HOSTILE_MESSAGES,
  HOSTILE_NUMBER,
  NUMBER_FOR_HOSTILE,
  HOSTILE_FIELDS,
  LINK_PAYLOADS,
  LINK_STATUS,
  PROGRESSING,
  DEFAULT_PROGRESS_AFTER,
  TWELVE_DIGIT,
  OVERSIZED,
} from './sends/main';
export { BATCH, batchNumber, batchStatus, BIG, bigNumber } from './sends/bulk';
export { SUMMARY_SENDS, FAILED_LOG, HOSTILE_SUMMARY, SECOND_ACCOUNT, findSummary } from './sends/summaries';

// ---------------------------------------------------------------------------------------------------------------

/** Every send the sandbox knows: send ID → number → answer. */
const SENDS: Readonly<Record<string, Readonly<Record<string, Answer>>>> = {
  [MAIN_SEND_ID]: buildMainSend(),
  [BATCH.sendId]: buildBatchSend(),
  [SECOND_ACCOUNT.sendId]: {
    [SECOND_ACCOUNT.number]: {
      ...report(SECOND_ACCOUNT.number, { durum_gonderim: 'DELIVERED' }),
      sms_gonderim_id: Number(SECOND_ACCOUNT.sendId),
    },
    [SECOND_ACCOUNT.waiting]: {
      ...report(SECOND_ACCOUNT.waiting, { durum_gonderim: 'WAITING' }),
      sms_gonderim_id: Number(SECOND_ACCOUNT.sendId),
    },
  },
  ...Object.fromEntries(
    Object.values(SUMMARY_SENDS).map(({ sendId, number }) => [
      sendId,
      {
        [number]: {
          ...report(number, { durum_gonderim: STATUS_CODES.find((c) => NUMBER_FOR_STATUS[c] === number) ?? 'DEFAULT' }),
          sms_gonderim_id: Number(sendId),
        },
      },
    ]),
  ),
};

export type Found =
  { readonly found: true; readonly report: RawReport } | { readonly found: false; readonly missing: 'send' | 'number' };

/** The report of one number in one send. `ctx` is only consulted by computed answers. */
export function findReport(sendId: string, number: string, ctx: QueryContext): Found {
  if (sendId === BIG.sendId) {
    const i = Number(number) - BIG.firstNumber;
    return i >= 0 && i < BIG.count && /^\d+$/.test(number)
      ? { found: true, report: bigReport(i) }
      : { found: false, missing: 'number' };
  }
  const send = Object.prototype.hasOwnProperty.call(SENDS, sendId) ? SENDS[sendId] : undefined;
  if (!send) return { found: false, missing: 'send' };
  const answer = Object.prototype.hasOwnProperty.call(send, number) ? send[number] : undefined;
  if (!answer) return { found: false, missing: 'number' };
  return { found: true, report: typeof answer === 'function' ? answer(ctx) : answer };
}

/** True when the answer for this number depends on how often it was queried. */
export function isComputed(sendId: string, number: string): boolean {
  return typeof SENDS[sendId]?.[number] === 'function';
}
