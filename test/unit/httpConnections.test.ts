// The node-fetch transport (src/services/http.ts) against the sandbox over loopback: connection failures and https
// (trusted, untrusted and mixed certificates). The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import { transport } from '../../src/services/http';
import { SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { closedPort, reportRequest, tlsMaterial, transportError, trustCa, useSandbox } from './helpers';

const KEY = 'sandbox-key';

describe('HTTP transport (node-fetch) against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const req = (extra: Parameters<typeof reportRequest>[4] = {}, sendId: string = SAMPLE.sendId) =>
    reportRequest(sb.root, sendId, SAMPLE.number, KEY, extra);

  useSandbox(KEY, (started) => (sb = started));

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
});
