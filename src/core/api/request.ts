// The API root and the URL every endpoint shares, built from checked parts. Every part is validated or encoded here,
// so nothing a user types can change the path or the query; each endpoint (src/core/report/endpoint.ts,
// src/core/send/endpoint.ts) builds its request on endpointUrl.
import { type Checked } from '../lookupKey';
import { own, type OwnText } from '../ownText';

export const DEFAULT_API_ROOT = 'https://vairosms.com/Panel/api/v1/';

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The API root from settings: an absolute https URL (http only for a loopback sandbox, because the key travels in
 *  the URL), no credentials, query or fragment; a missing trailing slash is added so relative paths resolve. */
export function checkApiRoot(input: string): Checked<string> {
  const s = input.trim();
  const invalid = (why: OwnText): Checked<string> => ({
    ok: false,
    message: own(
      'The setting vairosms.apiRoot is not usable: {0} Expected an https URL such as {1}.',
      why,
      DEFAULT_API_ROOT as OwnText, // our own constant
    ),
  });
  if (s === '') return invalid(own('it is empty.'));
  if (/\s/.test(s)) return invalid(own('it contains a space.'));
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return invalid(own('it is not a URL.'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid(own('only https is allowed.'));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid(
      own('http is allowed only for a local sandbox (localhost or 127.0.0.1); the API key would travel unencrypted.'),
    );
  }
  if (url.username || url.password) return invalid(own('it must not contain a user name or password.'));
  if (url.search || url.hash) return invalid(own('it must not contain a query (?…) or fragment (#…).'));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { ok: true, value: url.toString() };
}

export interface ApiRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  /** JSON; none for a GET. */
  readonly body?: string;
}

export const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-cache',
  accept: 'application/json',
};

/** `{root}{endpoint}/{id}?api_key=KEY`, the id percent-encoded: the URL shape every VairoSMS call shares. Expects a
 *  root that passed checkApiRoot. */
export function endpointUrl(apiRoot: string, endpoint: string, id: string, apiKey: string): string {
  const url = new URL(`${endpoint}/${encodeURIComponent(id)}`, apiRoot);
  url.searchParams.set('api_key', apiKey);
  return url.toString();
}
