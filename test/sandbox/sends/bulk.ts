// The large sends: 500 (1,000 numbers for batch tests) and 600 (10,000 numbers with ~200 KB answers, for the batch
// memory bench).
import { type Answer, type RawReport, STATUS_CODES, type StatusCode } from './types';

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

export function buildBatchSend(): Record<string, Answer> {
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

export function bigReport(i: number): RawReport {
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
