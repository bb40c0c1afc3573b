// Fault row 15 (docs/reliability.md): a server certificate from a private CA fails clearly, and the same request
// works once the CA is trusted through NODE_EXTRA_CA_CERTS (how corporate proxies and local sandboxes are trusted).
// Certificate verification is never turned off. NODE_EXTRA_CA_CERTS is read when Node starts, so each case runs the
// shipped transport (dist/http.js) in a fresh Node process.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'tls');
const httpBundle = join(root, 'dist', 'http.js');
const KEY = 'tls-test-key';

/** Runs one POST through dist/http.js in a child Node process; prints the status or the error kind and code. */
function lookupInChild(
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; status?: number; kind?: string; code?: string }> {
  const script = `
    const { transport } = require(${JSON.stringify(httpBundle)});
    transport({ url: process.argv[1], method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ numara: ${JSON.stringify(SAMPLE.number)} }), timeoutMs: 5000, maxBodyBytes: 1 << 20, maxRedirects: 3 })
      .then((r) => console.log(JSON.stringify({ ok: true, status: r.status })),
            (e) => console.log(JSON.stringify({ ok: false, kind: e.kind, code: e.code })));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script, url],
      { env: { PATH: process.env.PATH, ...env }, timeout: 15000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
      },
    );
  });
}

describe('TLS: a private CA, trusted only through NODE_EXTRA_CA_CERTS', () => {
  let sb: Sandbox;
  let url: string;

  before(async function () {
    this.timeout(20000);
    assert.ok(existsSync(httpBundle), 'dist/http.js is built first (npm test builds it)');
    sb = await startSandbox({
      apiKey: KEY,
      tls: { key: readFileSync(join(fixtures, 'leaf.key')), cert: readFileSync(join(fixtures, 'leaf.crt')) },
    });
    url = `${sb.root}NumaraRaporu/${SAMPLE.sendId}?api_key=${KEY}`;
    assert.match(url, /^https:\/\/127\.0\.0\.1:/);
  });
  after(async () => {
    await sb?.close();
  });

  it('fails with a TLS error when the CA is not trusted, and sends nothing', async () => {
    const r = await lookupInChild(url, {});
    assert.deepEqual([r.ok, r.kind], [false, 'tls']);
    assert.match(String(r.code), /UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)/);
    assert.equal(sb.requests.length, 0);
  });

  it('works when the CA is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const r = await lookupInChild(url, { NODE_EXTRA_CA_CERTS: join(fixtures, 'ca.crt') });
    assert.deepEqual(r, { ok: true, status: 200 });
    assert.equal(sb.requests.length, 1);
  });

  it('still refuses a self-signed certificate that no trusted CA signed', async () => {
    const self = await startSandbox({
      apiKey: KEY,
      tls: { key: readFileSync(join(fixtures, 'self.key')), cert: readFileSync(join(fixtures, 'self.crt')) },
    });
    try {
      const r = await lookupInChild(`${self.root}NumaraRaporu/${SAMPLE.sendId}?api_key=${KEY}`, {
        NODE_EXTRA_CA_CERTS: join(fixtures, 'ca.crt'),
      });
      assert.deepEqual([r.ok, r.kind], [false, 'tls']);
      assert.equal(self.requests.length, 0);
    } finally {
      await self.close();
    }
  });

  it('never turns verification off: the shipped transport has no rejectUnauthorized or insecure agent', () => {
    const code = readFileSync(httpBundle, 'utf8');
    assert.doesNotMatch(code, /rejectUnauthorized\s*:\s*(false|!1|0)/);
    assert.doesNotMatch(code, /NODE_TLS_REJECT_UNAUTHORIZED/);
  });
});
