// Realistic Recent Lookups for the history rows: each entry is what the extension itself would store after a
// lookup of a sandbox-like report (parsed by parseAnswer, added with addEntry), with a Turkish message of about
// 60 characters, the sandbox's date formats, and a two-point timeline on every third entry (WAITING → final).
import { addEntry, HARD_CAP, type HistoryEntry } from '../../src/core/history/history';
import { STATUS_CODES } from '../sandbox/data';
import { parseAnswer } from '../../src/core/report/endpoint';

const MESSAGES = [
  'Ben bir ceviz ağacıyım gülhane parkında (Ş ş Ğ ğ ç ı İ)',
  'Kargonuz yola çıktı; takip numarası 7788. İyi günler dileriz.',
  'Randevunuz yarın saat 14:30 için onaylandı. Lütfen erken gelin.',
  'Doğrulama kodunuz 482913. Bu kodu kimseyle paylaşmayınız lütfen.',
  'Siparişiniz hazırlanıyor; teslimat süresi 2-3 iş günüdür. Teşekkürler.',
  'Değerli müşterimiz, şubemiz bugün 09:00–18:00 arası açıktır.',
];

function rawReport(i: number): Record<string, unknown> {
  const sec = String(i % 60).padStart(2, '0');
  const min = String(Math.floor(i / 60) % 60).padStart(2, '0');
  return {
    id: 70000 + i,
    sms_gonderim_id: 187 + (i % 7),
    numara: String(5320000000 + i),
    mesaj: MESSAGES[i % MESSAGES.length],
    mesaj_boy: 1,
    durum_gonderim: STATUS_CODES[i % STATUS_CODES.length],
    durum_iade: i % 11 === 5 ? 1 : 0,
    created_at: `2024-03-15 09:${min}:${sec}`,
    updated_at: `2024-03-15 10:${min}:${sec}`,
  };
}

/** `count` distinct entries, newest first, as addEntry would leave them (up to HARD_CAP when cap is left out). */
export function realisticHistory(count: number, cap = Math.max(count, HARD_CAP)): HistoryEntry[] {
  const t0 = Date.UTC(2024, 2, 15, 9, 0, 0);
  let entries: HistoryEntry[] = [];
  const all: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const raw = rawReport(i);
    const parsed = parseAnswer({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ durum: true, aciklama: raw }),
    });
    if (!parsed.ok) throw new Error(`fixture ${i} did not parse: ${parsed.error.kind}`);
    const checkedAt = t0 + i * 37_000;
    const entry: HistoryEntry = {
      sendId: String(raw.sms_gonderim_id),
      number: String(raw.numara),
      checkedAt,
      report: parsed.report,
      ...(i % 3 === 0
        ? {
            timeline: [
              { status: 'WAITING', at: checkedAt - 120_000 },
              { status: parsed.report.status, at: checkedAt },
            ],
          }
        : {}),
    };
    if (count <= HARD_CAP) entries = addEntry(entries, entry, cap);
    else all.push({ ...entry, timeline: entry.timeline ?? [{ status: entry.report!.status, at: checkedAt }] });
  }
  // Beyond the cap addEntry would drop entries; a list that large only exists when stored by something else, so it
  // is built directly (newest first, in the same shape).
  return count <= HARD_CAP ? entries : all.reverse();
}
