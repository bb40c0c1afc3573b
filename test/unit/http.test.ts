// The node-fetch transport (src/services/http.ts) against the sandbox over loopback: real sockets, no stubs.
// The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MAX_BODY_BYTES } from '../../src/core/api/transport';
import { transport } from '../../src/services/http';
import { SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import { GZIP_BOMB_BYTES, JSON_TYPE, TEXT, gzipBomb, startSandbox, type Sandbox } from '../sandbox/server';
import {
  MB,
  closedPort,
  measurePeak,
  rawRequest,
  reportRequest,
  sleep,
  tlsMaterial,
  transportError,
  trustCa,
  waitFor,
} from './helpers';

const KEY = 'sandbox-key';

describe('HTTP transport (node-fetch) against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const req = (extra: Parameters<typeof reportRequest>[4] = {}, sendId: string = SAMPLE.sendId) =>
    reportRequest(sb.root, sendId, SAMPLE.number, KEY, extra);

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await gzipBomb(); // built once (~0.5 s), outside the timed tests
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.setFault(undefined);
    sb.setLatency(0);
    sb.resetStats();
  });

  describe('a normal exchange', () => {
    it('returns the 200 report: status, headers and the UTF-8 body', async () => {
      const res = await transport(req());
      assert.equal(res.status, 200);
      assert.equal(res.redirects, 0);
      assert.equal(res.headers['content-type'], JSON_TYPE);
      const json = JSON.parse(res.body) as { durum: boolean; aciklama: unknown };
      assert.equal(json.durum, true);
      assert.deepEqual(json.aciklama, SAMPLE_REPORT);
      assert.match(res.body, /ağacıyım gülhane parkında \(Ş ş Ğ ğ ç ı İ\)/);
    });

    it('sends POST with content-type application/json, cache-control no-cache and the body {"numara":…}', async () => {
      await transport(req());
      assert.equal(sb.requests.length, 1);
      const r = sb.requests[0];
      assert.equal(r.method, 'POST');
      assert.equal(r.sendId, SAMPLE.sendId);
      assert.ok(r.apiKeyOk, 'the key arrived intact');
      assert.match(String(r.headers['content-type']), /^application\/json\b/);
      assert.equal(r.headers['cache-control'], 'no-cache');
      assert.equal(r.body, `{"numara":"${SAMPLE.number}"}`);
      assert.deepEqual(JSON.parse(r.body), { numara: SAMPLE.number });
      assert.equal(r.status, 200);
    });

    it("returns error statuses as responses (classification is the lookup's job)", async () => {
      const res = await transport(reportRequest(sb.root, SAMPLE.sendId, SAMPLE.number, 'wrong-key'));
      assert.equal(res.status, 401);
      assert.match(res.body, /api_key bilgisi hatalı/);
    });
  });

  describe('deadline and cancel', () => {
    it('a server that never answers ends at the deadline with kind "timeout"', async () => {
      sb.setFault({ kind: 'hang' });
      const t0 = performance.now();
      const err = await transportError(() => transport(req({ timeoutMs: 300 })));
      const elapsed = performance.now() - t0;
      assert.equal(err.kind, 'timeout');
      assert.ok(elapsed >= 295, `ended after ${elapsed.toFixed(0)} ms, before the 300 ms deadline`);
      assert.ok(elapsed < 1300, `ended after ${elapsed.toFixed(0)} ms, long after the 300 ms deadline`);
      assert.equal(sb.requests.length, 1, 'the request reached the server');
      assert.equal(sb.requests[0].status, 0, 'the server never answered');
    });

    it('a body dripping one byte at a time also ends at the deadline', async () => {
      sb.setFault({ kind: 'drip', intervalMs: 20 });
      const t0 = performance.now();
      const err = await transportError(() => transport(req({ timeoutMs: 300 })));
      const elapsed = performance.now() - t0;
      assert.equal(err.kind, 'timeout');
      assert.ok(elapsed >= 295 && elapsed < 1300, `ended after ${elapsed.toFixed(0)} ms`);
      assert.equal(sb.requests[0]?.status, 200, 'headers were sent, so the deadline covered the body too');
      assert.ok(await waitFor(() => sb.inFlight === 0), 'the dripping connection was closed by the client');
    });

    it('the deadline covers slow headers too (latency above the timeout)', async () => {
      sb.setLatency(2000);
      const err = await transportError(() => transport(req({ timeoutMs: 200 })));
      assert.equal(err.kind, 'timeout');
    });

    it('Cancel mid-request rejects with kind "cancelled" within 100 ms of the abort', async () => {
      sb.setFault({ kind: 'hang' });
      const user = new AbortController();
      let abortedAt = 0;
      setTimeout(() => {
        abortedAt = performance.now();
        user.abort();
      }, 150);
      const err = await transportError(() => transport(req({ timeoutMs: 5000, signal: user.signal })));
      const lag = performance.now() - abortedAt;
      assert.equal(err.kind, 'cancelled');
      assert.ok(abortedAt > 0, 'the abort happened');
      assert.ok(lag < 100, `rejected ${lag.toFixed(0)} ms after the abort`);
    });

    it('an already aborted signal sends nothing', async () => {
      const user = new AbortController();
      user.abort();
      const err = await transportError(() => transport(req({ signal: user.signal })));
      assert.equal(err.kind, 'cancelled');
      await sleep(50);
      assert.equal(sb.requests.length, 0);
    });

    it('a fast answer is not cut by a pending deadline timer (the timer is cleared)', async () => {
      const res = await transport(req({ timeoutMs: 150 }));
      assert.equal(res.status, 200);
      await sleep(200); // an uncleared timer would abort nothing now, but must not throw either
      const again = await transport(req({ timeoutMs: 150 }));
      assert.equal(again.status, 200);
    });
  });

  describe('redirects', () => {
    for (const status of [301, 302, 303, 307, 308] as const) {
      it(`follows a ${status} on the same host, with the body`, async () => {
        sb.setFault({ kind: 'redirect', status, to: 'same-host' });
        const res = await transport(req());
        assert.equal(res.status, 200);
        assert.equal(res.redirects, 1);
        assert.deepEqual((JSON.parse(res.body) as { aciklama: unknown }).aciklama, SAMPLE_REPORT);
        assert.equal(sb.requests.length, 2);
        assert.equal(sb.redirectStats.atTarget, 1);
        assert.equal(sb.redirectStats.bodiesAtTarget, 1, 'the body was sent again to the same host');
        assert.ok(sb.requests[1].apiKeyOk);
      });
    }

    it('follows up to 3 same-host redirects', async () => {
      sb.setFault({ kind: 'redirect', status: 307, to: 'same-host', hops: 3 });
      const res = await transport(req());
      assert.equal(res.status, 200);
      assert.equal(res.redirects, 3);
      assert.equal(sb.requests.length, 4);
    });

    it('refuses a 4th redirect', async () => {
      sb.setFault({ kind: 'redirect', status: 307, to: 'same-host', hops: 4 });
      const err = await transportError(() => transport(req()));
      assert.equal(err.kind, 'redirect');
      assert.equal(sb.requests.length, 4);
    });

    it('stops a redirect loop after 3 hops: exactly 4 requests', async () => {
      sb.setFault({ kind: 'redirect', status: 302, to: 'loop' });
      const err = await transportError(() => transport(req()));
      assert.equal(err.kind, 'redirect');
      assert.equal(sb.requests.length, 4);
      assert.equal(sb.redirectStats.issued, 4);
      assert.equal(sb.redirectStats.atTarget, 3);
      assert.deepEqual(err.redirect, { why: 'too-many' }, 'the error says which rule refused it');
    });

    it('refuses a redirect to another host name; that host receives no request and no body', async () => {
      // First prove the other host name (localhost) really reaches this sandbox, so "no request" means something.
      const probe = await new Promise<number>((resolve, reject) => {
        http
          .get(`http://localhost:${sb.port}/probe`, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      assert.equal(probe, 404);
      assert.equal(sb.requests.filter((r) => String(r.headers.host).startsWith('localhost')).length, 1);
      sb.resetStats();

      for (const status of [302, 307, 308] as const) {
        sb.setFault({ kind: 'redirect', status, to: 'other-host' });
        const err = await transportError(() => transport(req()));
        assert.equal(err.kind, 'redirect');
        assert.match(err.message, /localhost/);
        assert.deepEqual(err.redirect, { why: 'other-host', target: `http://localhost:${sb.port}` });
      }
      assert.equal(sb.requests.length, 3, 'only the three first requests');
      assert.equal(sb.requests.filter((r) => String(r.headers.host).startsWith('localhost')).length, 0);
      assert.equal(sb.redirectStats.issued, 3);
      assert.equal(sb.redirectStats.atTarget, 0);
      assert.equal(sb.redirectStats.bodiesAtTarget, 0);
    });

    it('refuses a redirect to another server (another port, another host name): it receives nothing', async () => {
      const other = await startSandbox({ apiKey: KEY });
      try {
        for (const to of [
          `${other.root}NumaraRaporu/187`,
          `http://localhost:${other.port}/Panel/api/v1/NumaraRaporu/187`,
        ] as const) {
          sb.setFault({ kind: 'redirect', status: 307, to: to as `http://${string}` });
          const err = await transportError(() => transport(req()));
          assert.equal(err.kind, 'redirect');
        }
        assert.equal(other.requests.length, 0, 'the other server got no request, no key, no number');
      } finally {
        await other.close();
      }
    });

    it('refuses a redirect with credentials in the URL', async () => {
      sb.setFault({
        kind: 'redirect',
        status: 302,
        to: `http://user:pw@127.0.0.1:${sb.port}/Panel/api/v1/NumaraRaporu/187` as `http://${string}`,
      });
      const err = await transportError(() => transport(req()));
      assert.equal(err.kind, 'redirect');
      assert.equal(sb.requests.length, 1);
    });
  });

  describe('body size cap (1 MiB after decompression)', () => {
    it('accepts a body of exactly the cap', async () => {
      sb.setFault({ kind: 'oversized', bytes: MAX_BODY_BYTES });
      const res = await transport(req());
      assert.equal(res.status, 200);
      assert.equal(Buffer.byteLength(res.body), MAX_BODY_BYTES);
    });

    it('a body one byte over the cap → kind "too-large"', async () => {
      sb.setFault({ kind: 'oversized', bytes: MAX_BODY_BYTES + 1 });
      const err = await transportError(() => transport(req()));
      assert.equal(err.kind, 'too-large');
    });

    it('a 2 MiB body without content-length → "too-large", memory growth < 10 MB', async () => {
      sb.setFault({ kind: 'oversized' });
      await transportError(() => transport(req())); // warm up code paths and buffers
      const { result: err, peak } = await measurePeak(() => transportError(() => transport(req())));
      assert.equal(err.kind, 'too-large');
      assert.ok(peak.samples > 1, 'memory was sampled during the request');
      assert.ok(peak.js < 10 * MB, `JS memory grew by ${(peak.js / MB).toFixed(1)} MB`);
      assert.ok(peak.rss < 10 * MB, `RSS grew by ${(peak.rss / MB).toFixed(1)} MB`);
    });

    it('an endless body → "too-large" and the connection is dropped', async () => {
      sb.setFault({ kind: 'oversized', endless: true });
      const { result: err, peak } = await measurePeak(() => transportError(() => transport(req({ timeoutMs: 5000 }))));
      assert.equal(err.kind, 'too-large');
      assert.ok(peak.js < 10 * MB, `JS memory grew by ${(peak.js / MB).toFixed(1)} MB`);
      assert.ok(await waitFor(() => sb.inFlight === 0), 'the server saw the client go away');
    });

    it(`a gzip bomb (${GZIP_BOMB_BYTES / MB} MB decompressed) → "too-large", memory growth < 10 MB`, async () => {
      const bomb = await gzipBomb();
      assert.ok(bomb.length < MAX_BODY_BYTES, 'the compressed bomb itself is under the cap');
      sb.setFault({ kind: 'gzip-bomb' });
      await transportError(() => transport(req())); // warm up zlib
      const { result: err, peak } = await measurePeak(() => transportError(() => transport(req())));
      assert.equal(err.kind, 'too-large');
      assert.ok(peak.samples > 1);
      assert.ok(peak.js < 10 * MB, `JS memory grew by ${(peak.js / MB).toFixed(1)} MB`);
      assert.ok(peak.rss < 10 * MB, `RSS grew by ${(peak.rss / MB).toFixed(1)} MB`);
      assert.match(String(sb.requests.at(-1)?.headers['accept-encoding']), /gzip/, 'the client asked for gzip');
    });

    it('the measurement catches a transport without a cap (the assertion above can fail)', async () => {
      sb.setFault({ kind: 'gzip-bomb' });
      // The same request with a 64 MiB cap: decompression runs far past 10 MB before stopping.
      const { result: err, peak } = await measurePeak(() =>
        transportError(() => transport(req({ maxBodyBytes: 64 * MB }))),
      );
      assert.equal(err.kind, 'too-large');
      assert.ok(peak.js > 10 * MB, `JS memory grew by only ${(peak.js / MB).toFixed(1)} MB`);
    });
  });

  describe('connection failures', () => {
    it('connection refused on a closed port → kind "offline", code ECONNREFUSED', async () => {
      const port = await closedPort();
      const err = await transportError(() =>
        transport(reportRequest(`http://127.0.0.1:${port}/Panel/api/v1/`, '187', SAMPLE.number, KEY)),
      );
      assert.equal(err.kind, 'offline');
      assert.equal(err.code, 'ECONNREFUSED');
    });

    it('a reset after the request body was sent → kind "network"', async () => {
      sb.setFault({ kind: 'reset-after-body' });
      const err = await transportError(() => transport(req()));
      assert.equal(err.kind, 'network');
      assert.equal(sb.requests.length, 1);
      assert.equal(sb.requests[0].body, `{"numara":"${SAMPLE.number}"}`, 'the body had arrived before the reset');
    });

    it('an error message never carries the key in the URL', async () => {
      const port = await closedPort();
      const key = 'SENTINEL-KEY-7f3a&#%20 x';
      const err = await transportError(() =>
        transport(reportRequest(`http://127.0.0.1:${port}/Panel/api/v1/`, '187', SAMPLE.number, key)),
      );
      assert.equal(err.kind, 'offline');
      for (const form of [
        key,
        encodeURIComponent(key),
        new URLSearchParams({ k: key }).toString().slice(2),
        'SENTINEL',
      ]) {
        assert.ok(!err.message.includes(form), `message leaks ${form}: ${err.message}`);
      }
    });
  });

  describe('https', () => {
    let tlsSb: Sandbox;
    let untrusted: Sandbox;
    let restore: (() => void) | undefined;
    const tlsReq = (extra: Parameters<typeof reportRequest>[4] = {}) =>
      reportRequest(tlsSb.root, SAMPLE.sendId, SAMPLE.number, KEY, extra);

    before(async () => {
      const tls = tlsMaterial();
      tlsSb = await startSandbox({ apiKey: KEY, tls: { key: tls.key, cert: tls.cert } });
      untrusted = await startSandbox({ apiKey: KEY, tls: { key: tls.selfSignedKey, cert: tls.selfSignedCert } });
      restore = trustCa(tls.ca);
    });
    after(async () => {
      restore?.();
      await Promise.all([tlsSb?.close(), untrusted?.close()]);
    });
    beforeEach(() => {
      tlsSb.setFault(undefined);
      tlsSb.resetStats();
      untrusted.resetStats();
    });

    it('a report over https from a server the client trusts', async () => {
      assert.match(tlsSb.root, /^https:\/\/127\.0\.0\.1:\d+\/Panel\/api\/v1\/$/);
      const res = await transport(tlsReq());
      assert.equal(res.status, 200);
      assert.equal(tlsSb.requests[0].scheme, 'https');
    });

    it('follows a same-host https redirect', async () => {
      tlsSb.setFault({ kind: 'redirect', status: 307, to: 'same-host' });
      const res = await transport(tlsReq());
      assert.equal(res.status, 200);
      assert.equal(res.redirects, 1);
      assert.equal(tlsSb.redirectStats.atTarget, 1);
    });

    it('refuses a redirect from https to http; the http listener receives nothing', async () => {
      assert.ok(tlsSb.httpPort, 'the sandbox has a plain-http listener to redirect to');
      for (const status of [301, 302, 307, 308] as const) {
        tlsSb.setFault({ kind: 'redirect', status, to: 'http' });
        const err = await transportError(() => transport(tlsReq()));
        assert.equal(err.kind, 'redirect');
        assert.match(err.message, /http:\/\/127\.0\.0\.1/);
        assert.equal(err.redirect?.why, 'plain-http');
        assert.equal(err.redirect?.target, `http://127.0.0.1:${tlsSb.httpPort}`);
      }
      assert.equal(tlsSb.requests.filter((r) => r.scheme === 'http').length, 0);
      assert.equal(tlsSb.redirectStats.atTarget, 0);
      assert.equal(tlsSb.redirectStats.bodiesAtTarget, 0);
    });

    it('a self-signed certificate → kind "tls"; the request never reaches the server', async () => {
      const err = await transportError(() =>
        transport(reportRequest(untrusted.root, SAMPLE.sendId, SAMPLE.number, KEY)),
      );
      assert.equal(err.kind, 'tls');
      assert.match(String(err.code), /SELF_SIGNED/);
      assert.equal(untrusted.requests.length, 0);
    });

    it('a certificate from an unknown CA → kind "tls"', async () => {
      restore?.();
      try {
        const err = await transportError(() => transport(tlsReq()));
        assert.equal(err.kind, 'tls');
        assert.match(String(err.code), /UNABLE_TO|SELF_SIGNED/);
        assert.equal(tlsSb.requests.length, 0);
      } finally {
        restore = trustCa(tlsMaterial().ca);
      }
    });

    it('a certificate for another name → kind "tls"', async () => {
      const tls = tlsMaterial();
      // Linux answers on the whole 127/8; the certificate names only 127.0.0.1 and localhost.
      const other: Sandbox = await startSandbox({
        apiKey: KEY,
        host: '127.0.0.2',
        tls: { key: tls.key, cert: tls.cert },
      });
      try {
        const err = await transportError(() => transport(reportRequest(other.root, SAMPLE.sendId, SAMPLE.number, KEY)));
        assert.equal(err.kind, 'tls');
        assert.match(String(err.code), /ALTNAME|HOSTNAME/);
        assert.equal(other.requests.length, 0);
      } finally {
        await other.close();
      }
    });
  });

  describe('the sandbox itself (the contract other tests rely on)', () => {
    const url = (id: string, key = KEY) => `${sb.root}NumaraRaporu/${id}?api_key=${encodeURIComponent(key)}`;
    const json = (body: string) => JSON.parse(body) as { durum: boolean; aciklama: unknown };

    it('answers the documented errors: 405, 404 (path, send, number), 401, 400 (body, missing, invalid number)', async () => {
      const get = await rawRequest(url('187'), { method: 'GET' });
      assert.equal(get.status, 405);
      assert.deepEqual(json(get.body), { durum: false, aciklama: TEXT.methodNotAllowed });
      const unknownPath = await rawRequest(`http://127.0.0.1:${sb.port}/Panel/api/v1/Other/187`);
      assert.equal(unknownPath.status, 404);
      assert.match(String(unknownPath.headers['content-type']), /^text\/plain/);
      const cases: Array<[string, string, string, number, string]> = [
        ['no key', `${sb.root}NumaraRaporu/187`, '{"numara":"5399999999"}', 401, TEXT.wrongKey],
        ['wrong key', url('187', 'nope'), '{"numara":"5399999999"}', 401, TEXT.wrongKey],
        ['body not JSON', url('187'), 'numara=5399999999', 400, TEXT.badBody],
        ['numara missing', url('187'), '{}', 400, TEXT.missingNumber],
        ['numara empty', url('187'), '{"numara":""}', 400, TEXT.missingNumber],
        ['numara not digits', url('187'), '{"numara":"+90 539"}', 400, TEXT.invalidNumber],
        ['id not digits', url('abc'), '{"numara":"5399999999"}', 404, TEXT.unknownSend],
        ['unknown send', url('999'), '{"numara":"5399999999"}', 404, TEXT.unknownSend],
        ['number not in send', url('187'), '{"numara":"5000000000"}', 404, TEXT.numberNotInSend],
      ];
      for (const [name, u, body, status, text] of cases) {
        const r = await rawRequest(u, { body, headers: { 'content-type': 'application/json' } });
        assert.equal(r.status, status, name);
        assert.deepEqual(json(r.body), { durum: false, aciklama: text }, name);
        assert.equal(r.headers['content-type'], JSON_TYPE, name);
      }
      const ok = await rawRequest(url('187'), { body: '{"numara":"5399999999"}' });
      assert.equal(ok.status, 200);
      assert.deepEqual(json(ok.body), { durum: true, aciklama: SAMPLE_REPORT });
    });

    it('fault send IDs work without setFault, with any key and number', async () => {
      const r = await rawRequest(url('9006', 'any'), { body: '{"numara":"1"}' });
      assert.equal(r.status, 429);
      assert.equal(r.headers['retry-after'], '2');
      const html = await rawRequest(url('9002', 'any'), { body: '' });
      assert.equal(html.status, 502);
      assert.match(html.body, /<script>/);
      const followed = await transport(req({}, '9017'));
      assert.equal(followed.redirects, 1);
      assert.equal(followed.status, 200);
    });

    it('counts concurrent requests (inFlight, maxInFlight) and applies latency', async () => {
      sb.setLatency(100);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 5 }, () => transport(req())));
      assert.ok(performance.now() - t0 >= 95, 'latency was applied');
      assert.equal(sb.maxInFlight, 5);
      assert.equal(sb.inFlight, 0);
      sb.resetStats();
      assert.equal(sb.maxInFlight, 0);
      assert.equal(sb.requests.length, 0);
    });

    it('close() ends hanging, dripping and keep-alive connections at once', async () => {
      const own = await startSandbox({ apiKey: KEY });
      const keepAlive = new http.Agent({ keepAlive: true });
      try {
        await new Promise<void>((resolve, reject) => {
          http
            .request(`${own.root}NumaraRaporu/187?api_key=${KEY}`, { method: 'POST', agent: keepAlive }, (res) => {
              res.resume();
              res.on('end', resolve);
            })
            .on('error', reject)
            .end('{"numara":"5399999999"}');
        });
        const pending = ['9001', '9013'].map(
          (id) =>
            new Promise<string>((resolve) => {
              http
                .request(`${own.root}NumaraRaporu/${id}?api_key=${KEY}`, { method: 'POST', agent: false }, (res) => {
                  res.on('data', () => undefined);
                  res.on('error', () => resolve('reset'));
                  res.on('close', () => resolve('closed'));
                })
                .on('error', () => resolve('error'))
                .end('{}');
            }),
        );
        assert.ok(await waitFor(() => own.inFlight === 2), 'both requests are being served');
        const t0 = performance.now();
        await own.close();
        assert.ok(performance.now() - t0 < 500, `close() took ${(performance.now() - t0).toFixed(0)} ms`);
        const ends = await Promise.all(pending);
        assert.equal(ends.length, 2);
        await own.close(); // a second close is harmless
      } finally {
        keepAlive.destroy();
      }
    });
  });
});
