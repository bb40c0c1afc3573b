// The node-fetch transport (src/services/http.ts) against the sandbox over loopback: real sockets, no stubs. A normal
// exchange, the deadline and cancel, redirects, the body size cap; connections and https are httpConnections.test.ts.
// The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MAX_BODY_BYTES } from '../../src/core/api/transport';
import { transport } from '../../src/services/http';
import { SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import { GZIP_BOMB_BYTES, JSON_TYPE, gzipBomb, startSandbox, type Sandbox } from '../sandbox/server';
import { MB, measurePeak, reportRequest, sleep, transportError, waitFor } from './helpers';

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
});
