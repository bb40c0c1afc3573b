// lookUpReport with the real node-fetch transport against the sandbox: the retry rules, and API keys that need
// encoding. The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import { describeError } from '../../../../src/core/api/errors';
import { SAMPLE } from '../../../sandbox/data';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { closedPort } from '../../helpers';
import { KEY, run, failed, succeeded } from './lookupRun';
import { type LookupParams } from '../../../../src/core/report/endpoint';

describe('lookUpReport with the node-fetch transport against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const lookup = (p: Partial<LookupParams> = {}, onSleep?: (ms: number) => void) =>
    run({ apiRoot: sb.root, ...p }, onSleep);

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.setFault(undefined);
    sb.setApiKey(KEY);
    sb.setLatency(0);
    sb.resetStats();
  });

  describe('retry rules', () => {
    it('429 with Retry-After: 2 → one retry after 2000 ms; a second 429 → "rate-limited"', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '2' } });
      const r = await lookup();
      const e = failed(r);
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 2);
      assert.deepEqual(r.sleeps, [2000]);
      assert.deepEqual(r.waits, [{ seconds: 2, sleptBefore: 0 }], 'told before the wait, so the panel can count down');
      assert.equal(sb.requests.length, 2);
      assert.equal(r.result.attempts, 2);
    });

    it('429 with Retry-After: 2, then a report → success on the retry', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '2' } });
      const r = await lookup({}, () => sb.setFault(undefined));
      const ok = succeeded(r);
      assert.equal(ok.report.status, 'DELIVERED');
      assert.deepEqual(r.sleeps, [2000]);
      assert.equal(ok.attempts, 2);
      assert.equal(sb.requests.length, 2);
    });

    it('429 with Retry-After: 3600 → not retried; the error carries the wait', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '3600' } });
      const r = await lookup();
      const e = failed(r);
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 3600);
      assert.deepEqual(r.sleeps, []);
      assert.deepEqual(r.waits, [], 'no wait announced for a wait it does not make');
      assert.equal(sb.requests.length, 1);
      assert.match(describeError(e).message, /60 min/);
    });

    for (const code of [500, 502, 503]) {
      it(`${code} → "server", not retried (exactly 1 request)`, async () => {
        sb.setFault({ kind: 'status', code });
        const r = await lookup();
        assert.equal(failed(r).kind, 'server');
        assert.equal(failed(r).httpStatus, code);
        assert.deepEqual(r.sleeps, []);
        assert.equal(sb.requests.length, 1);
      });
    }

    it('a reset after the body was sent → "network", not retried', async () => {
      sb.setFault({ kind: 'reset-after-body' });
      const r = await lookup();
      assert.equal(failed(r).kind, 'network');
      assert.deepEqual(r.sleeps, []);
      assert.equal(sb.requests.length, 1);
      assert.equal(sb.requests[0].body, `{"numara":"${SAMPLE.number}"}`);
    });

    it('a timeout → "timeout", not retried', async () => {
      sb.setFault({ kind: 'hang' });
      const r = await lookup({ timeoutMs: 300 });
      assert.equal(failed(r).kind, 'timeout');
      assert.deepEqual(r.sleeps, []);
      assert.equal(sb.requests.length, 1);
    });

    it('ECONNREFUSED → exactly 3 attempts (2 retries with backoff), then "offline"', async () => {
      const port = await closedPort();
      const r = await run({ apiRoot: `http://127.0.0.1:${port}/Panel/api/v1/` });
      const e = failed(r);
      assert.equal(e.kind, 'offline');
      assert.equal(e.detail, 'ECONNREFUSED');
      assert.equal(r.result.attempts, 3);
      assert.equal(r.attempts.length, 3);
      assert.equal(r.sleeps.length, 2);
      assert.ok(
        r.sleeps.every((ms) => ms >= 0 && ms <= 1200),
        `backoff waits ${r.sleeps.join(', ')}`,
      );
      assert.ok(r.attempts.every((a) => /offline \(ECONNREFUSED\)/.test(a.error ?? '')));
    });

    it('Cancel during a request → "cancelled", no retry', async () => {
      sb.setFault({ kind: 'hang' });
      const user = new AbortController();
      setTimeout(() => user.abort(), 100);
      const r = await lookup({ signal: user.signal, timeoutMs: 5000 });
      assert.equal(failed(r).kind, 'cancelled');
      assert.equal(sb.requests.length, 1);
      assert.deepEqual(r.sleeps, []);
    });
  });

  describe('API keys that need encoding', () => {
    const keys: Array<[string, string]> = [
      ['an ampersand', 'abc&api_key=evil'],
      ['a hash', 'abc#frag'],
      ['a space', 'abc def'],
      ['a plus', 'abc+def'],
      ['a newline', 'abc\ndef'],
      ['a percent sign', '100%25%zz'],
      ['all of them', 'k&#% x\n=+?/;"\'<>ç'],
      ['2,000 characters', Array.from({ length: 2000 }, (_, i) => 'aZ9&# %\n'[i % 8]).join('')],
    ];
    for (const [name, key] of keys) {
      it(`a key with ${name} reaches the sandbox intact and succeeds`, async () => {
        sb.setApiKey(key);
        const r = succeeded(await lookup({ apiKey: key }));
        assert.equal(r.report.status, 'DELIVERED');
        assert.equal(sb.requests.length, 1);
        assert.equal(sb.requests[0].apiKey, key);
        assert.ok(sb.requests[0].apiKeyOk);
        assert.equal(sb.requests[0].sendId, SAMPLE.sendId, 'the key did not change the path');
        assert.equal(sb.requests[0].body, `{"numara":"${SAMPLE.number}"}`, 'nor the body');
      });
    }

    it('the sandbox rejects a key that differs only by encoding (so the test above can fail)', async () => {
      sb.setApiKey('abc def');
      assert.equal(failed(await lookup({ apiKey: 'abc+def' })).kind, 'unauthorized');
      assert.equal(failed(await lookup({ apiKey: 'abc%20def' })).kind, 'unauthorized');
    });
  });
});
