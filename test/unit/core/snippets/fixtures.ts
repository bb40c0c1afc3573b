// What the snippet specs share: the hand-written shape of each language's snippet, hostile strings and keys, the
// children's minimal environment, and reference decoders for PHP and C# literals.
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_API_ROOT } from '../../../../src/core/api/request';
import {
  KEY_ENV_VAR,
  SNIPPET_TIMEOUT_SECONDS,
  type SnippetInput,
  type SnippetLanguage,
} from '../../../../src/core/snippets/snippets';
import { SAMPLE } from '../../../sandbox/data';

export const BODY = `{"numara":"${SAMPLE.number}"}`;
export const INPUT: SnippetInput = { apiRoot: DEFAULT_API_ROOT, sendId: SAMPLE.sendId, number: SAMPLE.number };
export const PWNED = path.join(os.tmpdir(), `pwned-${randomBytes(8).toString('hex')}`);
/** The brief's hostile key: quotes, a command substitution, backticks, URL delimiters, a space and a newline. */
export const HOSTILE_KEY = `k'ey"$(touch ${PWNED})\`touch ${PWNED}\`&#% \n`;

/** What each language must say, written out by hand (not derived from the module under test). */
export const SHAPE: Record<
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
export const TLS_OFF = [
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
export const HOSTILE_STRINGS = [
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

export interface RunResult {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

let tmpDir = '';

/** The temporary folder of writeTemp and the children's HOME: made before a describe block's tests, removed after. */
export function useTmpDir(): void {
  before(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-snippets-'));
  });
  after(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });
}

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

export function run(file: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
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

export function writeTemp(name: string, text: string): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

/** Debian's python3 with python3-requests, and php-cli with php-curl: scripts/setup-code-server.sh installs them
 *  (so does .ci/run), so the PHP and Python snippets are run, not just read. A missing one fails with that hint. */
const SETUP_HINT = 'run scripts/setup-code-server.sh (it installs php-cli, php-curl and python3-requests)';

export function python(): string {
  const exe = '/usr/bin/python3';
  const r = spawnSync(exe, ['-c', 'import requests'], { env: childEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, `Debian's python3 with requests is needed: ${SETUP_HINT}\n${r.stderr ?? r.error}`);
  return exe;
}

export function php(): string {
  const r = spawnSync('php', ['-r', 'echo function_exists("curl_init") ? "curl" : "no-curl";'], {
    env: childEnv(),
    encoding: 'utf8',
  });
  assert.equal(r.stdout, 'curl', `php with the curl extension is needed: ${SETUP_HINT}\n${r.stderr ?? r.error}`);
  return 'php';
}

export function assertNoPwned(): void {
  const existed = fs.existsSync(PWNED);
  fs.rmSync(PWNED, { force: true });
  assert.equal(existed, false, `an injected command ran: ${PWNED} was created`);
}

// Reference decoders for the two languages whose runtimes are usually absent, written from their specifications.

/** A PHP single-quoted string: only \\ and \' are escapes; it ends at the first unescaped quote. */
export function decodePhpSingleQuoted(literal: string): string {
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
export function decodeCsharpString(literal: string): string {
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
