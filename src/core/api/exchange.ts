// The exchange seam: one call to the API from a request description and a response parser, through the injected
// transport, under the policy every endpoint shares. A new endpoint is one request builder and one payload parser;
// this file is not touched. The policy, safe for a request that may cost credits:
//  - at most MAX_REDIRECTS redirects and MAX_BODY_BYTES of body (enforced by the transport, set here);
//  - 429 with a Retry-After of at most 10 s: wait and try once more; a longer wait is reported, not waited for;
//  - the request never left (connection refused, DNS failure): up to 2 more tries with full-jitter backoff;
//  - anything else (5xx, a connection reset after sending, timeouts): no automatic retry;
//  - everything returned (the payload, the raw answer, every error and log line) is redacted of the key.
import * as l10n from '@vscode/l10n';
import { abortableSleep } from './abort';
import { type HttpAnswer, type Parsed } from './envelope';
import { type LookupError } from './errors';
import { redactor, redactValueWith } from './redact';
import { type ApiRequest } from './request';
import {
  MAX_BODY_BYTES,
  MAX_REDIRECTS,
  TransportError,
  type RedirectRefusal,
  type Transport,
  type TransportResponse,
} from './transport';
import { cutText } from './caps';

/** One call: what to send, and how to read the answer into the endpoint's payload fields. */
export interface Exchange<S extends object> {
  readonly request: ApiRequest;
  readonly parse: (answer: HttpAnswer) => Parsed<S>;
}

export interface ExchangeParams {
  /** The key in the request's URL: everything returned is redacted of it. */
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface AttemptLog {
  readonly attempt: number;
  readonly method: ApiRequest['method'];
  /** The request URL with the key redacted. */
  readonly url: string;
  readonly status?: number;
  readonly durationMs: number;
  readonly error?: string;
}

/** The outside world, injected: tests pass a fake clock, sleep and random. */
export interface ExchangeDeps {
  readonly transport: Transport;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly onAttempt?: (log: AttemptLog) => void;
  /** Before the one wait for a short Retry-After (429): how long the exchange waits before it asks again by itself. */
  readonly onWait?: (seconds: number) => void;
}

export type ExchangeResult<S extends object> =
  | ({
      readonly ok: true;
      readonly raw: unknown;
      /** The body exactly as received, redacted of the key (Show Raw Response shows it as it came). */
      readonly body?: string;
      readonly httpStatus: number;
      readonly attempts: number;
      readonly durationMs: number;
    } & S)
  | {
      readonly ok: false;
      readonly error: LookupError;
      readonly raw?: unknown;
      /** The body exactly as received, redacted, when there was one. */
      readonly body?: string;
      readonly attempts: number;
      readonly durationMs: number;
    };

const RETRY_AFTER_CAP_SECONDS = 10;
/** Characters of an answer's body kept for Show Raw Response. */
const MAX_KEPT_BODY = 64 * 1024;
const OFFLINE_RETRIES = 2;
const OFFLINE_BACKOFF_BASE_MS = 300;

export async function runExchange<S extends object>(
  exchange: Exchange<S>,
  p: ExchangeParams,
  deps: ExchangeDeps,
): Promise<ExchangeResult<S>> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const { request } = exchange;
  const clean = redactor(p.apiKey);
  const shownUrl = clean(request.url);
  const started = now();
  const cancelled = (): ExchangeResult<S> => ({
    ok: false,
    error: { kind: 'cancelled' },
    attempts,
    durationMs: now() - started,
  });
  /** The result's construction (redaction, the kept body) under one catch: whatever an answer nobody foresaw makes
   *  throw there, the lookup ends as a bad response, never as a rejection (a stuck panel, a watch that stops). */
  const settled = (build: () => ExchangeResult<S>): ExchangeResult<S> => {
    try {
      return build();
    } catch {
      return { ok: false, error: { kind: 'bad-response' }, attempts, durationMs: now() - started };
    }
  };
  let attempts = 0;
  let offlineRetries = 0;
  let rateRetried = false;

  for (;;) {
    attempts++;
    const t0 = now();
    let response: TransportResponse;
    try {
      response = await deps.transport({
        ...request,
        timeoutMs: p.timeoutMs,
        signal: p.signal,
        maxBodyBytes: MAX_BODY_BYTES,
        maxRedirects: MAX_REDIRECTS,
      });
    } catch (e) {
      const err = toTransportError(e);
      const message = clean(err.message);
      deps.onAttempt?.({
        attempt: attempts,
        method: request.method,
        url: shownUrl,
        durationMs: now() - t0,
        error: `${err.kind}${err.code ? ` (${err.code})` : ''}: ${message}`,
      });
      if (err.kind === 'offline' && offlineRetries < OFFLINE_RETRIES && !p.signal?.aborted) {
        offlineRetries++;
        const cap = OFFLINE_BACKOFF_BASE_MS * 2 ** offlineRetries;
        try {
          await sleep(Math.round(random() * cap), p.signal);
          continue;
        } catch {
          return cancelled();
        }
      }
      const detail = err.code ?? undefined;
      return {
        ok: false,
        error: {
          kind: err.kind,
          ...(detail ? { detail } : {}),
          ...(err.redirect ? { redirect: cleanRedirect(err.redirect, p.apiKey, clean) } : {}),
          ...(err.kind === 'timeout' ? { timeoutSeconds: Math.round(p.timeoutMs / 1000) } : {}),
        },
        attempts,
        durationMs: now() - started,
      };
    }
    const parsed = safeParse(exchange, {
      status: response.status,
      contentType: response.headers['content-type'],
      body: response.body,
      retryAfter: response.headers['retry-after'],
      redact: clean,
    });
    deps.onAttempt?.({
      attempt: attempts,
      method: request.method,
      url: shownUrl,
      status: response.status,
      durationMs: now() - t0,
    });
    if (parsed.ok) {
      return settled(() => ({
        ...redactValueWith(parsed, clean),
        body: keptBody(response.body, clean),
        httpStatus: response.status,
        attempts,
        durationMs: now() - started,
      }));
    }
    const wait = parsed.error.retryAfterSeconds;
    if (parsed.error.kind === 'rate-limited' && !rateRetried && wait !== undefined && wait <= RETRY_AFTER_CAP_SECONDS) {
      rateRetried = true;
      deps.onWait?.(wait);
      try {
        await sleep(wait * 1000, p.signal);
        continue;
      } catch {
        return cancelled();
      }
    }
    return settled(() => ({
      ok: false,
      error: redactValueWith(parsed.error, clean),
      raw: redactValueWith(parsed.raw, clean),
      // a failure's body is kept for Show Raw Response only up to 64 K characters: an error page is small, and a
      // malformed 1 MB answer held by every panel that showed one would add up (row 14)
      ...(response.body ? { body: keptBody(response.body, clean) } : {}),
      attempts,
      durationMs: now() - started,
    }));
  }
}

/** An answer's body for Show Raw Response, kept while its panel is open: redacted, at most MAX_KEPT_BODY characters,
 *  and said so when cut. Cut (with a margin wider than any escaped form of a key) before it is redacted: no copy of a
 *  1 MB body. A successful answer is capped like a failed one: the report itself was read from the whole body. */
function keptBody(body: string, clean: (text: string) => string): string {
  if (body.length <= MAX_KEPT_BODY) return clean(body);
  const kept = cutText(clean(cutText(body, MAX_KEPT_BODY + 8192)), MAX_KEPT_BODY);
  return `${kept}\n\n${l10n.t('(Cut here: the first {0} of {1} characters of the answer.)', MAX_KEPT_BODY, body.length)}`;
}

/** A refused redirect's target is the server's text (its Location header): redacted, and dropped if the key is in it
 *  in any case (a host name is lower-cased on the way). */
function cleanRedirect(r: RedirectRefusal, apiKey: string, clean: (t: string) => string): RedirectRefusal {
  if (r.target === undefined) return r;
  const target = clean(r.target);
  const leaks = apiKey.length >= 4 && target.toLowerCase().includes(apiKey.toLowerCase());
  return leaks || target !== r.target ? { why: r.why } : r;
}

/** The exchange's parser never throws by contract; if one ever does on an answer nobody foresaw, the answer is a bad
 *  response, not a rejected lookup (a stuck panel, an unhandled rejection, a watch that stops checking). */
function safeParse<S extends object>(exchange: Exchange<S>, answer: Parameters<Exchange<S>['parse']>[0]) {
  try {
    return exchange.parse(answer);
  } catch {
    return { ok: false as const, error: { kind: 'bad-response' as const, httpStatus: answer.status } };
  }
}

function toTransportError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  if (e && typeof e === 'object' && 'kind' in e && typeof (e as { kind: unknown }).kind === 'string') {
    const t = e as { kind: TransportError['kind']; message?: string; code?: string };
    return new TransportError(t.kind, String(t.message ?? ''), t.code, (e as { redirect?: RedirectRefusal }).redirect);
  }
  return new TransportError('network', e instanceof Error ? e.message : String(e));
}
