// How the sandbox answers each fault, on the report route and the send route alike.
import * as http from 'node:http';
import { API_PATH, JSON_TYPE } from './api';
import { gzipBomb, nginxPage, OVERSIZED_BYTES, type Fault } from './faults';
import type { SandboxState } from './state';

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

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
