// Building the one request the API knows: POST {root}NumaraRaporu/{sendId}?api_key=KEY with {"numara": "…"}.
// Every part is validated or encoded here, so nothing a user types can change the path, the query or the body's shape.
import * as l10n from '@vscode/l10n';

export const DEFAULT_API_ROOT = 'https://vairosms.com/Panel/api/v1/';
export const MAX_SEND_ID_DIGITS = 18;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The send ID: a positive whole number of at most 18 digits. Surrounding spaces and a leading # are forgiven. */
export function checkSendId(input: string): Checked<string> {
  const s = input.trim().replace(/^#/, '');
  if (s === '')
    return {
      ok: false,
      message: l10n.t('Enter the send ID: the number VairoSMS returned when the SMS was sent, for example 187.'),
    };
  if (!/^\d+$/.test(s)) {
    return { ok: false, message: l10n.t('The send ID must contain digits only, for example 187.') };
  }
  const value = s.replace(/^0+(?=\d)/, '');
  if (value === '0') return { ok: false, message: l10n.t('The send ID must be a positive number, for example 187.') };
  if (value.length > MAX_SEND_ID_DIGITS) {
    return {
      ok: false,
      message: l10n.t('The send ID has {0} digits; send IDs have at most {1}.', value.length, MAX_SEND_ID_DIGITS),
    };
  }
  return { ok: true, value };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The API root from settings: an absolute https URL (http only for a loopback sandbox, because the key travels in
 *  the URL), no credentials, query or fragment; a missing trailing slash is added so relative paths resolve. */
export function checkApiRoot(input: string): Checked<string> {
  const s = input.trim();
  const invalid = (why: string): Checked<string> => ({
    ok: false,
    message: l10n.t(
      'The setting vairosms.apiRoot is not usable: {0} Expected an https URL such as {1}.',
      why,
      DEFAULT_API_ROOT,
    ),
  });
  if (s === '') return invalid(l10n.t('it is empty.'));
  if (/\s/.test(s)) return invalid(l10n.t('it contains a space.'));
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return invalid(l10n.t('it is not a URL.'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(l10n.t('only https is allowed.'));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid(
      l10n.t(
        'http is allowed only for a local sandbox (localhost or 127.0.0.1); the API key would travel unencrypted.',
      ),
    );
  }
  if (url.username || url.password) return invalid(l10n.t('it must not contain a user name or password.'));
  if (url.search || url.hash) return invalid(l10n.t('it must not contain a query (?…) or fragment (#…).'));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, value: url.toString() };
}

export interface ReportRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Expects values that already passed checkApiRoot, checkSendId and normalizePhone. */
export function buildReportRequest(apiRoot: string, sendId: string, number: string, apiKey: string): ReportRequest {
  const url = new URL(`NumaraRaporu/${encodeURIComponent(sendId)}`, apiRoot);
  url.searchParams.set('api_key', apiKey);
  return {
    url: url.toString(),
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache', accept: 'application/json' },
    body: JSON.stringify({ numara: number }),
  };
}
