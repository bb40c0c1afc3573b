// The durum_gonderim catalog: what each delivery status means, whether it can still change, and what a developer
// should do next. Facts from the provider's page (restated in docs/api.md); the wording is ours. Strings go through
// @vscode/l10n, configured with VS Code's bundle in activate(), so the same catalog speaks English and Turkish.
import { assertNever } from '../api/assertNever';
import * as l10n from '@vscode/l10n';
import { own, ownStatus, type OwnText } from '../ownText';
import { isKnownStatus, STATUS_CODES, type StatusCode } from './statusCodes';

export { STATUS_CODES, type StatusCode };

/** pending: can still change; delivered: final and confirmed; unconfirmed: final, delivery not confirmed;
 *  failed: final, not delivered; unknown: a code this catalog does not know. */
export type StatusGroup = 'pending' | 'delivered' | 'unconfirmed' | 'failed' | 'unknown';

export interface StatusInfo {
  /** The code as sent, trimmed and upper-cased (the raw value stays in the raw response); empty when missing. */
  readonly code: string;
  readonly known: boolean;
  /** true: will not change; false: may still change; undefined: unknown code. */
  readonly final: boolean | undefined;
  readonly group: StatusGroup;
  /** A short label, e.g. "Delivered". */
  readonly label: OwnText;
  /** "Final" / "Pending: may still change" / … */
  readonly finality: OwnText;
  readonly meaning: string;
  readonly nextStep: string;
  /** The provider's own Turkish description from its documentation, verbatim; undefined for unknown codes. */
  readonly providerText: string | undefined;
}

const GROUPS: Record<StatusCode, StatusGroup> = {
  DEFAULT: 'pending',
  SENDING: 'pending',
  WAITING: 'pending',
  DELIVERED: 'delivered',
  SENT: 'unconfirmed',
  NOT_DELIVERED: 'failed',
  EXPIRED: 'failed',
  INVALID_DESTINATION_ADDRESS: 'failed',
  REJECTED: 'failed',
  SEND_ERROR: 'failed',
  BLACKLISTED_DESTINATION_ADDRESS: 'failed',
};

/** Verbatim from the provider's page (docs/api.md quotes it), shown labelled as the provider's words. */
const PROVIDER_TEXT: Record<StatusCode, string> = {
  DEFAULT: 'Henüz işlem yapılmamış.',
  SENDING: 'Mesaj gönderiliyor.',
  WAITING: 'Mesaj gönderildi. Cevap bekleniyor.',
  DELIVERED: 'Mesaj iletildi.',
  SENT: 'Mesaj iletildi. Fakat operatör gönderim raporunu desteklemediği için teyit edilemiyor. (Uluslararası bazı yönlerde oluşur.)',
  NOT_DELIVERED: 'Mesaj iletilemedi. (Genelde alıcı numaranın aktif olmamasından kaynaklanır.)',
  EXPIRED: 'Zaman aşımı. Mesajınız belirlediğiniz geçerlilik süresi içinde alıcısına teslim edilemedi.',
  INVALID_DESTINATION_ADDRESS: 'Alıcı telefon numarası geçersiz. (Hiçbir operatöre kayıtlı değil.)',
  REJECTED: 'Mesajınızın gönderimi reddedildi. (Genelde gsm operatörü tarafından içerik kontrolü sonucu oluşur.)',
  SEND_ERROR: 'Mesajınız gönderilirken hata oluştu. (Sebebi çeşitli olabilir.)',
  BLACKLISTED_DESTINATION_ADDRESS: 'Alıcı kara listede.',
};

// Each text is written out in a t() call so the l10n extractor finds it; a function per code keeps them lazy
// (the bundle is configured in activate(), after this module loads).
const TEXT: Record<StatusCode, () => { label: OwnText; meaning: OwnText; nextStep: OwnText }> = {
  DEFAULT: () => ({
    label: own('Queued'),
    meaning: own('VairoSMS has recorded the message but has not started sending it yet.'),
    nextStep: own(
      'Wait and look again in a minute. If it stays queued for long, check whether the send was scheduled for later or is still being processed.',
    ),
  }),
  SENDING: () => ({
    label: own('Sending'),
    meaning: own('The message is being handed to the mobile operator.'),
    nextStep: own('Look again shortly; this normally takes seconds.'),
  }),
  WAITING: () => ({
    label: own('Waiting for report'),
    meaning: own('The operator has the message; its delivery report has not arrived yet.'),
    nextStep: own(
      "Keep checking at growing intervals until the send's validity period ends (the send summary gives it). A phone that is off or out of coverage can stay here until then.",
    ),
  }),
  DELIVERED: () => ({
    label: own('Delivered'),
    meaning: own('The operator confirmed delivery to the handset.'),
    nextStep: own('Nothing to do; stop polling.'),
  }),
  SENT: () => ({
    label: own('Sent, unconfirmed'),
    meaning: own(
      'The message left for the operator, but this route gives no delivery reports, so delivery cannot be confirmed (some international routes).',
    ),
    nextStep: own('Treat it as probably delivered. Do not resend automatically: the recipient may get it twice.'),
  }),
  NOT_DELIVERED: () => ({
    label: own('Not delivered'),
    meaning: own('The operator could not deliver the message, usually because the number is not in service.'),
    nextStep: own('Confirm the number with its owner before you resend the SMS; do not resend it in a loop.'),
  }),
  EXPIRED: () => ({
    label: own('Expired'),
    meaning: own('The message was not delivered within its validity period (often: phone off or out of coverage).'),
    nextStep: own(
      'Resend only if it still matters; for a one-time code, issue a new code. Consider a longer validity period.',
    ),
  }),
  INVALID_DESTINATION_ADDRESS: () => ({
    label: own('Invalid number'),
    meaning: own('The number is invalid: no operator has it registered.'),
    nextStep: own(
      'Fix the number and its format (10 digits like 5XXXXXXXXX, or 905XXXXXXXXX) and validate numbers in your application.',
    ),
  }),
  REJECTED: () => ({
    label: own('Rejected'),
    meaning: own("The send was refused, usually by the operator's content check."),
    nextStep: own(
      'Review the text, the sender header and, for commercial messages, the İYS consent. Contact VairoSMS support with the send ID.',
    ),
  }),
  SEND_ERROR: () => ({
    label: own('Send error'),
    meaning: own('An error occurred while sending; the causes vary.'),
    nextStep: own(
      'Resend the SMS once, later; if it fails again, contact VairoSMS support with the send ID and the number.',
    ),
  }),
  BLACKLISTED_DESTINATION_ADDRESS: () => ({
    label: own('Blacklisted'),
    meaning: own('The recipient is on the blacklist, so the message was not sent.'),
    nextStep: own(
      'Do not resend. If the recipient opted out (an İYS refusal, an unsubscribe), do not remove the number; if it was added by mistake, remove it from the blacklist in the VairoSMS panel.',
    ),
  }),
};

/** The codicon (and theme colour) that stands for each group, wherever a status is drawn by VS Code: the Recent
 *  Lookups tree, the editor hover. Always beside the code and its label, never colour alone. */
export const STATUS_ICONS: Readonly<Record<StatusGroup, { readonly codicon: string; readonly color?: string }>> = {
  delivered: { codicon: 'pass', color: 'testing.iconPassed' },
  unconfirmed: { codicon: 'check', color: 'charts.blue' },
  pending: { codicon: 'clock', color: 'charts.yellow' },
  failed: { codicon: 'error', color: 'testing.iconFailed' },
  unknown: { codicon: 'question' },
};

/** Normalizes what the API sent (any type) to the code string we look up: trimmed, upper-cased. */
export function statusCodeOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().toUpperCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function isFinalStatus(code: string): boolean {
  return isKnownStatus(code) && GROUPS[code] !== 'pending';
}

export function isPendingStatus(code: string): boolean {
  return isKnownStatus(code) && GROUPS[code] === 'pending';
}

function finalityText(group: StatusGroup): OwnText {
  switch (group) {
    case 'pending':
      return own('Pending: may still change');
    case 'delivered':
      return own('Final');
    case 'unconfirmed':
      return own('Final, but delivery is unconfirmed');
    case 'failed':
      return own('Final: not delivered');
    case 'unknown':
      return own('Unknown: not in the documented list');
    default:
      return assertNever(group);
  }
}

/** Never throws: an unknown or missing code gets an explanation that says so. */
export function describeStatus(rawCode: unknown): StatusInfo {
  const code = statusCodeOf(rawCode);
  if (isKnownStatus(code)) {
    const group = GROUPS[code];
    return {
      code,
      known: true,
      final: group !== 'pending',
      group,
      finality: finalityText(group),
      providerText: PROVIDER_TEXT[code],
      ...TEXT[code](),
    };
  }
  return {
    code,
    known: false,
    final: undefined,
    group: 'unknown',
    label: code === '' ? own('No status') : own('Unknown status'),
    finality: finalityText('unknown'),
    meaning:
      code === ''
        ? l10n.t('The report carries no durum_gonderim value.')
        : l10n.t('VairoSMS returned the status code {0}, which is not in its documented list.', code),
    nextStep: l10n.t('Treat it as not final. Look again later, and ask VairoSMS support what the code means.'),
    providerText: undefined,
  };
}

/** A documented code explained in one sentence of our own, for a notification (a terminal link's): the code, its
 *  label, what it means, whether it is final, what to do next. */
export function explainStatus(code: StatusCode): OwnText {
  const t = TEXT[code]();
  return own(
    '{0} · {1}: {2} {3}. What to do next: {4}',
    ownStatus(code),
    t.label,
    t.meaning,
    finalityText(GROUPS[code]),
    t.nextStep,
  );
}

export function describeAllStatuses(): StatusInfo[] {
  return STATUS_CODES.map((c) => describeStatus(c));
}
