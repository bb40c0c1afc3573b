// Send summaries (GonderimBilgisi), and the one send of the sandbox's second account.
import { MAIN_SEND_ID } from './main';
import { BATCH, BIG } from './bulk';

// ---------------------------------------------------------------------------------------------------------------
// Send summaries (GonderimBilgisi). Times that must lie around "now" are computed per request, in Turkey time.

/** A provider time ("2024-05-01 08:00:00", Turkey time) `offsetMs` from now. */
function turkeyTime(offsetMs: number, now = Date.now()): string {
  return new Date(now + offsetMs + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const ZERO_DATE = '0000-00-00 00:00:00';
const HOUR = 3600_000;

/** Sends with a summary story of their own (each has one number in it: SUMMARY_SENDS[x].number). */
export const SUMMARY_SENDS = {
  /** Scheduled two days ahead; its number is DEFAULT. */
  scheduled: { sendId: '710', number: '5301000001' },
  /** Failed while sending (paket_durum -1), with a log; its number is DEFAULT. */
  failed: { sendId: '711', number: '5301000001' },
  /** Every value a string ("0", "2", "12:00"), dates without seconds, an unknown field. */
  lenient: { sendId: '712', number: '5301000003' },
  /** The summary fails (an HTML 502) while the number's report works (DELIVERED). */
  summaryFails: { sendId: '713', number: '5301000004' },
  /** Every summary field hostile, and a 200 KB log. */
  hostile: { sendId: '714', number: '5301000001' },
  /** The summary's body never ends. */
  endless: { sendId: '715', number: '5301000004' },
} as const;

export const FAILED_LOG = {
  hata: 'Yetersiz kredi',
  kod: 'E102',
  ayrinti: ['Kredi bakiyesi 0', 'Gönderim iptal edildi'],
};

export const HOSTILE_SUMMARY = {
  sender: `<img src=x onerror="document.title='pwned'">0850`,
  state: '[x](command:workbench.action.reloadWindow)',
  validity: '<script>alert(1)</script>',
  extraName: '<b onclick=alert(1)>kanal</b>',
  log: `<script>document.title='pwned'</script>${'Ş'.repeat(200_000)}`,
} as const;

/** The one send of the sandbox's second account (SandboxOptions.secondKey): the first key cannot see it. */
export const SECOND_ACCOUNT = { sendId: '801', number: '5308000001', waiting: '5308000002' } as const;

/** The answer's `aciklama` for a send's summary; undefined: no such send. `fault`: answer with that status and body. */
export function findSummary(sendId: string, now = Date.now()): Record<string, unknown> | undefined {
  switch (sendId) {
    case MAIN_SEND_ID:
      return {
        id: 187,
        sms_baslik: '08505326480',
        numara_toplam: 30,
        kredi_toplam: 30,
        sonlanma_zamani: ZERO_DATE,
        ileri_tarih: ZERO_DATE,
        gecerlilik_suresi: '24:00:00',
        paket_durum: 0,
        created_at: turkeyTime(-HOUR, now),
      };
    case BATCH.sendId:
    case BIG.sendId:
      return {
        id: Number(sendId),
        sms_baslik: 'VAIROSMS',
        numara_toplam: sendId === BATCH.sendId ? BATCH.count : BIG.count,
        kredi_toplam: sendId === BATCH.sendId ? BATCH.count : BIG.count,
        sonlanma_zamani: '2024-04-01 09:30:00',
        ileri_tarih: ZERO_DATE,
        gecerlilik_suresi: '24:00:00',
        paket_durum: 1,
        created_at: '2024-04-01 08:00:00',
      };
    case SECOND_ACCOUNT.sendId:
      return {
        id: 801,
        sms_baslik: 'MUSTERI2',
        numara_toplam: 2,
        kredi_toplam: 2,
        sonlanma_zamani: turkeyTime(-HOUR / 2, now),
        ileri_tarih: ZERO_DATE,
        gecerlilik_suresi: '24:00:00',
        paket_durum: 1,
        created_at: turkeyTime(-HOUR, now),
      };
    case SUMMARY_SENDS.scheduled.sendId:
      return {
        id: 710,
        sms_baslik: '08505326480',
        numara_toplam: 1,
        kredi_toplam: 1,
        sonlanma_zamani: ZERO_DATE,
        ileri_tarih: turkeyTime(2 * 24 * HOUR, now),
        gecerlilik_suresi: '24:00:00',
        paket_durum: 0,
        created_at: turkeyTime(-HOUR, now),
      };
    case SUMMARY_SENDS.failed.sendId:
      return {
        id: 711,
        sms_baslik: '08505326480',
        numara_toplam: 1,
        kredi_toplam: 0,
        sonlanma_zamani: ZERO_DATE,
        ileri_tarih: ZERO_DATE,
        gecerlilik_suresi: '24:00:00',
        paket_durum: -1,
        created_at: turkeyTime(-2 * HOUR, now),
        log: FAILED_LOG,
      };
    case SUMMARY_SENDS.lenient.sendId:
      return {
        id: '712',
        sms_baslik: 'VAIRO',
        numara_toplam: '2',
        kredi_toplam: '2',
        sonlanma_zamani: '0000-00-00',
        ileri_tarih: '',
        gecerlilik_suresi: '12:00',
        paket_durum: '0',
        created_at: turkeyTime(-HOUR, now).slice(0, 16),
        kanal: 'api',
      };
    case SUMMARY_SENDS.hostile.sendId:
      return {
        id: 714,
        sms_baslik: HOSTILE_SUMMARY.sender,
        numara_toplam: 1,
        kredi_toplam: 1,
        sonlanma_zamani: ZERO_DATE,
        ileri_tarih: ZERO_DATE,
        gecerlilik_suresi: HOSTILE_SUMMARY.validity,
        paket_durum: HOSTILE_SUMMARY.state,
        created_at: turkeyTime(-HOUR, now),
        [HOSTILE_SUMMARY.extraName]: HOSTILE_SUMMARY.extraName,
        log: HOSTILE_SUMMARY.log,
      };
    default:
      return undefined;
  }
}
