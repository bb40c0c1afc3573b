// Every way a lookup can fail, as data. The host turns a LookupError into a notification and a panel, the webview
// shows it, the log records it; describeError() gives each class one clear sentence and what to do, and keeps the
// provider's own words apart, labelled as such.
import { type ErrorActionId } from '../../shared/protocol/report';
import { own, ownCount, ownOrigin, type OwnText } from '../ownText';
import { type RedirectRefusal } from './transport';
import { cutText } from './caps';
import { assertNever } from './assertNever';

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
  /** A short, redacted technical detail (an error code, the start of a body): may hold text from outside. */
  readonly detail?: string;
  /** Why, in our own words, for a failure we found before sending ('input', 'config'). */
  readonly reason?: OwnText;
  readonly retryAfterSeconds?: number;
  /** 'redirect': which rule refused it, and the target's scheme and host. */
  readonly redirect?: RedirectRefusal;
  /** 'timeout': the limit that passed (vairosms.requestTimeoutSeconds). */
  readonly timeoutSeconds?: number;
  /** 'not-found': what the provider's text says is missing, when it says. */
  readonly missing?: 'send' | 'number';
  /** An HTML error page: its title and the start of its visible text, as received (text from outside). */
  readonly page?: { readonly title?: string; readonly text?: string };
}

export interface ErrorDescription {
  /** The class of error, e.g. "Wrong API key". */
  readonly title: OwnText;
  /** What happened, in one or two sentences. Never the provider's text or a detail: safe in a notification. */
  readonly message: OwnText;
  /** What to do next. */
  readonly action: OwnText;
  /** "Message from VairoSMS" when providerText is set. */
  readonly providerLabel: OwnText | undefined;
  readonly providerText: string | undefined;
  /** True when a retry by the user is a sensible next step. */
  readonly retryable: boolean;
}

/** Codes the provider documents for 400 answers (Hata Mesajları page). */
const PROVIDER_CODES: Record<string, () => OwnText> = {
  INVALID_DESTINATION_ADDRESS: () =>
    own('VairoSMS says the number is not in a format it accepts (its error page gives 905399999999 as the example).'),
  MISSING_DESTINATION_ADDRESS: () => own('VairoSMS says the request had no phone number.'),
  INVALID_SOURCE_ADDRESS: () => own('VairoSMS says the sender header is not valid.'),
  MISSING_MESSAGE: () => own('VairoSMS says the message is missing.'),
  MESSAGE_TOO_LONG: () => own('VairoSMS says the message is too long.'),
};

export function isProviderCode(text: string | undefined): boolean {
  return !!text && /^[A-Z][A-Z0-9_]{2,}$/.test(text.trim());
}

/** `lang` formats the numbers in the text (a wait, a time limit) in the display language. */
export function describeError(e: LookupError, lang = 'en'): ErrorDescription {
  const provider = e.providerText !== undefined && e.providerText !== '' ? e.providerText : undefined;
  const base = { providerLabel: provider ? own('Message from VairoSMS') : undefined, providerText: provider };
  const status = e.httpStatus;
  const d = (title: OwnText, message: OwnText, action: OwnText, retryable: boolean): ErrorDescription => ({
    title,
    message,
    action,
    retryable,
    ...base,
  });
  switch (e.kind) {
    case 'input':
      return d(
        own('Invalid input'),
        e.reason ?? own('The send ID or number is not valid.'),
        own('Correct the value and try again.'),
        false,
      );
    case 'config':
      return d(
        own('Settings problem'),
        e.reason ?? own('The setting vairosms.apiRoot is not usable.'),
        own('Open Settings and correct vairosms.apiRoot.'),
        false,
      );
    case 'no-key':
      return d(
        own('No API key'),
        own('No VairoSMS API key is stored.'),
        own('Run "VairoSMS: Set API Key…" and try again.'),
        false,
      );
    case 'keyring':
      return d(
        own('Secret storage unavailable'),
        own(
          "VS Code could not use the operating system's keyring, so the API key cannot be stored or read. It is never written anywhere else.",
        ),
        own(
          'Set up a keyring for VS Code (see "Troubleshooting keychain issues" in the VS Code documentation), then set the key again.',
        ),
        false,
      );
    case 'unauthorized':
      return d(
        own('Wrong API key'),
        own('VairoSMS refused the API key (HTTP {0}).', status ?? 401),
        own('Check the key in the VairoSMS panel and set it again with "VairoSMS: Set API Key…".'),
        false,
      );
    case 'provider': {
      const code = provider && isProviderCode(provider) ? provider.trim() : undefined;
      const known = code ? PROVIDER_CODES[code] : undefined;
      return d(
        own('VairoSMS reported an error'),
        known ? known() : own('VairoSMS answered that the report could not be returned{0}.', httpSuffix(status)),
        code === 'INVALID_DESTINATION_ADDRESS'
          ? own('Check the number; try it in the other form (5XXXXXXXXX or 905XXXXXXXXX).')
          : own('Read the message from VairoSMS below; check the send ID and the number.'),
        false,
      );
    }
    case 'not-found':
      return e.missing === 'send'
        ? d(
            own('Send not found'),
            own('VairoSMS has no send with this ID for this account (HTTP {0}).', status ?? 404),
            own(
              'Check the send ID: it is the number the send call returned. With several accounts, check that this account made the send.',
            ),
            false,
          )
        : e.missing === 'number'
          ? d(
              own('Number not in this send'),
              own('The send exists, but this number was not in it (HTTP {0}).', status ?? 404),
              own('Check the number and its form (5XXXXXXXXX or 905XXXXXXXXX), and that it was in this send.'),
              false,
            )
          : d(
              own('Report not found'),
              own('VairoSMS has no report for this send ID and number (HTTP {0}).', status ?? 404),
              own('Check that the send ID is the one the send call returned and that the number was in that send.'),
              false,
            );
    case 'rate-limited':
      return d(
        own('Too many requests'),
        e.retryAfterSeconds !== undefined
          ? own('VairoSMS is limiting requests and asks to wait {0}.', formatWait(e.retryAfterSeconds, lang))
          : own('VairoSMS is limiting requests (HTTP 429).'),
        own('Wait, then try again.'),
        true,
      );
    case 'server':
      return d(
        own('VairoSMS server error'),
        own('The VairoSMS server failed (HTTP {0}). The lookup was not retried automatically.', status ?? 500),
        own("Try again in a moment; if it persists, check VairoSMS's status or contact support."),
        true,
      );
    case 'http-status':
      return d(
        own('Unexpected HTTP status'),
        own('VairoSMS answered with HTTP {0}.', status ?? 0),
        own('Check vairosms.apiRoot and try again; the log has details.'),
        true,
      );
    case 'bad-response':
      return d(
        own('Unreadable response'),
        own('The answer was not the JSON report the API documents{0}.', httpSuffix(status)),
        own('Check vairosms.apiRoot; if it is right, VairoSMS may be having problems. Try again later.'),
        true,
      );
    case 'too-large':
      return d(
        own('Response too large'),
        own('The answer was larger than 1 MB and was cut off; a report is never that large.'),
        own('Check vairosms.apiRoot: it may point at the wrong server.'),
        false,
      );
    case 'timeout':
      return d(
        own('Timed out'),
        e.timeoutSeconds !== undefined
          ? own('VairoSMS did not answer within {0} s.', ownCount(e.timeoutSeconds, lang))
          : own('VairoSMS did not answer within the time limit.'),
        own('Try again, or raise vairosms.requestTimeoutSeconds.'),
        true,
      );
    case 'cancelled':
      return d(own('Cancelled'), own('The lookup was cancelled.'), own('Run it again when you are ready.'), true);
    case 'offline':
      return d(
        own('Cannot reach VairoSMS'),
        own('The request could not be sent: the server could not be reached (tried 3 times).'),
        own('Check your internet connection, proxy settings (http.proxy) and vairosms.apiRoot.'),
        true,
      );
    case 'network':
      return d(
        own('Connection lost'),
        own('The connection broke after the request was sent. It was not retried automatically.'),
        own('Try again; check your connection and proxy settings.'),
        true,
      );
    case 'tls':
      return d(
        own('Secure connection failed'),
        own("The server's certificate could not be verified. Verification is never turned off."),
        own(
          'If you use a corporate proxy or a local sandbox with its own certificate authority, add its CA certificate with NODE_EXTRA_CA_CERTS.',
        ),
        false,
      );
    case 'redirect': {
      const target = e.redirect?.target !== undefined ? ownOrigin(e.redirect.target) : undefined;
      const why = e.redirect?.why;
      return d(
        own('Redirect refused'),
        why === 'too-many'
          ? own('The server redirected the request more than 3 times; the redirects were not followed further.')
          : why === 'plain-http' && target
            ? own(
                'The server redirected the request to plain http ({0}); it was not followed, so the number and key went nowhere unencrypted.',
                target,
              )
            : why === 'other-host' && target
              ? own(
                  'The server redirected the request to another host ({0}); it was not followed, so the number and key went nowhere else.',
                  target,
                )
              : why === 'plain-http'
                ? own(
                    'The server redirected the request to plain http; it was not followed, so the number and key went nowhere unencrypted.',
                  )
                : why === 'other-host'
                  ? own(
                      'The server redirected the request to another host; it was not followed, so the number and key went nowhere else.',
                    )
                  : why === 'unreadable'
                    ? own('The server redirected the request to a location that is not a URL; it was not followed.')
                    : own(
                        'The server redirected the request to another host, to plain http, or too many times; it was not followed, so the number and key went nowhere else.',
                      ),
        own('Check vairosms.apiRoot.'),
        false,
      );
    }
    default:
      return assertNever(e.kind);
  }
}

/** The setting a failure points to, when changing it may help: the time limit for a timeout, the API root for a
 *  failure to reach or trust the server. The panel shows it as a link that opens it; "Open Settings" opens it. */
export type ErrorSetting = 'vairosms.requestTimeoutSeconds' | 'vairosms.apiRoot';
export function errorSetting(e: LookupError): ErrorSetting | undefined {
  switch (e.kind) {
    case 'timeout':
      return 'vairosms.requestTimeoutSeconds';
    case 'config':
    case 'offline':
    case 'tls':
    case 'redirect':
      return 'vairosms.apiRoot';
    default:
      return undefined;
  }
}

/** The next steps offered for a failure, in the order they are shown: in the panel (as buttons) and in the
 *  notification (as its actions). */
export function errorActions(e: LookupError): ErrorActionId[] {
  return [
    ...(e.kind === 'unauthorized' || e.kind === 'no-key' ? (['setApiKey'] as const) : []),
    ...(errorSetting(e) ? (['openSettings'] as const) : []),
    ...(describeError(e).retryable ? (['retry'] as const) : []),
    'showLog',
  ];
}

export function errorActionLabel(action: ErrorActionId): OwnText {
  switch (action) {
    case 'setApiKey':
      return own('Set API Key…');
    case 'openSettings':
      return own('Open Settings');
    case 'retry':
      return own('Retry');
    case 'showLog':
      return own('Show Log');
    case 'tryOtherForm':
      return own('Look Up the Other Form of the Number');
    default:
      return assertNever(action);
  }
}

function formatWait(seconds: number, lang: string): OwnText {
  if (seconds < 120) return own('{0} s', ownCount(Math.ceil(seconds), lang));
  if (seconds < 7200) return own('{0} min', ownCount(Math.ceil(seconds / 60), lang));
  return own('{0} h', ownCount(seconds / 3600, lang, 1));
}

/** " (HTTP 502)", or nothing: made of a number only. */
function httpSuffix(status: number | undefined): OwnText {
  return (status ? ` (HTTP ${status})` : '') as OwnText;
}

/** A short, one-line, printable excerpt of a body for messages: never HTML-rendered, at most 200 characters. */
export function excerpt(body: string, max = 200): string {
  // Only the start of a body can end up in the excerpt: a window of it is normalized, not a 1 MB page, and the
  // excerpt is a string of its own (cutText), not a slice that keeps the whole body alive.
  const oneLine = cutText(body, max * 16)
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > max ? cutText(oneLine, max - 1) + '…' : oneLine;
}
