// Code snippets (src/core/snippets/snippets.ts) run against the sandbox over loopback: cURL, TypeScript, PHP and
// Python send exactly one request with the key and body they should, and nothing runs from a hostile key. Child
// processes get a minimal environment: no proxy variables, a temporary HOME (no ~/.curlrc, ~/.netrc).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEY_ENV_VAR, snippet, type SnippetInput } from '../../../../src/core/snippets/snippets';
import { SAMPLE, SAMPLE_REPORT } from '../../../sandbox/data';
import { startSandbox, TEXT, type Sandbox } from '../../../sandbox/server';
import { rawRequest } from '../../helpers';
import { projectRoot, useEnglish } from '../../l10nSetup';
import { BODY, PWNED, HOSTILE_KEY, useTmpDir, run, writeTemp, python, php, assertNoPwned } from './fixtures';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

describe('code snippets', function () {
  this.timeout(15_000);
  useTmpDir();
  afterEach(useEnglish);

  describe('run against the sandbox (loopback)', () => {
    let sb: Sandbox;
    let report: unknown;
    let py: string;

    before(async () => {
      py = python();
      sb = await startSandbox({ apiKey: HOSTILE_KEY });
      const req = buildReportRequest(sb.root, SAMPLE.sendId, SAMPLE.number, HOSTILE_KEY);
      const direct = await rawRequest(req.url, { body: req.body, headers: { ...req.headers } });
      assert.equal(direct.status, 200, direct.body);
      report = JSON.parse(direct.body);
      assert.deepEqual((report as { aciklama: unknown }).aciklama, SAMPLE_REPORT);
    });
    after(async () => {
      await sb.close();
    });
    beforeEach(() => {
      sb.resetStats();
    });

    /** The sandbox got one POST with exactly the key, the body and both headers. */
    function assertOneExactRequest(body = BODY): void {
      assert.equal(sb.requests.length, 1);
      const r = sb.requests[0];
      assert.equal(r.method, 'POST');
      assert.equal(r.apiKey, HOSTILE_KEY);
      assert.ok(r.apiKeyOk);
      assert.equal(r.body, body);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.headers['cache-control'], 'no-cache');
    }

    const sampleInput = (apiKey?: string): SnippetInput => ({
      apiRoot: sb.root,
      sendId: SAMPLE.sendId,
      number: SAMPLE.number,
      apiKey,
    });

    it('cURL with the hostile key embedded prints the report; the sandbox got exactly that key; nothing ran', async () => {
      const r = await run('bash', ['-c', snippet('curl', sampleInput(HOSTILE_KEY))]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), report);
      assertOneExactRequest();
      assertNoPwned();
    });

    it(`cURL without a key takes the hostile key from ${KEY_ENV_VAR} and prints the report`, async () => {
      const r = await run('bash', ['-c', snippet('curl', sampleInput())], { [KEY_ENV_VAR]: HOSTILE_KEY });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), report);
      assertOneExactRequest();
      assertNoPwned();
    });

    it(`cURL without a key and without ${KEY_ENV_VAR} stops with a message before sending anything`, async () => {
      const r = await run('bash', ['-c', snippet('curl', sampleInput())]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`${KEY_ENV_VAR}: Set ${KEY_ENV_VAR}`));
      assert.equal(sb.requests.length, 0);
    });

    it('cURL: a shell breakout in the API root, send ID and number stays data (and the vector is live)', async () => {
      const env = { PWNED_PATH: PWNED };
      // A quote and $(…) survive URL parsing in the user-info part; naive quoting would run the command.
      const apiRoot = sb.root.replace('http://', "http://u'$(touch$IFS$PWNED_PATH)'x@");
      const sendId = `187'$(touch ${PWNED})'`;
      const number = `5399999999'"$(touch ${PWNED})\`touch ${PWNED}\`\\`;
      const req = buildReportRequest(apiRoot, sendId, number, HOSTILE_KEY);
      assert.ok(req.url.includes("u'$(touch$IFS$PWNED_PATH)'x@"), req.url);
      const naiveUrl = buildReportRequest(apiRoot, SAMPLE.sendId, SAMPLE.number, 'k').url;
      const naive = await run('bash', ['-c', `true '${naiveUrl}'`], env);
      assert.equal(naive.code, 0, naive.stderr);
      assert.ok(fs.existsSync(PWNED), 'the test vector is live: naive quoting runs the command');
      fs.rmSync(PWNED, { force: true });

      const r = await run('bash', ['-c', snippet('curl', { apiRoot, sendId, number, apiKey: HOSTILE_KEY })], env);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { durum: false, aciklama: TEXT.invalidNumber });
      assertOneExactRequest(JSON.stringify({ numara: number }));
      assert.equal(sb.requests[0].sendId, sendId);
      assertNoPwned();
    });

    it('cURL, TypeScript, PHP and Python stop at a redirect to another host: nothing reaches it (row 26)', async () => {
      const input = { ...sampleInput(HOSTILE_KEY), sendId: '9018' }; // 307 to the same server under another host name
      const runs: Array<[string, () => Promise<unknown>]> = [
        ['curl', () => run('bash', ['-c', snippet('curl', input)])],
        ['typescript', () => run(process.execPath, [writeTemp('redirect.js', snippet('typescript', input))])],
        ['php', () => run('php', [writeTemp('redirect.php', snippet('php', input))])],
        ['python', () => run(py, [writeTemp('redirect.py', snippet('python', input))])],
      ];
      for (const [lang, go] of runs) {
        sb.resetStats();
        await go();
        assert.equal(sb.redirectStats.issued, 1, `${lang}: the sandbox redirected`);
        assert.equal(sb.redirectStats.atTarget, 0, `${lang}: followed the redirect to the other host`);
      }
    });

    it(`TypeScript runs on Node (as JavaScript) with the key from ${KEY_ENV_VAR}, or embedded, and prints the report`, async () => {
      const fromEnv = await run(process.execPath, [writeTemp('env.js', snippet('typescript', sampleInput()))], {
        [KEY_ENV_VAR]: HOSTILE_KEY,
      });
      assert.equal(fromEnv.code, 0, fromEnv.stderr);
      assert.deepEqual(JSON.parse(fromEnv.stdout), report);
      assertOneExactRequest();

      sb.resetStats();
      const embedded = await run(process.execPath, [
        writeTemp('embedded.js', snippet('typescript', sampleInput(HOSTILE_KEY))),
      ]);
      assert.equal(embedded.code, 0, embedded.stderr);
      assert.deepEqual(JSON.parse(embedded.stdout), report);
      assertOneExactRequest();

      sb.resetStats();
      const noKey = await run(process.execPath, [writeTemp('nokey.js', snippet('typescript', sampleInput()))]);
      assert.notEqual(noKey.code, 0);
      assert.match(noKey.stderr, new RegExp(`Set the environment variable ${KEY_ENV_VAR}`));
      assert.equal(sb.requests.length, 0);
    });

    it('TypeScript sends a hostile number byte for byte (JS string escaping end to end)', async () => {
      const number = `53'"\\$(id)\`\${x}\`\n\u2028ğ`;
      const r = await run(process.execPath, [
        writeTemp('hostile.js', snippet('typescript', { ...sampleInput(HOSTILE_KEY), number })),
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { durum: false, aciklama: TEXT.invalidNumber });
      assertOneExactRequest(JSON.stringify({ numara: number }));
    });

    it('the TypeScript snippets type-check with strict settings', async () => {
      const files = [
        writeTemp('check-env.ts', snippet('typescript', sampleInput())),
        writeTemp('check-key.ts', snippet('typescript', sampleInput(HOSTILE_KEY))),
        writeTemp(
          'check-hostile.ts',
          snippet('typescript', {
            apiRoot: "https://vairosms.com/Pa'nel$(id)/",
            sendId: "1'",
            number: '\'"\\\n',
            apiKey: HOSTILE_KEY,
          }),
        ),
      ];
      const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
      const r = await run(process.execPath, [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--lib',
        'es2022',
        '--module',
        'nodenext',
        '--moduleDetection',
        'force',
        '--skipLibCheck',
        '--typeRoots',
        path.join(projectRoot, 'node_modules', '@types'),
        '--types',
        'node',
        ...files,
      ]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    });

    it(`Python compiles and prints the report (key from ${KEY_ENV_VAR} or embedded)`, async () => {
      const variants = {
        'env.py': snippet('python', sampleInput()),
        'key.py': snippet('python', sampleInput(HOSTILE_KEY)),
        'hostile.py': snippet('python', {
          apiRoot: "https://vairosms.com/Pa'nel$(id)/",
          sendId: "1'",
          number: '\'"\\\n',
          apiKey: HOSTILE_KEY,
        }),
      };
      const files = Object.entries(variants).map(([name, text]) => writeTemp(name, text));
      const compiled = await run(py, ['-m', 'py_compile', ...files]);
      assert.equal(compiled.code, 0, compiled.stderr);

      const fromEnv = await run(py, [files[0]], { [KEY_ENV_VAR]: HOSTILE_KEY });
      assert.equal(fromEnv.code, 0, fromEnv.stderr);
      assert.deepEqual(JSON.parse(fromEnv.stdout), report);
      assertOneExactRequest();

      sb.resetStats();
      const embedded = await run(py, [files[1]]);
      assert.equal(embedded.code, 0, embedded.stderr);
      assert.deepEqual(JSON.parse(embedded.stdout), report);
      assertOneExactRequest();

      sb.resetStats();
      const noKey = await run(py, [files[0]]);
      assert.notEqual(noKey.code, 0);
      assert.match(noKey.stderr, new RegExp(`Set the environment variable ${KEY_ENV_VAR}`));
      assert.equal(sb.requests.length, 0);
    });

    it('PHP snippets pass php -l', async () => {
      for (const apiKey of [undefined, HOSTILE_KEY]) {
        const r = await run(php(), ['-l', writeTemp('snippet.php', snippet('php', sampleInput(apiKey)))]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
      }
    });

    it(`PHP prints the report (key from ${KEY_ENV_VAR} or embedded), with TLS verification left on`, async () => {
      const exe = php();
      const fromEnv = await run(exe, [writeTemp('env.php', snippet('php', sampleInput()))], {
        [KEY_ENV_VAR]: HOSTILE_KEY,
      });
      assert.equal(fromEnv.code, 0, fromEnv.stderr);
      assert.deepEqual(JSON.parse(fromEnv.stdout), report);
      assertOneExactRequest();
      sb.resetStats();
      const embedded = await run(exe, [writeTemp('key.php', snippet('php', sampleInput(HOSTILE_KEY)))]);
      assert.equal(embedded.code, 0, embedded.stderr);
      assert.deepEqual(JSON.parse(embedded.stdout), report);
      assertOneExactRequest();
    });
  });
});
