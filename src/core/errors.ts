// Every way a lookup can fail, as data. The host turns a LookupError into a notification and a panel, the webview
// shows it, the log records it; describeError() gives each class one clear sentence and what to do, and keeps the
// provider's own words apart, labelled as such.
import * as l10n from '@vscode/l10n';
import { type ErrorActionId } from '../shared/protocol';
import { assertNever } from './statuses';

export type ErrorKind =
  | 'input' // a send ID or number we refused before sending
  | 'config' // vairosms.apiRoot unusable
  | 'no-key' // no API key stored
  | 'keyring' // SecretStorage unavailable
  | 'unauthorized' // 401 or the provider's wrong-key sentence
  | 'provider' // durum:false with a sentence or a code
  | 'not-found' // 404: unknown send ID or number not in that send
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'http-status' // any other non-2xx without a usable body
  | 'bad-response' // not JSON, HTML, empty, or the wrong shape
  | 'too-large' // the body passed the size cap
  | 'timeout'
  | 'cancelled'
  | 'offline' // the request never left: connection refused, DNS failure
  | 'network' // the connection broke after the request was sent
  | 'tls' // certificate or TLS failure
  | 'redirect'; // a redirect we refused, or too many

export interface LookupError {
  readonly kind: ErrorKind;
  readonly httpStatus?: number;
  /** The provider's own text (aciklama), verbatim, already redacted. */
  readonly providerText?: string;
  /** A short, redacted technical detail (an error code, the start of a body). */
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
}

export interface ErrorDescription {
  /** The class of error, e.g. "Wrong API key". */
  readonly title: string;
  /** What happened, in one or two sentences. */
  readonly message: string;
  /** What to do next. */
  readonly action: string;
  /** "Message from VairoSMS" when providerText is set. */
  readonly providerLabel: string | undefined;
  readonly providerText: string | undefined;
  /** True when a retry by the user is a sensible next step. */
  readonly retryable: boolean;
}

/** Codes the provider documents for 400 answers (Hata Mesajları page). */
const PROVIDER_CODES: Record<string, () => string> = {
  INVALID_DESTINATION_ADDRESS: () =>
    l10n.t(
      'VairoSMS says the number is not in a format it accepts (its error page gives 905399999999 as the example).',
    ),
  MISSING_DESTINATION_ADDRESS: () => l10n.t('VairoSMS says no number was sent.'),
  INVALID_SOURCE_ADDRESS: () => l10n.t('VairoSMS says the sender header is not valid.'),
  MISSING_MESSAGE: () => l10n.t('VairoSMS says the message is missing.'),
  MESSAGE_TOO_LONG: () => l10n.t('VairoSMS says the message is too long.'),
};

export function isProviderCode(text: string | undefined): boolean {
  return !!text && /^[A-Z][A-Z0-9_]{2,}$/.test(text.trim());
}

export function describeError(e: LookupError): ErrorDescription {
  const provider = e.providerText !== undefined && e.providerText !== '' ? e.providerText : undefined;
  const base = { providerLabel: provider ? l10n.t('Message from VairoSMS') : undefined, providerText: provider };
  const status = e.httpStatus;
  const d = (title: string, message: string, action: string, retryable: boolean): ErrorDescription => ({
    title,
    message,
    action,
    retryable,
    ...base,
  });
  switch (e.kind) {
    case 'input':
      return d(
        l10n.t('Invalid input'),
        e.detail ?? l10n.t('The send ID or number is not valid.'),
        l10n.t('Correct the value and try again.'),
        false,
      );
    case 'config':
      return d(
        l10n.t('Settings problem'),
        e.detail ?? l10n.t('The setting vairosms.apiRoot is not usable.'),
        l10n.t('Open Settings and correct vairosms.apiRoot.'),
        false,
      );
    case 'no-key':
      return d(
        l10n.t('No API key'),
        l10n.t('No VairoSMS API key is stored.'),
        l10n.t('Run "VairoSMS: Set API Key…" and try again.'),
        false,
      );
    case 'keyring':
      return d(
        l10n.t('Secret storage unavailable'),
        l10n.t(
          "VS Code could not use the operating system's keyring, so the API key cannot be stored or read. It is never written anywhere else.",
        ),
        l10n.t(
          'Set up a keyring for VS Code (see "Troubleshooting keychain issues" in the VS Code documentation), then set the key again.',
        ),
        false,
      );
    case 'unauthorized':
      return d(
        l10n.t('Wrong API key'),
        l10n.t('VairoSMS refused the API key (HTTP {0}).', status ?? 401),
        l10n.t('Check the key in the VairoSMS panel and set it again with "VairoSMS: Set API Key…".'),
        false,
      );
    case 'provider': {
      const code = provider && isProviderCode(provider) ? provider.trim() : undefined;
      const known = code ? PROVIDER_CODES[code] : undefined;
      return d(
        l10n.t('VairoSMS reported an error'),
        known
          ? known()
          : l10n.t('VairoSMS answered that the report could not be returned{0}.', status ? ` (HTTP ${status})` : ''),
        code === 'INVALID_DESTINATION_ADDRESS'
          ? l10n.t('Check the number; try it in the other form (5XXXXXXXXX or 905XXXXXXXXX).')
          : l10n.t('Read the message from VairoSMS below; check the send ID and the number.'),
        false,
      );
    }
    case 'not-found':
      return d(
        l10n.t('Report not found'),
        l10n.t('VairoSMS has no report for this send ID and number (HTTP {0}).', status ?? 404),
        l10n.t('Check that the send ID is the one the send call returned and that the number was in that send.'),
        false,
      );
    case 'rate-limited':
      return d(
        l10n.t('Too many requests'),
        e.retryAfterSeconds !== undefined
          ? l10n.t('VairoSMS is limiting requests and asks to wait {0}.', formatWait(e.retryAfterSeconds))
          : l10n.t('VairoSMS is limiting requests (HTTP 429).'),
        l10n.t('Wait, then try again.'),
        true,
      );
    case 'server':
      return d(
        l10n.t('VairoSMS server error'),
        l10n.t(
          'The VairoSMS server failed (HTTP {0}). The request was not retried automatically, so nothing is sent twice.',
          status ?? 500,
        ),
        l10n.t("Try again in a moment; if it persists, check VairoSMS's status or contact support."),
        true,
      );
    case 'http-status':
      return d(
        l10n.t('Unexpected HTTP status'),
        l10n.t('VairoSMS answered with HTTP {0}.', status ?? 0),
        l10n.t('Check vairosms.apiRoot and try again; the log has details.'),
        true,
      );
    case 'bad-response':
      return d(
        l10n.t('Unreadable response'),
        l10n.t('The answer was not the JSON report the API documents{0}.', status ? ` (HTTP ${status})` : ''),
        l10n.t('Check vairosms.apiRoot; if it is right, VairoSMS may be having problems. Try again later.'),
        true,
      );
    case 'too-large':
      return d(
        l10n.t('Response too large'),
        l10n.t('The answer was larger than 1 MB and was cut off; a report is never that large.'),
        l10n.t('Check vairosms.apiRoot: it may point at the wrong server.'),
        false,
      );
    case 'timeout':
      return d(
        l10n.t('Timed out'),
        l10n.t('VairoSMS did not answer within the time limit.'),
        l10n.t('Try again, or raise vairosms.requestTimeoutSeconds.'),
        true,
      );
    case 'cancelled':
      return d(
        l10n.t('Cancelled'),
        l10n.t('The lookup was cancelled.'),
        l10n.t('Run it again when you are ready.'),
        true,
      );
    case 'offline':
      return d(
        l10n.t('Cannot reach VairoSMS'),
        l10n.t('The request could not be sent: the server could not be reached (tried 3 times).'),
        l10n.t('Check your internet connection, proxy settings (http.proxy) and vairosms.apiRoot.'),
        true,
      );
    case 'network':
      return d(
        l10n.t('Connection lost'),
        l10n.t('The connection broke after the request was sent. It was not retried automatically.'),
        l10n.t('Try again; check your connection and proxy settings.'),
        true,
      );
    case 'tls':
      return d(
        l10n.t('Secure connection failed'),
        l10n.t("The server's certificate could not be verified. Verification is never turned off."),
        l10n.t(
          'If you use a corporate proxy or a local sandbox with its own certificate authority, add it with NODE_EXTRA_CA_CERTS.',
        ),
        false,
      );
    case 'redirect':
      return d(
        l10n.t('Redirect refused'),
        l10n.t(
          'The server redirected the request to another host, to plain http, or too many times; it was not followed, so the number and key went nowhere else.',
        ),
        l10n.t('Check vairosms.apiRoot.'),
        false,
      );
    default:
      return assertNever(e.kind);
  }
}

/** The next steps offered for a failure, in the order they are shown: in the panel (as buttons) and in the
 *  notification (as its actions). */
export function errorActions(e: LookupError): ErrorActionId[] {
  return [
    ...(e.kind === 'unauthorized' || e.kind === 'no-key' ? (['setApiKey'] as const) : []),
    ...(e.kind === 'config' ? (['openSettings'] as const) : []),
    ...(describeError(e).retryable ? (['retry'] as const) : []),
    'showLog',
  ];
}

export function errorActionLabel(action: ErrorActionId): string {
  switch (action) {
    case 'setApiKey':
      return l10n.t('Set API Key…');
    case 'openSettings':
      return l10n.t('Open Settings');
    case 'retry':
      return l10n.t('Retry');
    case 'showLog':
      return l10n.t('Show Log');
    default:
      return assertNever(action);
  }
}

export function formatWait(seconds: number): string {
  if (seconds < 120) return l10n.t('{0} s', Math.ceil(seconds));
  if (seconds < 7200) return l10n.t('{0} min', Math.ceil(seconds / 60));
  return l10n.t('{0} h', Math.round(seconds / 360) / 10);
}

/** A short, one-line, printable excerpt of a body for messages: never HTML-rendered, at most 200 characters. */
export function excerpt(body: string, max = 200): string {
  const oneLine = body
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
