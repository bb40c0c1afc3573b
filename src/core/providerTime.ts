// Times: the provider's, local Turkey time without a zone ("2016-08-01 14:30:14"); durations between them and how long
// ago something happened, shown in the display language.
import * as l10n from '@vscode/l10n';
import { formatNumber } from './numbers';

/** Turkey has used UTC+3 all year since 2016; the API gives local times without a zone, so we assume it. */
const PROVIDER_UTC_OFFSET_MINUTES = 180;

/** "2016-08-01 14:30:14", "2016-08-01 14:30", "2016-08-01T14:30:14" (Turkey time), or with an explicit zone. */
export function parseProviderTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      value,
    );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let offset = PROVIDER_UTC_OFFSET_MINUTES;
  if (zone) {
    if (zone === 'Z') offset = 0;
    else {
      const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
      offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
    }
  }
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), s ? Number(s) : 0, ms);
  if (Number.isNaN(utc)) return undefined;
  return utc - offset * 60_000;
}

/** "10 s", "2 min 5 s", "3 h 4 min", "2 d 1 h": a compact duration, units and digits in the display language. */
export function formatDuration(ms: number, lang: string): string {
  const n = (x: number): string => formatNumber(x, lang);
  const s = Math.round(ms / 1000);
  if (s < 60) return l10n.t('{0} s', n(s));
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? l10n.t('{0} min {1} s', n(m), n(s % 60)) : l10n.t('{0} min', n(m));
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? l10n.t('{0} h {1} min', n(h), n(m % 60)) : l10n.t('{0} h', n(h));
  const d = Math.floor(h / 24);
  return h % 24 ? l10n.t('{0} d {1} h', n(d), n(h % 24)) : l10n.t('{0} d', n(d));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/** One formatter per language: building one costs more than formatting (the tree formats one per entry). */
function relativeFormatter(lang: string): Intl.RelativeTimeFormat {
  let fmt = formatters.get(lang);
  if (!fmt) {
    try {
      fmt = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    } catch {
      fmt = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    formatters.set(lang, fmt);
  }
  return fmt;
}

/** "5 minutes ago" / "5 dakika önce", in the display language. */
export function relativeTime(at: number, now: number, lang: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const fmt = relativeFormatter(lang);
  if (abs < 10e3) return fmt.format(0, 'second');
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}
