// Shared helpers for the unit tests that talk to the sandbox over loopback: request building, TLS material, a
// closed port, timing and memory measurement.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { MAX_BODY_BYTES, MAX_REDIRECTS, TransportError, type TransportRequest } from '../../src/core/api/transport';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { buildReportRequest } from '../../src/core/report/endpoint';

/** A TransportRequest exactly as lookUpReport builds it. */
export function reportRequest(
  root: string,
  sendId: string,
  number: string,
  apiKey: string,
  extra: Partial<TransportRequest> = {},
): TransportRequest {
  return {
    ...buildReportRequest(root, sendId, number, apiKey),
    timeoutMs: 2000,
    maxBodyBytes: MAX_BODY_BYTES,
    maxRedirects: MAX_REDIRECTS,
    ...extra,
  };
}

/** Runs fn and returns what it threw, failing when it does not throw a TransportError. */
export async function transportError(fn: () => Promise<unknown>): Promise<TransportError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw new Error(`expected a TransportError, got ${String(e)}`);
  }
  throw new Error('expected a TransportError, but the call succeeded');
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A plain node:http request (no agent, no redirects), for checking the sandbox's own answers. */
export function rawRequest(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: opts.method ?? 'POST', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until cond() is true or ms passed; returns the last value of cond(). */
export async function waitFor(cond: () => boolean, ms = 1000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(5);
  return cond();
}

// ---------------------------------------------------------------------------------------------------------------
// TLS: a test CA with a leaf for 127.0.0.1/localhost, and an unrelated self-signed certificate. Generated with
// openssl at test time; where openssl is missing (or VAIROSMS_TLS_FIXTURES=1), the committed copies in
// test/fixtures/tls/ (test-only keys, 100-year validity) are used instead.

export interface TlsMaterial {
  readonly ca: string;
  /** Signed by `ca`, SAN IP:127.0.0.1, DNS:localhost. */
  readonly cert: string;
  readonly key: string;
  /** Self-signed, SAN IP:127.0.0.1, DNS:localhost; no CA vouches for it. */
  readonly selfSignedCert: string;
  readonly selfSignedKey: string;
  readonly source: 'openssl' | 'fixtures';
}

type TlsFile = 'ca.crt' | 'leaf.crt' | 'leaf.key' | 'self.crt' | 'self.key';

let tlsCache: TlsMaterial | undefined;

export function tlsMaterial(): TlsMaterial {
  if (tlsCache) return tlsCache;
  let dir: string | undefined;
  let source: TlsMaterial['source'] = 'openssl';
  if (process.env.VAIROSMS_TLS_FIXTURES !== '1') {
    try {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-tls-'));
      generateWithOpenssl(dir);
    } catch {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    }
  }
  if (!dir) {
    source = 'fixtures';
    dir = fixturesDir();
  }
  const read = (f: TlsFile): string => fs.readFileSync(path.join(dir, f), 'utf8');
  tlsCache = {
    ca: read('ca.crt'),
    cert: read('leaf.crt'),
    key: read('leaf.key'),
    selfSignedCert: read('self.crt'),
    selfSignedKey: read('self.key'),
    source,
  };
  if (source === 'openssl') fs.rmSync(dir, { recursive: true, force: true });
  return tlsCache;
}

/** test/fixtures/tls, found from the bundle in out/unit/ or from the sources. */
function fixturesDir(): string {
  for (let d = __dirname; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'test', 'fixtures', 'tls');
    if (fs.existsSync(path.join(candidate, 'ca.crt'))) return candidate;
    if (path.dirname(d) === d) throw new Error('test/fixtures/tls not found and openssl unavailable');
  }
}

/** Writes ca.crt, leaf.crt/key (signed by the CA) and self.crt/key into dir. Throws if openssl is unavailable. */
function generateWithOpenssl(dir: string): void {
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
  };
  const days = '36500';
  const san = 'subjectAltName=IP:127.0.0.1,DNS:localhost';
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    days,
    '-subj',
    '/CN=VairoSMS sandbox test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  run('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(
    path.join(dir, 'leaf.ext'),
    `${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  run(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.crt',
    '-days',
    days,
    '-extfile',
    'leaf.ext',
  );
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'self.key',
    '-out',
    'self.crt',
    '-days',
    days,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    san,
  );
}

/** Makes the default https agent (which node-fetch uses) trust only `ca`, until the returned function is called.
 *  The transport has no CA option (VS Code supplies system and proxy CAs), so tests trust their CA this way. */
export function trustCa(ca: string): () => void {
  const options = https.globalAgent.options as https.AgentOptions;
  const before = options.ca;
  options.ca = ca;
  return () => {
    if (before === undefined) delete options.ca;
    else options.ca = before;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Memory

let gcFn: (() => void) | undefined | null = null;

/** A gc() function: global.gc when node runs with --expose-gc, else one obtained by setting the flag at run time. */
function getGc(): (() => void) | undefined {
  if (gcFn !== null) return gcFn;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') {
    gcFn = g;
  } else {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = undefined;
    }
  }
  return gcFn;
}

export interface MemoryPeak {
  /** Largest growth of rss over the baseline while fn ran, in bytes. */
  readonly rss: number;
  /** Largest growth of heapUsed + external + arrayBuffers (the JS-visible memory) over the baseline, in bytes. */
  readonly js: number;
  readonly samples: number;
  readonly gc: boolean;
}

/** Runs fn while sampling process memory every millisecond; reports the peak growth over a baseline taken after a
 *  full GC. Catching a transient 200 MB allocation needs the peak: after GC the memory is back at the baseline. */
export async function measurePeak<T>(fn: () => Promise<T>): Promise<{ result: T; peak: MemoryPeak }> {
  const gc = getGc();
  gc?.();
  gc?.();
  const base = process.memoryUsage();
  const jsOf = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external;
  let maxRss = base.rss;
  let maxJs = jsOf(base);
  let samples = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > maxRss) maxRss = m.rss;
    if (jsOf(m) > maxJs) maxJs = jsOf(m);
  };
  const timer = setInterval(sample, 1);
  let result: T;
  try {
    result = await fn();
  } finally {
    clearInterval(timer);
    sample();
  }
  const peak = { rss: maxRss - base.rss, js: maxJs - jsOf(base), samples, gc: !!gc };
  if (process.env.VAIROSMS_MEM_LOG)
    console.log(
      `      memory peak: rss +${(peak.rss / MB).toFixed(2)} MB, js +${(peak.js / MB).toFixed(2)} MB, ${samples} samples, gc ${peak.gc}`,
    );
  return { result, peak };
}

export const MB = 1024 * 1024;

/** A describe block's sandbox: started before its tests (handed to `set`), closed after them, and its fault, latency
 *  and counters reset before each test. */
export function useSandbox(apiKey: string, set: (sb: Sandbox) => void): void {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey });
    set(sb);
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.setFault(undefined);
    sb.setLatency(0);
    sb.resetStats();
  });
}
