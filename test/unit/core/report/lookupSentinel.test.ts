// lookUpReport with the real node-fetch transport against the sandbox: the key never leaks into anything a user or a
// log sees (a sentinel key). The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import { describeError } from '../../../../src/core/api/errors';
import { SAMPLE } from '../../../sandbox/data';
import { startSandbox, type Fault, type Sandbox } from '../../../sandbox/server';
import { closedPort, tlsMaterial } from '../../helpers';
import { KEY, run, failed } from './lookupRun';

describe('lookUpReport with the node-fetch transport against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;

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

  describe('the key never leaks (sentinel)', () => {
    const SENTINEL = 'SENTINEL-KEY-7f3a&#%20 x';
    const forms = [
      ...new Set([
        SENTINEL,
        encodeURIComponent(SENTINEL),
        new URLSearchParams({ k: SENTINEL }).toString().slice(2),
        encodeURI(SENTINEL),
        JSON.stringify(SENTINEL).slice(1, -1),
      ]),
    ];
    /** Every 8-character piece of every form: a key cut in half must not leak either. */
    const pieces = [
      ...new Set(forms.flatMap((f) => Array.from({ length: f.length - 7 }, (_, i) => f.slice(i, i + 8)))),
    ];

    let tlsSb: Sandbox;
    before(async () => {
      const tls = tlsMaterial();
      tlsSb = await startSandbox({ apiKey: KEY, tls: { key: tls.selfSignedKey, cert: tls.selfSignedCert } });
    });
    after(async () => {
      await tlsSb?.close();
    });

    interface Case {
      name: string;
      fault?: Fault;
      /** The sandbox accepts the sentinel (to reach 404/400 answers), or expects another key (401). */
      keyAccepted?: boolean;
      sendId?: string;
      number?: string;
      timeoutMs?: number;
      cancelAfterMs?: number;
      root?: 'closed-port' | 'tls';
      /** A request reaches the sandbox (so it saw the sentinel). */
      reaches?: boolean;
    }
    const cases: Case[] = [
      { name: 'wrong key (401)' },
      { name: 'unknown send ID (404)', keyAccepted: true, sendId: '999' },
      { name: 'number not in the send (404)', keyAccepted: true, number: '5000000000' },
      { name: 'invalid number (400)', keyAccepted: true, number: '+905399999999' },
      { name: 'delay, then 401', fault: { kind: 'delay', ms: 20 } },
      { name: 'hang (timeout)', fault: { kind: 'hang' }, timeoutMs: 300 },
      { name: 'drip (timeout)', fault: { kind: 'drip', intervalMs: 20 }, timeoutMs: 300 },
      { name: 'cancel', fault: { kind: 'hang' }, cancelAfterMs: 100 },
      { name: 'html 502', fault: { kind: 'html', status: 502 } },
      { name: 'malformed JSON', fault: { kind: 'malformed-json' } },
      { name: 'truncated JSON', fault: { kind: 'truncated-json' } },
      { name: 'null', fault: { kind: 'json-null' } },
      { name: 'array', fault: { kind: 'json-array' } },
      { name: 'empty', fault: { kind: 'empty' } },
      { name: 'oversized', fault: { kind: 'oversized' } },
      { name: 'endless', fault: { kind: 'oversized', endless: true } },
      { name: 'gzip bomb', fault: { kind: 'gzip-bomb' } },
      { name: 'redirect same-host, then 401', fault: { kind: 'redirect', status: 307, to: 'same-host' } },
      { name: 'redirect loop', fault: { kind: 'redirect', status: 302, to: 'loop' } },
      { name: 'redirect to another host', fault: { kind: 'redirect', status: 307, to: 'other-host' } },
      {
        name: 'redirect to an absolute URL',
        fault: { kind: 'redirect', status: 308, to: 'https://evil.invalid/steal' },
      },
      { name: '429 Retry-After 2 (twice)', fault: { kind: 'status', code: 429, headers: { 'retry-after': '2' } } },
      { name: '429 Retry-After 3600', fault: { kind: 'status', code: 429, headers: { 'retry-after': '3600' } } },
      { name: '500', fault: { kind: 'status', code: 500 } },
      { name: '503 text', fault: { kind: 'status', code: 503, body: 'Service Unavailable' } },
      { name: 'reset after body', fault: { kind: 'reset-after-body' } },
      { name: 'a server echoing the request in JSON', fault: { kind: 'echo', format: 'json' } },
      { name: 'a server echoing the request in HTML', fault: { kind: 'echo', format: 'html' } },
      { name: 'a server echoing the request in a 200 report', fault: { kind: 'echo', status: 200 } },
      {
        name: 'the key cut in half by the 200-character excerpt',
        fault: { kind: 'status', code: 502, body: `${'x'.repeat(190)} ${SENTINEL} ${'y'.repeat(50)}` },
      },
      {
        name: 'the key cut by the excerpt, URL-encoded',
        fault: { kind: 'status', code: 500, body: `${'x'.repeat(185)} ?api_key=${encodeURIComponent(SENTINEL)}` },
      },
      { name: 'connection refused (offline)', root: 'closed-port', reaches: false },
      { name: 'self-signed TLS', root: 'tls', reaches: false },
    ];

    for (const c of cases) {
      it(`${c.name}: the sentinel is in no message, detail, provider text, raw value, transport error or log line`, async () => {
        sb.setApiKey(c.keyAccepted ? SENTINEL : KEY);
        sb.setFault(c.fault);
        tlsSb.resetStats();
        const apiRoot =
          c.root === 'closed-port'
            ? `http://127.0.0.1:${await closedPort()}/Panel/api/v1/`
            : c.root === 'tls'
              ? tlsSb.root
              : sb.root;
        const user = new AbortController();
        const timer = c.cancelAfterMs !== undefined ? setTimeout(() => user.abort(), c.cancelAfterMs) : undefined;
        const r = await run({
          apiRoot,
          apiKey: SENTINEL,
          sendId: c.sendId ?? SAMPLE.sendId,
          number: c.number ?? SAMPLE.number,
          timeoutMs: c.timeoutMs ?? 2000,
          signal: user.signal,
        });
        clearTimeout(timer);
        const e = failed(r);
        if (c.reaches !== false) {
          assert.ok(
            sb.requests.some((q) => q.apiKey === SENTINEL),
            'the sandbox received the sentinel key, so it was really used',
          );
        }
        if (c.root === 'tls') assert.equal(e.kind, 'tls');
        if (c.root === 'closed-port') assert.equal(e.kind, 'offline');

        const d = describeError(e);
        const texts: Array<[string, string]> = [
          ['error', JSON.stringify(e)],
          ['raw', JSON.stringify((r.result as { raw?: unknown }).raw ?? null)],
          ['describeError', JSON.stringify(d)],
          ...r.attempts.map((a, i): [string, string] => [`onAttempt ${i + 1}`, JSON.stringify(a)]),
          ...r.transportErrors.map((t, i): [string, string] => [
            `TransportError ${i + 1}`,
            `${t.message} ${t.code ?? ''} ${t.stack ?? ''}`,
          ]),
        ];
        assert.ok(r.attempts.length >= 1, 'onAttempt was called');
        for (const [where, text] of texts) {
          for (const piece of pieces) {
            assert.ok(!text.includes(piece), `${where} leaks "${piece}" of the key: ${text.slice(0, 400)}`);
          }
        }
      });
    }

    it('the leak check itself finds the key (so the tests above can fail)', () => {
      const leaky = `{"detail":"…${encodeURIComponent(SENTINEL).slice(0, 9)}"}`;
      assert.ok(pieces.some((p) => leaky.includes(p)));
    });
  });
});
