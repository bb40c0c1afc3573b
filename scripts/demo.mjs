#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server) talking to the local sandbox API, no VairoSMS
// account needed. Builds and packages the extension, installs code-server if missing, starts the sandbox and
// code-server with the .vsix installed and vairosms.apiRoot pointed at the sandbox, and prints the URL to open.
//   npm run demo [-- --port 8080] [--sandbox-port 3555] [--locale tr] [--no-build] [--smoke]
//   --locale tr: VS Code's display language Turkish (a language pack with no translations of its own, as the UI tests
//   use: the extension's strings are Turkish, VS Code's own stay English).
//   --smoke: start everything, check that the workbench and a sandbox lookup answer, then stop (used by the tests).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveHost } from './code-server-hosts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const smoke = flag('--smoke');
const port = Number(option('--port', smoke ? '0' : '8080'));
const sandboxPort = Number(option('--sandbox-port', smoke ? '0' : '3555'));
const locale = option('--locale', 'en');
if (!/^[a-z]{2}(-[a-z]{2})?$/i.test(locale)) {
  console.error(`--locale takes a language code such as tr, not "${locale}"`);
  process.exit(2);
}
const KEY = 'sandbox-key';
const vsix = join(root, 'vairosms-reports.vsix');
const say = (s) => console.log(s);

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: smoke ? 'pipe' : 'inherit', ...opts });
}

if (!flag('--no-build') || !existsSync(vsix)) {
  say('› building and packaging the extension…');
  run(process.execPath, ['esbuild.js', '--production']);
  run(process.execPath, [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--no-gitHubIssueLinking',
    '-o',
    vsix,
  ]);
}
if (!existsSync('out/sandbox/cli.js') || !flag('--no-build')) run(process.execPath, ['esbuild.js', '--sandbox']);
// the newest VS Code (code-server 4.139.1 on Node 24); VAIROSMS_VSCODE_HOST=legacy: the floor, 1.100.3
let host = resolveHost();
if (host.why || !existsSync(host.entry)) {
  say('› installing the code-server test hosts (first run only, about 4 minutes)…');
  run('bash', ['scripts/setup-code-server.sh'], { stdio: 'inherit' });
  host = resolveHost();
  if (host.why) {
    console.error(host.why);
    process.exit(1);
  }
}
const entry = host.entry;

const children = [];
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  if (!smoke) say('\nVairoSMS demo stopped: the sandbox and code-server are closed.');
  setTimeout(() => process.exit(code), 300);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function start(cmd, args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    children.push(child);
    let log = '';
    const on = (d) => {
      log += d;
      const m = ready(log);
      if (m) resolve({ child, match: m, log: () => log });
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (c) => {
      if (!stopping) reject(new Error(`${cmd} ${args[0]} exited (${c})\n${log}`));
    });
  });
}

const sandbox = await start(
  process.execPath,
  ['out/sandbox/cli.js', '--port', String(sandboxPort), '--key', KEY, ...(smoke ? ['--quiet'] : [])],
  (log) => log.match(/http:\/\/127\.0\.0\.1:\d+\/Panel\/api\/v1\//),
);
const apiRoot = sandbox.match[0];

const demo = join(root, '.vscode-test', 'demo');
const ud = join(demo, 'user-data');
const ext = join(demo, 'extensions');
const ws = join(demo, 'workspace');
if (smoke) rmSync(demo, { recursive: true, force: true });
for (const d of [join(ud, 'User'), ext, ws]) mkdirSync(d, { recursive: true });
cpSync(join(root, 'test/fixtures/workspace'), ws, { recursive: true });
writeFileSync(
  join(ud, 'User', 'settings.json'),
  JSON.stringify(
    {
      'vairosms.apiRoot': apiRoot,
      'workbench.startupEditor': 'none',
      'git.openRepositoryInParentFolders': 'never',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
    },
    null,
    2,
  ),
);
// The display language: VS Code resolves one only through an installed language pack; a fake one with no
// translations makes the workbench (and vscode.env.language, so the extension) run in it.
const languagePacks = join(ud, 'languagepacks.json');
rmSync(languagePacks, { force: true });
if (locale !== 'en') {
  const translations = join(demo, `translations.${locale}.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    languagePacks,
    JSON.stringify({
      [locale]: {
        hash: 'demo',
        label: locale,
        extensions: [{ extensionIdentifier: { id: 'demo.language-pack' }, version: '1.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}

// A random password for this run: while the demo runs, any local user could otherwise open the workbench on the
// loopback port (and use the key typed into it).
const password = randomBytes(12).toString('base64url');
const csEnv = { EXTENSIONS_GALLERY: '{}', VSCODE_IPC_HOOK_CLI: '', XDG_DATA_HOME: join(demo, 'xdg-data') };
const csArgs = ['--user-data-dir', ud, '--extensions-dir', ext, '--config', join(demo, 'config.yaml')];
run(host.node, [entry, ...csArgs, '--install-extension', vsix, '--force'], {
  env: { ...process.env, ...csEnv },
});

const server = await start(
  host.node,
  [
    entry,
    ...csArgs,
    '--auth',
    'password',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...(locale !== 'en' ? ['--locale', locale] : []),
    ws,
  ],
  (log) => /Session server listening/.test(log) && log.match(/HTTP server listening on (http:\/\/[\d.:]+)/),
  { ...csEnv, PASSWORD: password },
);
const url = `${server.match[1].replace(/\/$/, '')}/?folder=${encodeURIComponent(ws)}`;

if (smoke) {
  // Without the password the workbench is not served; with it (code-server's login form) it is.
  const page = await fetch(url, { redirect: 'manual' });
  const login = await fetch(`${server.match[1].replace(/\/$/, '')}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }).toString(),
    redirect: 'manual',
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const inside = await fetch(url, { headers: { cookie } });
  const lookup = await fetch(`${apiRoot}NumaraRaporu/187?api_key=${KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ numara: '5399999999' }),
  });
  const report = await lookup.json();
  const html = await inside.text();
  // In another language the workbench loads the language pack's messages: …/clp/<hash>.<locale>/<commit>/nls.messages.js
  const shownLocale = /clp%2F[\w-]+\.([a-z]{2}(?:-[a-z]{2})?)%2F[^"]*nls\.messages\.js/i.exec(html);
  const locked = page.status >= 300 && page.status < 400 && /login/.test(page.headers.get('location') ?? '');
  const served = shownLocale?.[1] ?? 'en';
  const ok = locked && inside.status === 200 && report?.aciklama?.durum_gonderim === 'DELIVERED' && served === locale;
  console.log(
    `demo smoke: workbench ${locked ? 'password required' : `open without a password (HTTP ${page.status})`}, with it HTTP ${inside.status}, sandbox lookup ${report?.aciklama?.durum_gonderim ?? lookup.status}, locale ${served}`,
  );
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  stop(ok ? 0 : 1);
} else {
  say(`
VairoSMS Reports is running in a real VS Code, against the local sandbox API.

  Open:            ${url}
  Password:        ${password}   (new for every run: the workbench is not open to other local users)
  Sandbox API:     ${apiRoot}   (vairosms.apiRoot is set to it)
  Sandbox API key: ${KEY}   (the first lookup asks for it; "VairoSMS: Set API Key…" changes it)

Try: Command Palette (F1) → "VairoSMS: Look Up Number Report…" → send ID 187 → number 0539 999 99 99.
Numbers 5301000001…5301000011 in send 187 show each of the 11 statuses; send IDs 9001–9020 show failures
(see test/sandbox/README.md). A wrong key shows the wrong-key error.
In Turkish: npm run demo -- --locale tr

Ctrl+C stops the demo (the sandbox and code-server).`);
}
