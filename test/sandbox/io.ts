// The sandbox's plumbing: listening, reading a request body, decoding a path segment, and redacting the key in its log.
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The sandbox keeps at most this much of a request body. */
const MAX_REQUEST_BODY = 1024 * 1024;

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Reads the whole request body (kept up to 1 MiB), as UTF-8. Resolves on end, close or error. */
export function readBody(req: http.IncomingMessage): Promise<string> {
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

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** For the sandbox's own log: the api_key parameter's value is never printed. */
export function redactKey(target: string): string {
  return target.replace(/([?&]api_key=)[^&#\s]*/gi, '$1[REDACTED]');
}
