// Code snippets (src/core/snippets/snippets.ts): the shape of each language's snippet, the string-literal quoting proved with
// hostile strings, and the cURL, TypeScript (and, where requests is installed, Python) snippets actually run against
// the sandbox over loopback. Child processes get a minimal environment: no proxy variables, a temporary HOME (no
// ~/.curlrc, ~/.netrc), so nothing can send them anywhere but 127.0.0.1.
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { DEFAULT_API_ROOT } from '../../../../src/core/api/request';
import {
  curlFor,
  KEY_ENV_VAR,
  SNIPPET_LANGUAGES,
  SNIPPET_TIMEOUT_SECONDS,
  snippet,
  snippetEditorLanguage,
  snippetLabel,
  stringLiteral,
  type SnippetInput,
  type SnippetLanguage,
} from '../../../../src/core/snippets/snippets';
import { SAMPLE, SAMPLE_REPORT } from '../../../sandbox/data';
import { startSandbox, TEXT, type Sandbox } from '../../../sandbox/server';
import { rawRequest } from '../../helpers';
import { projectRoot, useEnglish, useTurkish } from '../../l10nSetup';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

const BODY = `{"numara":"${SAMPLE.number}"}`;
const INPUT: SnippetInput = { apiRoot: DEFAULT_API_ROOT, sendId: SAMPLE.sendId, number: SAMPLE.number };
const PWNED = path.join(os.tmpdir(), `pwned-${randomBytes(8).toString('hex')}`);
/** The brief's hostile key: quotes, a command substitution, backticks, URL delimiters, a space and a newline. */
const HOSTILE_KEY = `k'ey"$(touch ${PWNED})\`touch ${PWNED}\`&#% \n`;

/** What each language must say, written out by hand (not derived from the module under test). */
const SHAPE: Record<
  SnippetLanguage,
  {
    method: string;
    headers: [string, string];
    body: string;
    timeout: string;
    prints: string;
    readsEnv: string;
    encodesKey: string;
  }
> = {
  powershell: {
    method: '--request POST',
    headers: [`--header 'content-type: application/json'`, `--header 'cache-control: no-cache'`],
    body: `'${BODY}' | curl.exe`,
    timeout: `--max-time ${SNIPPET_TIMEOUT_SECONDS}`,
    prints: 'curl.exe --silent --show-error',
    readsEnv: `"api_key=$env:${KEY_ENV_VAR}"`,
    encodesKey: '--url-query ',
  },
  curl: {
    method: '--request POST',
    headers: [`--header 'content-type: application/json'`, `--header 'cache-control: no-cache'`],
    body: `--data-raw '${BODY}'`,
    timeout: `--max-time ${SNIPPET_TIMEOUT_SECONDS}`,
    prints: 'curl --silent --show-error',
    readsEnv: `"api_key=\${${KEY_ENV_VAR}:?`,
    encodesKey: '--url-query ',
  },
  typescript: {
    method: `method: 'POST'`,
    headers: [`'content-type': 'application/json'`, `'cache-control': 'no-cache'`],
    body: `body: '${BODY}'`,
    timeout: 'signal: AbortSignal.timeout(30000)',
    prints: 'console.log(await response.text());',
    readsEnv: `process.env.${KEY_ENV_VAR}`,
    encodesKey: 'encodeURIComponent(apiKey)',
  },
  php: {
    method: `CURLOPT_CUSTOMREQUEST => 'POST'`,
    headers: [`'content-type: application/json'`, `'cache-control: no-cache'`],
    body: `CURLOPT_POSTFIELDS => '${BODY}'`,
    timeout: 'CURLOPT_TIMEOUT => 30,',
    prints: 'echo $response',
    readsEnv: `getenv('${KEY_ENV_VAR}')`,
    encodesKey: 'rawurlencode($apiKey)',
  },
  python: {
    method: 'requests.post(',
    headers: [`'content-type': 'application/json'`, `'cache-control': 'no-cache'`],
    body: `data='${BODY}'.encode('utf-8')`,
    timeout: 'timeout=30,',
    prints: 'print(response.text)',
    readsEnv: `os.environ.get('${KEY_ENV_VAR}')`,
    encodesKey: `quote(api_key, safe='')`,
  },
  csharp: {
    method: 'HttpMethod.Post',
    headers: [
      'ContentType = MediaTypeHeaderValue.Parse("application/json")',
      'TryAddWithoutValidation("cache-control", "no-cache")',
    ],
    body: `new StringContent("{\\"numara\\":\\"${SAMPLE.number}\\"}", Encoding.UTF8)`,
    timeout: 'Timeout = TimeSpan.FromSeconds(30)',
    prints: 'Console.WriteLine(await response.Content.ReadAsStringAsync());',
    readsEnv: `Environment.GetEnvironmentVariable("${KEY_ENV_VAR}")`,
    encodesKey: 'Uri.EscapeDataString(apiKey)',
  },
};

/** Ways to turn TLS verification off, in any of the five languages. */
const TLS_OFF = [
  /(^|\s)-[a-zA-Z]*k\b/m,
  /--insecure/,
  /--proxy-insecure/,
  /verify\s*=\s*False/,
  /SSL_VERIFY/,
  /CURLOPT_SSL/,
  /ServerCertificateCustomValidationCallback/,
  /DangerousAcceptAnyServerCertificateValidator/,
  /rejectUnauthorized/,
  /NODE_TLS_REJECT_UNAUTHORIZED/,
  /CERT_NONE/,
  /ssl\._create_unverified_context/,
];

/** Strings that break naive quoting in at least one of the languages. */
const HOSTILE_STRINGS = [
  HOSTILE_KEY,
  "'",
  '\\',
  "\\'",
  "'\\''",
  '"',
  '\\"',
  '"\\"',
  '\\\\n',
  '${HOME}',
  '$HOME $(id) `id`',
  '{0} %s %d %%',
  '\r\n\t\v\f\b',
  '\x01\x1b[31m\x7f',
  'a\u0085b\u2028c\u2029d',
  'ağaç İĞŞ çöü 😀',
  '?> <?php echo 1; ?>',
  '*/ /* -- # """ \'\'\'',
  '\\x41\\u0041\\101\\U00000041\\N{DASH}',
  'end\\',
  '',
];

interface RunResult {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

let tmpDir = '';

/** A minimal environment: PATH, a temporary HOME, no proxies. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmpDir,
    CURL_HOME: tmpDir,
    LANG: 'C.UTF-8',
    NO_PROXY: '*',
    no_proxy: '*',
    ...extra,
  };
}

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: childEnv(env), timeout: 10_000, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (error.code ?? error.signal ?? 'error') : 0;
        resolve({ code: code as number | string, stdout, stderr });
      },
    );
  });
}

function writeTemp(name: string, text: string): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

/** Debian's python3 with python3-requests, and php-cli with php-curl: scripts/setup-code-server.sh installs them
 *  (so does .ci/run), so the PHP and Python snippets are run, not just read. A missing one fails with that hint. */
const SETUP_HINT = 'run scripts/setup-code-server.sh (it installs php-cli, php-curl and python3-requests)';

function python(): string {
  const exe = '/usr/bin/python3';
  const r = spawnSync(exe, ['-c', 'import requests'], { env: childEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, `Debian's python3 with requests is needed: ${SETUP_HINT}\n${r.stderr ?? r.error}`);
  return exe;
}

function php(): string {
  const r = spawnSync('php', ['-r', 'echo function_exists("curl_init") ? "curl" : "no-curl";'], {
    env: childEnv(),
    encoding: 'utf8',
  });
  assert.equal(r.stdout, 'curl', `php with the curl extension is needed: ${SETUP_HINT}\n${r.stderr ?? r.error}`);
  return 'php';
}

function assertNoPwned(): void {
  const existed = fs.existsSync(PWNED);
  fs.rmSync(PWNED, { force: true });
  assert.equal(existed, false, `an injected command ran: ${PWNED} was created`);
}

// Reference decoders for the two languages whose runtimes are usually absent, written from their specifications.

/** A PHP single-quoted string: only \\ and \' are escapes; it ends at the first unescaped quote. */
function decodePhpSingleQuoted(literal: string): string {
  assert.equal(literal[0], "'", literal);
  let out = '';
  for (let i = 1; i < literal.length; i++) {
    const c = literal[i];
    if (c === '\\' && (literal[i + 1] === '\\' || literal[i + 1] === "'")) {
      out += literal[++i];
    } else if (c === "'") {
      assert.equal(i, literal.length - 1, `the PHP string ends early: ${literal}`);
      return out;
    } else {
      out += c;
    }
  }
  throw new Error(`unterminated PHP string: ${literal}`);
}

/** A C# regular string literal: simple escapes, \xH{1,4}, \uHHHH, \UHHHHHHHH; no raw line break characters. */
function decodeCsharpString(literal: string): string {
  assert.equal(literal[0], '"', literal);
  const simple: Record<string, string> = {
    "'": "'",
    '"': '"',
    '\\': '\\',
    0: '\0',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
  };
  let out = '';
  for (let i = 1; i < literal.length; i++) {
    const c = literal[i];
    assert.ok(!/[\n\r\u0085\u2028\u2029]/.test(c), `a raw line break in a C# string: ${JSON.stringify(literal)}`);
    if (c === '"') {
      assert.equal(i, literal.length - 1, `the C# string ends early: ${literal}`);
      return out;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = literal[++i];
    if (e in simple) {
      out += simple[e];
      continue;
    }
    const hex = (min: number, max: number): number => {
      const m = new RegExp(`^[0-9a-fA-F]{${min},${max}}`).exec(literal.slice(i + 1));
      assert.ok(m, `bad escape in ${literal}`);
      i += m[0].length;
      return parseInt(m[0], 16);
    };
    if (e === 'x') out += String.fromCharCode(hex(1, 4));
    else if (e === 'u') out += String.fromCharCode(hex(4, 4));
    else if (e === 'U') out += String.fromCodePoint(hex(8, 8));
    else throw new Error(`unknown C# escape \\${e} in ${literal}`);
  }
  throw new Error(`unterminated C# string: ${literal}`);
}

describe('code snippets', function () {
  this.timeout(15_000);

  before(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-snippets-'));
  });
  after(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });
  afterEach(useEnglish);

  it('offers cURL (shell and PowerShell), TypeScript, PHP, Python and C#, each with a localized label and an editor language', () => {
    assert.deepEqual([...SNIPPET_LANGUAGES], ['curl', 'powershell', 'typescript', 'php', 'python', 'csharp']);
    const english = SNIPPET_LANGUAGES.map(snippetLabel);
    assert.deepEqual(english, [
      'cURL (shell)',
      'cURL (PowerShell)',
      'TypeScript (fetch)',
      'PHP (cURL)',
      'Python (requests)',
      'C# (HttpClient)',
    ]);
    assert.deepEqual(SNIPPET_LANGUAGES.map(snippetEditorLanguage), [
      'shellscript',
      'powershell',
      'typescript',
      'php',
      'python',
      'csharp',
    ]);
    useTurkish();
    assert.equal(snippetLabel('curl'), 'cURL (kabuk)');
    assert.equal(new Set(SNIPPET_LANGUAGES.map(snippetLabel)).size, 6);
  });

  it('Copy as cURL copies the PowerShell variant on Windows, the shell one elsewhere (row 26)', () => {
    assert.equal(curlFor('win32'), 'powershell');
    for (const p of ['linux', 'darwin', 'freebsd']) assert.equal(curlFor(p), 'curl');
  });

  it('no snippet follows a redirect: each turns it off, or never turns it on (row 26)', () => {
    const off: Record<SnippetLanguage, RegExp> = {
      curl: /follows no redirect/,
      powershell: /follows no redirect/,
      typescript: /redirect: 'manual'/,
      php: /CURLOPT_FOLLOWLOCATION => false/,
      python: /allow_redirects=False/,
      csharp: /AllowAutoRedirect = false/,
    };
    for (const lang of SNIPPET_LANGUAGES) {
      for (const apiKey of [undefined, 'k']) {
        const s = snippet(lang, { ...INPUT, apiKey });
        assert.match(s, off[lang], lang);
        assert.doesNotMatch(
          s,
          /--location|(^|\s)-L\b|CURLOPT_FOLLOWLOCATION => true|allow_redirects=True|MAXREDIRS/m,
          lang,
        );
      }
    }
  });

  describe('the request each snippet sends', () => {
    for (const lang of SNIPPET_LANGUAGES) {
      it(`${lang}: POST to NumaraRaporu/${SAMPLE.sendId}, both headers, the JSON body, a 30 s timeout, and prints the body`, () => {
        for (const apiKey of [undefined, 'abc123XYZ']) {
          const s = snippet(lang, { ...INPUT, apiKey });
          const shape = SHAPE[lang];
          assert.ok(s.includes(`https://vairosms.com/Panel/api/v1/NumaraRaporu/${SAMPLE.sendId}`), s);
          for (const part of [shape.method, ...shape.headers, shape.body, shape.timeout, shape.prints])
            assert.ok(s.includes(part), `${lang} lacks ${part}:\n${s}`);
          assert.ok(s.endsWith('\n'));
        }
      });
    }

    it('curl prints to standard output (no --output, no -o) and does not follow redirects to other hosts (no --location)', () => {
      for (const apiKey of [undefined, 'k']) {
        const s = snippet('curl', { ...INPUT, apiKey });
        assert.doesNotMatch(s, /--output|(^|\s)-o\s|--location|(^|\s)-L\b/m);
      }
    });

    it("takes the URL, headers and body from buildReportRequest (the extension's own request)", () => {
      const key = 'k&e#y %\'"';
      const req = buildReportRequest(DEFAULT_API_ROOT, SAMPLE.sendId, SAMPLE.number, key);
      for (const lang of SNIPPET_LANGUAGES) {
        const s = snippet(lang, { ...INPUT, apiKey: key });
        assert.ok(s.includes(stringLiteral(lang, req.url)), `${lang}: the URL literal`);
        assert.ok(s.includes(stringLiteral(lang, req.body)), `${lang}: the body literal`);
        for (const [name, value] of Object.entries(req.headers)) {
          // C# sets content-type through the ContentType property of the content headers.
          const nameShown = lang === 'csharp' && name === 'content-type' ? 'Headers.ContentType' : name;
          assert.ok(s.includes(nameShown) && s.includes(value), `${lang}: ${name}`);
        }
      }
    });
  });

  describe('the API key', () => {
    for (const lang of SNIPPET_LANGUAGES) {
      it(`${lang}: without a key, reads ${KEY_ENV_VAR} at run time, URL-encodes it, says so, and embeds no key`, () => {
        const s = snippet(lang, INPUT);
        assert.equal(snippet(lang, { ...INPUT, apiKey: undefined }), s);
        assert.equal(snippet(lang, { ...INPUT, apiKey: '' }), s, 'an empty key counts as none');
        assert.ok(s.includes(SHAPE[lang].readsEnv), `${lang} reads the variable:\n${s}`);
        assert.ok(s.includes(SHAPE[lang].encodesKey), `${lang} encodes the key:\n${s}`);
        assert.match(
          s,
          new RegExp(`^\\s*(#|//).*environment variable ${KEY_ENV_VAR}`, 'm'),
          'a comment names the variable',
        );
        assert.doesNotMatch(s, /undefined|contains your API key/);
        // The only api_key= in the snippet ends its string literal (or is curl's --url-query): nothing follows it.
        for (const m of s.matchAll(/api_key=(.)/g)) assert.match(m[1], /['"$]/, `${lang}: something follows api_key=`);
      });

      it(`${lang}: with a key, embeds it URL-encoded and warns that the snippet is secret`, () => {
        const plain = snippet(lang, { ...INPUT, apiKey: 'abc123XYZ' });
        assert.ok(plain.includes(`/NumaraRaporu/${SAMPLE.sendId}?api_key=abc123XYZ`), plain);
        assert.match(plain, /contains your API key/);
        assert.ok(!plain.includes(KEY_ENV_VAR), 'no environment variable when the key is embedded');

        const hostile = snippet(lang, { ...INPUT, apiKey: HOSTILE_KEY });
        const encoded = new URLSearchParams({ api_key: HOSTILE_KEY }).toString();
        assert.ok(hostile.includes(encoded), `${lang} embeds ${encoded}:\n${hostile}`);
        for (const raw of ["k'ey", '$(touch', '`touch', '"$'])
          assert.ok(!hostile.includes(raw), `${lang}: ${raw} appears unencoded`);
      });
    }
  });

  describe('TLS', () => {
    it('no snippet turns certificate verification off, with or without a key or hostile values', () => {
      for (const lang of SNIPPET_LANGUAGES) {
        for (const input of [INPUT, { ...INPUT, apiKey: HOSTILE_KEY }, { ...INPUT, apiKey: 'k' }]) {
          const s = snippet(lang, input);
          for (const re of TLS_OFF) assert.doesNotMatch(s, re, `${lang}: ${re}`);
        }
      }
    });
  });

  describe('string literals evaluate to exactly the value', () => {
    it("PowerShell: each single-quoted literal reads back unchanged under PowerShell's rules (a model: no pwsh here)", () => {
      // PowerShell's single-quoted string: everything is literal, and a pair of single-quote characters (any of
      // ' and U+2018–U+201B) stands for one. The model reads a literal from its start to the quote that ends it.
      const quote = /['\u2018-\u201b]/;
      const read = (src: string): { value: string; rest: string } => {
        assert.ok(quote.test(src[0]), `starts with a quote: ${src}`);
        let value = '';
        for (let i = 1; i < src.length; i++) {
          if (quote.test(src[i])) {
            if (quote.test(src[i + 1] ?? '')) {
              value += src[i];
              i++;
              continue;
            }
            return { value, rest: src.slice(i + 1) };
          }
          value += src[i];
        }
        throw new Error(`unterminated: ${src}`);
      };
      const hostile = [...HOSTILE_STRINGS, '\u2018x\u2019', 'it\u2019s', '\u201b\u201a', '$env:HOME', '`n', '@(1)'];
      for (const v of hostile) {
        const { value, rest } = read(stringLiteral('powershell', v) + ' tail');
        assert.equal(value, v);
        assert.equal(rest, ' tail', 'the literal ends where it should');
      }
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (v) => {
          const { value, rest } = read(stringLiteral('powershell', v) + '|');
          return value === v && rest === '|';
        }),
        { numRuns: 500 },
      );
    });

    it('shell: bash reads each single-quoted word back unchanged and runs nothing', async () => {
      const values = HOSTILE_STRINGS;
      const r = await run('bash', ['-c', `printf '%s\\0' ${values.map((v) => stringLiteral('curl', v)).join(' ')}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\0').slice(0, -1), values);
      assertNoPwned();
    });

    it('TypeScript/JavaScript: each literal evaluates to the value', () => {
      for (const v of [...HOSTILE_STRINGS, '\0', '\0' + '1', '\ud800 lone \udfff']) {
        const lit = stringLiteral('typescript', v);
        assert.equal(vm.runInNewContext(lit), v, lit);
        assert.doesNotMatch(lit, /[\n\r\u2028\u2029]/, 'no raw line break inside the literal');
      }
    });

    it('PHP: each single-quoted literal decodes to the value and ends where it should', () => {
      for (const v of HOSTILE_STRINGS) assert.equal(decodePhpSingleQuoted(stringLiteral('php', v)), v, v);
      assert.throws(() => decodePhpSingleQuoted("'a'b'"), /ends early/, 'the reference decoder catches a breakout');
    });

    it('PHP: the php interpreter reads them back', async () => {
      const file = writeTemp(
        'literals.php',
        `<?php echo json_encode([${HOSTILE_STRINGS.map((v) => stringLiteral('php', v)).join(', ')}]);\n`,
      );
      const r = await run(php(), [file]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), HOSTILE_STRINGS);
    });

    it('Python: python3 reads each literal back', async () => {
      const exe = python();
      const values = [...HOSTILE_STRINGS, '\0', '\0' + '1'];
      const file = writeTemp(
        'literals.py',
        `import json, sys\nvalues = [\n${values.map((v) => `    ${stringLiteral('python', v)},`).join('\n')}\n]\nsys.stdout.write(json.dumps(values))\n`,
      );
      const r = await run(exe, [file]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), values);
    });

    it('C#: each literal decodes to the value under the C# escape rules, with no raw line break', () => {
      for (const v of [...HOSTILE_STRINGS, '\0', '\x01' + 'abc', '\ud800 lone'])
        assert.equal(decodeCsharpString(stringLiteral('csharp', v)), v, JSON.stringify(v));
      assert.throws(
        () => decodeCsharpString('"a\nb"'),
        /raw line break/,
        'the reference decoder catches a raw newline',
      );
    });

    it('hostile values in the API root, send ID and number end up only inside literals, in every language', () => {
      const input: SnippetInput = {
        apiRoot: "https://vairosms.com/Pa'nel$(id)\\x/api/v1/",
        sendId: '187\'"$(id)',
        number: `53'"\\$(id)\`id\`\n`,
      };
      const req = buildReportRequest(input.apiRoot, input.sendId, input.number, 'k');
      for (const lang of SNIPPET_LANGUAGES) {
        const s = snippet(lang, { ...input, apiKey: 'k' });
        assert.ok(s.includes(stringLiteral(lang, req.url)), `${lang}: ${req.url}`);
        assert.ok(s.includes(stringLiteral(lang, req.body)), `${lang}: ${req.body}`);
      }
      assert.match(req.url, /'/, 'the vector keeps a quote in the URL');
    });
  });

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
