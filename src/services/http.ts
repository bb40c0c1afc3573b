// The HTTP transport, on node-fetch. Built into its own bundle (dist/http.js) and loaded on the first lookup, so
// activation never evaluates node-fetch. It knows nothing of VS Code; VS Code's proxy support reaches it because the
// extension host patches the http/https modules node-fetch requires.
//   - one AbortSignal: the caller's Cancel and the total deadline (headers, redirects and body);
//   - redirects followed by hand: at most maxRedirects, same host only, https only (or the same loopback origin),
//     so the number in the body and the key in the URL go nowhere else;
//   - the body read as a stream and cut at maxBodyBytes after decompression (a gzip bomb stops at the cap);
//   - no retry here: retries are a policy of the lookup (src/core/report/lookup.ts).
import fetch, { type Response } from 'node-fetch';
import { isLoopbackHost } from '../core/api/request';
import { redact } from '../core/api/redact';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from '../core/api/transport';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TLS_CODES =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|EPROTO)/;

export const transport: Transport = async (req: TransportRequest): Promise<TransportResponse> => {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), req.timeoutMs);
  const controller = new AbortController();
  const abort = () => controller.abort();
  deadline.signal.addEventListener('abort', abort, { once: true });
  req.signal?.addEventListener('abort', abort, { once: true });
  if (req.signal?.aborted) controller.abort();
  const why = (): TransportError | undefined =>
    req.signal?.aborted
      ? new TransportError('cancelled', 'cancelled by the user')
      : deadline.signal.aborted
        ? new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`)
        : undefined;
  try {
    let url = new URL(req.url);
    const origin = url;
    for (let redirects = 0; ; redirects++) {
      const stop = why();
      if (stop) throw stop;
      let res: Response;
      try {
        res = await fetch(url.toString(), {
          method: req.method,
          headers: req.headers,
          body: req.body,
          redirect: 'manual',
          signal: controller.signal,
          compress: true,
        });
      } catch (e) {
        throw why() ?? classify(e);
      }
      const location = res.headers.get('location');
      if (REDIRECT_STATUSES.has(res.status) && location !== null) {
        res.body?.resume();
        if (redirects >= req.maxRedirects) {
          throw new TransportError('redirect', `more than ${req.maxRedirects} redirects`, undefined, {
            why: 'too-many',
          });
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new TransportError('redirect', 'redirect to an unreadable location', undefined, { why: 'unreadable' });
        }
        if (!allowedRedirect(origin, next)) {
          throw new TransportError('redirect', `redirect to ${describeTarget(next)} refused`, undefined, {
            why: next.hostname.toLowerCase() === origin.hostname.toLowerCase() ? 'plain-http' : 'other-host',
            target: describeTarget(next),
          });
        }
        url = next;
        continue;
      }
      const body = await readCapped(res, req.maxBodyBytes, controller, why);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      return { status: res.status, headers, body, redirects };
    }
  } finally {
    clearTimeout(timer);
    deadline.signal.removeEventListener('abort', abort);
    req.signal?.removeEventListener('abort', abort);
  }
};

/** Same host name; https, or the very same scheme and port on a loopback sandbox. */
export function allowedRedirect(origin: URL, next: URL): boolean {
  if (next.hostname.toLowerCase() !== origin.hostname.toLowerCase()) return false;
  if (next.username || next.password) return false;
  if (next.protocol === 'https:') return true;
  return isLoopbackHost(origin.hostname) && next.protocol === origin.protocol && next.port === origin.port;
}

function describeTarget(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

async function readCapped(
  res: Response,
  max: number,
  controller: AbortController,
  why: () => TransportError | undefined,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = res.body;
  if (!stream) return '';
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > max) {
        controller.abort();
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        throw new TransportError('too-large', `body larger than ${max} bytes`);
      }
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof TransportError) throw e;
    throw why() ?? classify(e);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function classify(e: unknown): TransportError {
  const err = e as {
    code?: string;
    errno?: string;
    type?: string;
    message?: string;
    name?: string;
    cause?: { code?: string };
  };
  const code = err?.code ?? err?.errno ?? err?.cause?.code;
  const message = redact(String(err?.message ?? e));
  if (err?.name === 'AbortError') return new TransportError('cancelled', 'aborted');
  if (typeof code === 'string') {
    if (NEVER_SENT.has(code)) return new TransportError('offline', message, code);
    if (TLS_CODES.test(code)) return new TransportError('tls', message, code);
    // Everything else (a reset, a broken gzip stream, a premature close) broke after the request left.
    return new TransportError('network', message, code);
  }
  return new TransportError('network', message);
}
