// "Copy as code": one lookup (API root, send ID, number) as a ready-to-run snippet in cURL, TypeScript, PHP, Python
// or C#, performing the same request the extension sends. The URL comes from buildReportRequest only; every value is
// written as a string literal of the target language by the quoting functions below, so nothing in an API root, a
// number or a key can end a string and become code. TLS verification is never turned off (the vendor's samples do).
//
// Without a key the snippet reads it from the environment variable VAIROSMS_API_KEY and URL-encodes it at run time,
// so it runs as-is once the variable is set and never contains a key. With a key (the user chose to include it; the
// warning is the caller's job) the key is in the URL, encoded by URLSearchParams, and the snippet says it is secret.
import { own, type OwnText } from '../ownText';
import { stringLiteral, type SnippetLanguage } from './snippetLiterals';
import { buildReportRequest } from '../report/endpoint';

export { stringLiteral, type SnippetLanguage };

export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = [
  'curl',
  'powershell',
  'typescript',
  'php',
  'python',
  'csharp',
];

/** The cURL snippet for a shell on `platform` (process.platform of the machine whose terminal runs it). */
export function curlFor(platform: string): 'curl' | 'powershell' {
  return platform === 'win32' ? 'powershell' : 'curl';
}

/** Where a snippet without an embedded key reads the key from. */
export const KEY_ENV_VAR = 'VAIROSMS_API_KEY';
/** The same name, for a sentence of our own (a notification). */
export const KEY_ENV_VAR_TEXT = KEY_ENV_VAR as OwnText;

/** The client timeout written into every snippet (the vendor sample's 30 s). */
export const SNIPPET_TIMEOUT_SECONDS = 30;

export interface SnippetInput {
  /** Checked with checkApiRoot. */
  readonly apiRoot: string;
  /** Checked with checkSendId. */
  readonly sendId: string;
  /** Normalized with normalizePhone. */
  readonly number: string;
  /** undefined or empty: the snippet reads the key from KEY_ENV_VAR. Otherwise it is embedded in the snippet. */
  readonly apiKey?: string;
}

/** A localized name for a picker, e.g. "TypeScript (fetch)". */
export function snippetLabel(language: SnippetLanguage): OwnText {
  switch (language) {
    case 'curl':
      return own('cURL (shell)');
    case 'powershell':
      return own('cURL (PowerShell)');
    case 'typescript':
      return own('TypeScript (fetch)');
    case 'php':
      return own('PHP (cURL)');
    case 'python':
      return own('Python (requests)');
    case 'csharp':
      return own('C# (HttpClient)');
    default:
      return unexpected(language);
  }
}

/** The VS Code language id to open a snippet with (syntax highlighting in an untitled editor). */
export function snippetEditorLanguage(language: SnippetLanguage): string {
  switch (language) {
    case 'curl':
      return 'shellscript';
    case 'powershell':
      return 'powershell';
    case 'typescript':
      return 'typescript';
    case 'php':
      return 'php';
    case 'python':
      return 'python';
    case 'csharp':
      return 'csharp';
    default:
      return unexpected(language);
  }
}

/** The snippet, ending with a newline. Throws (like buildReportRequest) when apiRoot is not a URL. */
export function snippet(language: SnippetLanguage, input: SnippetInput): string {
  const parts = snippetParts(input);
  switch (language) {
    case 'curl':
      return curlSnippet(parts);
    case 'powershell':
      return powershellSnippet(parts);
    case 'typescript':
      return typescriptSnippet(parts);
    case 'php':
      return phpSnippet(parts);
    case 'python':
      return pythonSnippet(parts);
    case 'csharp':
      return csharpSnippet(parts);
    default:
      return unexpected(language);
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface SnippetParts {
  /** With an embedded key: the full URL, key included. Without: the URL up to and including "?api_key=". */
  readonly url: string;
  /** The URL without its query (for curl's --url-query). */
  readonly baseUrl: string;
  readonly keyEmbedded: boolean;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

function snippetParts(input: SnippetInput): SnippetParts {
  const keyEmbedded = input.apiKey !== undefined && input.apiKey !== '';
  const request = buildReportRequest(
    input.apiRoot,
    input.sendId,
    input.number,
    keyEmbedded ? (input.apiKey ?? '') : '',
  );
  const base = new URL(request.url);
  base.search = '';
  base.hash = '';
  return {
    url: request.url,
    baseUrl: base.toString(),
    keyEmbedded,
    headers: Object.entries(request.headers),
    body: request.body,
  };
}

const TITLE = 'VairoSMS delivery report ("Tek Numara Raporu") of one number in one send.';
const KEY_EMBEDDED_NOTE = 'This snippet contains your API key: do not commit, paste or share it.';
const MISSING_KEY = `Set the environment variable ${KEY_ENV_VAR} to your VairoSMS API key.`;

function keyNote(verb: 'set' | 'export'): string {
  return `The API key is read from the environment variable ${KEY_ENV_VAR}: ${verb} it before running.`;
}

function curlSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('curl', s);
  const lines = [
    `# ${TITLE}`,
    ...(p.keyEmbedded
      ? [`# ${KEY_EMBEDDED_NOTE}`]
      : [`# ${keyNote('export')}`, '# --url-query (curl 7.87 or later) URL-encodes it.']),
    "# curl verifies the server's TLS certificate and follows no redirect unless told to; keep both that way.",
    `curl --silent --show-error --max-time ${SNIPPET_TIMEOUT_SECONDS} \\`,
    '  --request POST \\',
    ...p.headers.map(([name, value]) => `  --header ${q(`${name}: ${value}`)} \\`),
    `  --data-raw ${q(p.body)} \\`,
  ];
  if (p.keyEmbedded) {
    lines.push(`  --url ${q(p.url)}`);
  } else {
    // ${VAR:?message} stops the shell with the message when the variable is unset or empty; curl URL-encodes it.
    lines.push(
      `  --url ${q(p.baseUrl)} \\`,
      `  --url-query "api_key=\${${KEY_ENV_VAR}:?Set ${KEY_ENV_VAR} to your VairoSMS API key}"`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Windows PowerShell 5.1 and PowerShell 7: curl.exe (not the Invoke-WebRequest alias), single-quoted literals, the
 *  body on standard input (PowerShell 5.1 drops the double quotes of a native command's arguments), backtick line
 *  continuations, and the key from $env:. */
function powershellSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('powershell', s);
  const lines = [
    `# ${TITLE}`,
    ...(p.keyEmbedded
      ? [`# ${KEY_EMBEDDED_NOTE}`]
      : [
          `# ${keyNote('set')} ($env:${KEY_ENV_VAR} = '...')`,
          '# --url-query (curl 7.87 or later, as current Windows 10 and 11 ship it) URL-encodes it.',
          `if (-not $env:${KEY_ENV_VAR}) { throw ${q(MISSING_KEY)} }`,
        ]),
    "# curl.exe verifies the server's TLS certificate and follows no redirect unless told to; keep both that way.",
    `${q(p.body)} | curl.exe --silent --show-error --max-time ${SNIPPET_TIMEOUT_SECONDS} \``,
    '  --request POST `',
    ...p.headers.map(([name, value]) => `  --header ${q(`${name}: ${value}`)} \``),
    "  --data-binary '@-' `",
  ];
  if (p.keyEmbedded) lines.push(`  --url ${q(p.url)}`);
  else lines.push(`  --url ${q(p.baseUrl)} \``, `  --url-query "api_key=$env:${KEY_ENV_VAR}"`);
  return lines.join('\n') + '\n';
}

function typescriptSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('typescript', s);
  // Plain JavaScript as well as TypeScript (no annotations needed), so it also runs as a .js/.mjs file.
  const key = p.keyEmbedded
    ? [`  // ${KEY_EMBEDDED_NOTE}`, `  const url = ${q(p.url)};`]
    : [
        `  // ${keyNote('set')}`,
        `  const apiKey = process.env.${KEY_ENV_VAR};`,
        `  if (!apiKey) throw new Error(${q(MISSING_KEY)});`,
        `  const url = ${q(p.url)} + encodeURIComponent(apiKey);`,
      ];
  return (
    [
      `// ${TITLE}`,
      '// Node.js 18 or later (global fetch). TLS certificates are verified; keep it that way.',
      'async function main() {',
      ...key,
      '  const response = await fetch(url, {',
      "    method: 'POST',",
      '    headers: {',
      ...p.headers.map(([name, value]) => `      ${q(name)}: ${q(value)},`),
      '    },',
      `    body: ${q(p.body)},`,
      "    redirect: 'manual', // a redirect would resend the number, and the key in the URL, elsewhere",
      `    signal: AbortSignal.timeout(${SNIPPET_TIMEOUT_SECONDS * 1000}),`,
      '  });',
      '  if (response.status >= 300 && response.status < 400) throw new Error(`Not following a redirect (HTTP ${response.status}).`);',
      '  console.log(await response.text());',
      '}',
      '',
      'main().catch((error) => {',
      '  console.error(error);',
      '  process.exitCode = 1;',
      '});',
    ].join('\n') + '\n'
  );
}

function phpSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('php', s);
  const key = p.keyEmbedded
    ? [`// ${KEY_EMBEDDED_NOTE}`, `$url = ${q(p.url)};`]
    : [
        `// ${keyNote('set')}`,
        `$apiKey = getenv(${q(KEY_ENV_VAR)});`,
        "if ($apiKey === false || $apiKey === '') {",
        `    fwrite(STDERR, ${q(MISSING_KEY)} . PHP_EOL);`,
        '    exit(1);',
        '}',
        `$url = ${q(p.url)} . rawurlencode($apiKey);`,
      ];
  return (
    [
      '<?php',
      `// ${TITLE}`,
      "// The cURL extension verifies the server's TLS certificate by default; keep it that way.",
      ...key,
      '',
      '$curl = curl_init();',
      'curl_setopt_array($curl, [',
      '    CURLOPT_URL => $url,',
      '    CURLOPT_RETURNTRANSFER => true,',
      '    CURLOPT_FOLLOWLOCATION => false, // a redirect would resend the number, and the key, elsewhere',
      `    CURLOPT_TIMEOUT => ${SNIPPET_TIMEOUT_SECONDS},`,
      "    CURLOPT_CUSTOMREQUEST => 'POST',",
      `    CURLOPT_POSTFIELDS => ${q(p.body)},`,
      '    CURLOPT_HTTPHEADER => [',
      ...p.headers.map(([name, value]) => `        ${q(`${name}: ${value}`)},`),
      '    ],',
      ']);',
      '$response = curl_exec($curl);',
      '$error = curl_error($curl);',
      'curl_close($curl);',
      '',
      'if ($response === false) {',
      "    fwrite(STDERR, 'cURL error: ' . $error . PHP_EOL);",
      '    exit(1);',
      '}',
      'echo $response, PHP_EOL;',
    ].join('\n') + '\n'
  );
}

function pythonSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('python', s);
  const imports = p.keyEmbedded
    ? ['import requests']
    : ['import os', 'from urllib.parse import quote', '', 'import requests'];
  const key = p.keyEmbedded
    ? [`# ${KEY_EMBEDDED_NOTE}`, `url = ${q(p.url)}`]
    : [
        `# ${keyNote('set')}`,
        `api_key = os.environ.get(${q(KEY_ENV_VAR)})`,
        'if not api_key:',
        `    raise SystemExit(${q(MISSING_KEY)})`,
        `url = ${q(p.url)} + quote(api_key, safe='')`,
      ];
  return (
    [
      `# ${TITLE}`,
      "# requests verifies the server's TLS certificate by default; keep it that way.",
      ...imports,
      '',
      ...key,
      '',
      'response = requests.post(',
      '    url,',
      '    headers={',
      ...p.headers.map(([name, value]) => `        ${q(name)}: ${q(value)},`),
      '    },',
      `    data=${q(p.body)}.encode('utf-8'),`,
      `    timeout=${SNIPPET_TIMEOUT_SECONDS},`,
      '    allow_redirects=False,  # a redirect would resend the number, and the key, elsewhere',
      ')',
      'if response.is_redirect:',
      "    raise SystemExit(f'Not following a redirect (HTTP {response.status_code}).')",
      'print(response.text)',
    ].join('\n') + '\n'
  );
}

function csharpSnippet(p: SnippetParts): string {
  const q = (s: string): string => stringLiteral('csharp', s);
  const key = p.keyEmbedded
    ? [`// ${KEY_EMBEDDED_NOTE}`, `var url = ${q(p.url)};`]
    : [
        `// ${keyNote('set')}`,
        `var apiKey = Environment.GetEnvironmentVariable(${q(KEY_ENV_VAR)});`,
        'if (string.IsNullOrEmpty(apiKey))',
        '{',
        `    Console.Error.WriteLine(${q(MISSING_KEY)});`,
        '    return 1;',
        '}',
        `var url = ${q(p.url)} + Uri.EscapeDataString(apiKey);`,
      ];
  const contentType = p.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const other = p.headers.filter(([name]) => name.toLowerCase() !== 'content-type');
  return (
    [
      `// ${TITLE}`,
      '// A .NET 6+ console program (top-level statements). HttpClient verifies TLS certificates; keep it that way.',
      'using System;',
      'using System.Net.Http;',
      'using System.Net.Http.Headers;',
      'using System.Text;',
      '',
      ...key,
      '',
      '// No automatic redirects: one would resend the number, and the key, elsewhere.',
      'using var handler = new HttpClientHandler { AllowAutoRedirect = false };',
      `using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(${SNIPPET_TIMEOUT_SECONDS}) };`,
      'using var request = new HttpRequestMessage(HttpMethod.Post, url);',
      ...other.map(([name, value]) => `request.Headers.TryAddWithoutValidation(${q(name)}, ${q(value)});`),
      `request.Content = new StringContent(${q(p.body)}, Encoding.UTF8);`,
      ...(contentType === undefined
        ? []
        : [`request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(${q(contentType)});`]),
      'using var response = await client.SendAsync(request);',
      'Console.WriteLine(await response.Content.ReadAsStringAsync());',
      'return 0;',
    ].join('\n') + '\n'
  );
}

function unexpected(x: never): never {
  throw new Error(`unexpected snippet language ${String(x)}`);
}
