// The diagnosis line: what a developer should conclude from the number's report and its send's summary read together
// ("why is it still pending?"). One table of rules, the first that applies wins; docs/api.md lists them.
import { own, type OwnText } from '../ownText';
import { parseProviderTime } from '../providerTime';
import { validityEnd, type SendSummary } from './endpoint';
import { isPendingStatus } from '../report/statuses';

type DiagnosisId = 'send-failed' | 'scheduled' | 'in-progress' | 'may-expire' | 'validity-passed';

export interface Diagnosis {
  readonly id: DiagnosisId;
  readonly severity: 'error' | 'warning' | 'info';
  readonly text: OwnText;
  /** The send's state says more than the number's status (a failed send): the panel shows this line first. */
  readonly overrides: boolean;
}

export interface Facts {
  /** The number's durum_gonderim; undefined for a send looked up alone. */
  readonly status: string | undefined;
  readonly summary: SendSummary;
  readonly now: number;
  /** A time in the user's language, e.g. "15 Jan 18:00", or only "14:30" when it is today. */
  readonly when: (epochMs: number) => OwnText;
}

interface Rule {
  readonly id: DiagnosisId;
  readonly severity: Diagnosis['severity'];
  readonly overrides?: boolean;
  readonly applies: (f: Facts) => boolean;
  readonly text: (f: Facts) => OwnText;
}

/** Pending, or a send looked up without a number. */
const pendingOrNone = (f: Facts) => f.status === undefined || isPendingStatus(f.status);

export const RULES: readonly Rule[] = [
  {
    id: 'send-failed',
    severity: 'error',
    overrides: true,
    applies: (f) => f.summary.state === -1,
    text: () => own('This send failed: nothing was sent and no credit was used.'),
  },
  {
    id: 'scheduled',
    severity: 'info',
    applies: (f) => pendingOrNone(f) && (parseProviderTime(f.summary.scheduledAt) ?? -Infinity) > f.now,
    text: (f) => own('Scheduled for {0}; not sent yet.', f.when(parseProviderTime(f.summary.scheduledAt)!)),
  },
  {
    id: 'in-progress',
    severity: 'info',
    applies: (f) =>
      f.summary.state === 0 && (f.status === undefined || f.status === 'DEFAULT' || f.status === 'SENDING'),
    text: () => own('The send is still in progress.'),
  },
  {
    id: 'may-expire',
    severity: 'warning',
    applies: (f) => f.status === 'WAITING' && (validityEnd(f.summary) ?? -Infinity) > f.now,
    text: (f) => own('If no delivery report arrives by {0}, it becomes EXPIRED.', f.when(validityEnd(f.summary)!)),
  },
  {
    id: 'validity-passed',
    severity: 'warning',
    applies: (f) => f.status === 'WAITING' && (validityEnd(f.summary) ?? Infinity) <= f.now,
    text: (f) =>
      own(
        'The validity ended at {0} and no delivery report has arrived: the next check should say EXPIRED.',
        f.when(validityEnd(f.summary)!),
      ),
  },
];

export function diagnose(f: Facts): Diagnosis | undefined {
  const rule = RULES.find((r) => r.applies(f));
  return rule && { id: rule.id, severity: rule.severity, text: rule.text(f), overrides: rule.overrides === true };
}

/** "15 Jan 18:00", or "14:30" when `at` is today, in the user's language and time zone. */
export function formatWhen(at: number, now: number, lang: string): OwnText {
  const d = new Date(at);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const f = formatsFor(lang);
  const time = f.time.format(d);
  return (sameDay ? time : `${f.date.format(d)} ${time}`) as OwnText;
}

/** The formatters per language, made once: building one costs about a millisecond (ICU), and a tool's text formats
 *  up to six times. */
const FORMATS = new Map<string, { readonly time: Intl.DateTimeFormat; readonly date: Intl.DateTimeFormat }>();

function formatsFor(lang: string): { readonly time: Intl.DateTimeFormat; readonly date: Intl.DateTimeFormat } {
  let f = FORMATS.get(lang);
  if (!f) {
    const locale = safeLocale(lang);
    f = {
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
    };
    if (FORMATS.size < 16) FORMATS.set(lang, f);
  }
  return f;
}

function safeLocale(lang: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang]).length ? lang : 'en';
  } catch {
    return 'en';
  }
}
