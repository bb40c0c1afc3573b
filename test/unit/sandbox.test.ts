// The sandbox itself (test/sandbox/), as the transport's specs and every other layer rely on it: its answers, its
// faults and its records, over loopback.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { transport } from '../../src/services/http';
import { SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import { JSON_TYPE, TEXT, startSandbox, type Sandbox } from '../sandbox/server';
import { rawRequest, reportRequest, useSandbox, waitFor } from './helpers';

const KEY = 'sandbox-key';

describe('HTTP transport (node-fetch) against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const req = (extra: Parameters<typeof reportRequest>[4] = {}, sendId: string = SAMPLE.sendId) =>
    reportRequest(sb.root, sendId, SAMPLE.number, KEY, extra);

  useSandbox(KEY, (started) => (sb = started));

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

    it('hold() keeps every answer back until its release(), and only those that arrived while held wait', async () => {
      const release = sb.hold();
      let answered = false;
      const pending = transport(req()).then((r) => {
        answered = true;
        return r;
      });
      for (let i = 0; i < 50 && sb.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(sb.requests.length, 1, 'the request arrived');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(answered, false, 'no answer while held');
      release();
      assert.equal((await pending).status, 200);
      assert.equal((await transport(req())).status, 200, 'after release() nothing waits');
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
