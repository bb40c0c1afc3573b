// One lookup from validated inputs to a report or a classified error: build the request, send it through the
// injected transport, parse the answer, and apply the retry rules that are safe for a POST that may cost credits:
//  - 429 with a Retry-After of at most 10 s: wait and try once more; a longer wait is reported, not waited for;
//  - the request never left (connection refused, DNS failure): up to 2 more tries with full-jitter backoff;
//  - anything else (5xx, a connection reset after sending, timeouts): no automatic retry.
import { type LookupError } from './errors';
import { redactor, redactValueWith } from './redact';
import { parseAnswer, type Report } from './report';
import { buildReportRequest } from './request';
import { MAX_BODY_BYTES, MAX_REDIRECTS, TransportError, type Transport, type TransportResponse } from './transport';

export interface LookupParams {
  readonly apiRoot: string; // checked with checkApiRoot
  readonly sendId: string; // checked with checkSendId
  readonly number: string; // normalized with normalizePhone
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface AttemptLog {
  readonly attempt: number;
  readonly method: 'POST';
  /** The request URL with the key redacted. */
  readonly url: string;
  readonly status?: number;
  readonly durationMs: number;
  readonly error?: string;
}

export interface LookupDeps {
  readonly transport: Transport;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly onAttempt?: (log: AttemptLog) => void;
}

export type LookupResult =
  | {
      readonly ok: true;
      readonly report: Report;
      readonly raw: unknown;
      readonly httpStatus: number;
      readonly attempts: number;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly error: LookupError;
      readonly raw?: unknown;
      readonly attempts: number;
      readonly durationMs: number;
    };

export const RETRY_AFTER_CAP_SECONDS = 10;
export const OFFLINE_RETRIES = 2;
export const OFFLINE_BACKOFF_BASE_MS = 300;

export async function lookUpReport(p: LookupParams, deps: LookupDeps): Promise<LookupResult> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const request = buildReportRequest(p.apiRoot, p.sendId, p.number, p.apiKey);
  const clean = redactor(p.apiKey);
  const shownUrl = clean(request.url);
  const started = now();
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
        method: 'POST',
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
          return { ok: false, error: { kind: 'cancelled' }, attempts, durationMs: now() - started };
        }
      }
      const detail = err.code ?? undefined;
      return {
        ok: false,
        error: { kind: err.kind, ...(detail ? { detail } : {}) },
        attempts,
        durationMs: now() - started,
      };
    }
    const parsed = parseAnswer({
      status: response.status,
      contentType: response.headers['content-type'],
      body: response.body,
      retryAfter: response.headers['retry-after'],
      redact: clean,
    });
    deps.onAttempt?.({
      attempt: attempts,
      method: 'POST',
      url: shownUrl,
      status: response.status,
      durationMs: now() - t0,
    });
    if (parsed.ok) {
      return {
        ok: true,
        report: redactValueWith(parsed.report, clean),
        raw: redactValueWith(parsed.raw, clean),
        httpStatus: response.status,
        attempts,
        durationMs: now() - started,
      };
    }
    const wait = parsed.error.retryAfterSeconds;
    if (parsed.error.kind === 'rate-limited' && !rateRetried && wait !== undefined && wait <= RETRY_AFTER_CAP_SECONDS) {
      rateRetried = true;
      try {
        await sleep(wait * 1000, p.signal);
        continue;
      } catch {
        return { ok: false, error: { kind: 'cancelled' }, attempts, durationMs: now() - started };
      }
    }
    return {
      ok: false,
      error: redactValueWith(parsed.error, clean),
      raw: redactValueWith(parsed.raw, clean),
      attempts,
      durationMs: now() - started,
    };
  }
}

function toTransportError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  if (e && typeof e === 'object' && 'kind' in e && typeof (e as { kind: unknown }).kind === 'string') {
    const t = e as { kind: TransportError['kind']; message?: string; code?: string };
    return new TransportError(t.kind, String(t.message ?? ''), t.code);
  }
  return new TransportError('network', e instanceof Error ? e.message : String(e));
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
