#!/usr/bin/env node
// Stand-in for the VS Code executable that @vscode/test-electron spawns (`runTests({ vscodeExecutablePath })`).
// It accepts the arguments test-electron passes to `code`, starts code-server (the real VS Code server and its Node
// extension host; which one, and on which Node, says scripts/code-server-hosts.mjs) on 127.0.0.1, opens the workbench in headless chromium (playwright-core) with the
// development extension and the test module in the web client's `?payload=`, relays the extension host's log
// lines, and exits with the code the extension host reports, as desktop VS Code does for --extensionTestsPath.
//
// Environment:
//   VAIROSMS_VSCODE_HOST         new (default: code-server 4.139.1 on Node 24) or legacy (4.100.3 on Node 20)
//   CODE_SERVER_BIN, CODE_SERVER_NODE   an entry.js and the Node that runs it, instead of a named host
//   CHROMIUM_BIN                 the browser (default: /usr/bin/chromium)
//   CODE_SERVER_TEST_TIMEOUT_MS  hard limit for the whole run (default 300000); exit code 124 when it is hit
//   VAIROSMS_TEST_SETTINGS       JSON object merged into the user settings written before the start
//   VAIROSMS_TEST_LOCALE         display language, e.g. `tr` (fake language pack + `--locale tr`)
//   SHOW_SERVER_LOG=0|1          print the code-server log never / always (default: only on failure)
//   VERBOSE=1                    relay every log line, including the known noise
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { resolveHost } from './code-server-hosts.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repoRoot, 'package.json'));
const { chromium } = require('playwright-core');

const HOST = resolveHost();
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.CODE_SERVER_TEST_TIMEOUT_MS || 300000);
const LOCALE = (process.env.VAIROSMS_TEST_LOCALE || '').trim();
const NOISE =
  /No extension gallery service configured|ENOTFOUND|ChatSessionStore|Creating a socket|connection token|builtin extensions cache|Service Worker|gallery as it is disabled|vsda|Unexpected controller|\[AgentHost\] Authentication provider is not ready/i;

// ---- test-electron's `code` arguments ----
const devPaths = [];
let testsPath;
let userDataDir;
let extensionsDir;
const positional = [];
for (const a of process.argv.slice(2)) {
  const m = a.match(/^--([^=]+)(?:=(.*))?$/);
  if (!m) {
    positional.push(a);
    continue;
  }
  const [, k, v = ''] = m;
  if (k === 'extensionDevelopmentPath') devPaths.push(resolve(v));
  else if (k === 'extensionTestsPath') testsPath = resolve(v);
  else if (k === 'user-data-dir') userDataDir = resolve(v);
  else if (k === 'extensions-dir') extensionsDir = resolve(v);
  // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
  // --disable-workspace-trust, ...: meaningless for code-server (trust is turned off below anyway).
}
if (!testsPath || devPaths.length === 0) {
  console.error('code-server-test-host: need --extensionDevelopmentPath=<dir> and --extensionTestsPath=<file>');
  process.exit(2);
}
if (HOST.why || !existsSync(HOST.entry)) {
  console.error(`code-server-test-host: ${HOST.why ?? `${HOST.entry} is missing; run \`npm run setup:code-server\``}`);
  process.exit(2);
}

// ---- a private profile: user data, extensions, config, logs ----
const scratch = mkdtempSync(join(tmpdir(), 'vairosms-test-host-'));
userDataDir ??= join(scratch, 'user-data');
extensionsDir ??= join(scratch, 'extensions');
let folder = positional[0] ? resolve(positional[0]) : undefined;
if (!folder) {
  folder = join(scratch, 'workspace');
  mkdirSync(folder);
}
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });

let extraSettings = {};
if (process.env.VAIROSMS_TEST_SETTINGS) {
  try {
    extraSettings = JSON.parse(process.env.VAIROSMS_TEST_SETTINGS);
  } catch (e) {
    console.error(`code-server-test-host: VAIROSMS_TEST_SETTINGS is not JSON: ${e.message}`);
    process.exit(2);
  }
}
// Always rewritten: test-electron's default user-data-dir (.vscode-test/user-data) outlives the run.
writeFileSync(
  join(userDataDir, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.tips.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      // VS Code 1.10x and later: the Chat view and its secondary side bar stay closed (nothing here uses them)
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      ...extraSettings,
    },
    null,
    2,
  ),
);

const languagePacks = join(userDataDir, 'languagepacks.json');
rmSync(languagePacks, { force: true });
if (LOCALE && LOCALE !== 'en') {
  // VS Code resolves a display language only through an installed language pack: a fake one with no
  // translations makes the workbench (and vscode.env.language) run in LOCALE. Its `extensions` list must not
  // be empty, or the extension host never loads extensions.
  const translations = join(scratch, `translations.${LOCALE}.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    languagePacks,
    JSON.stringify({
      [LOCALE]: {
        hash: 'test',
        label: LOCALE,
        extensions: [{ extensionIdentifier: { id: 'test.language-pack' }, version: '1.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}

// ---- start code-server ----
const serverArgs = [
  HOST.entry,
  '--auth',
  'none',
  '--bind-addr',
  '127.0.0.1:0',
  '--user-data-dir',
  userDataDir,
  '--extensions-dir',
  extensionsDir,
  '--config',
  join(scratch, 'config.yaml'),
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--ignore-last-opened',
];
if (LOCALE) serverArgs.push('--locale', LOCALE);
serverArgs.push(folder);
const server = spawn(HOST.node, serverArgs, {
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true, // its own process group: the extension host, file watcher and pty host go down with it
  env: { ...process.env, VSCODE_IPC_HOOK_CLI: '', EXTENSIONS_GALLERY: '{}', XDG_DATA_HOME: join(scratch, 'xdg-data') },
});
let serverLog = '';
let serverExited = false;
server.on('exit', () => {
  serverExited = true;
});

let browser;
let finishing = false;
const killServer = (signal) => {
  if (serverExited) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    try {
      server.kill(signal);
    } catch {
      /* gone */
    }
  }
};
async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  if (why) console.error(`code-server-test-host: ${why}`);
  const show = process.env.SHOW_SERVER_LOG;
  if ((code !== 0 && show !== '0') || show === '1')
    console.error(`--- code-server log ---\n${serverLog}--- end of code-server log ---`);
  try {
    await browser?.close();
  } catch {
    /* already closed */
  }
  killServer('SIGTERM');
  for (let i = 0; i < 50 && !serverExited; i++) await new Promise((r) => setTimeout(r, 100));
  killServer('SIGKILL');
  await new Promise((r) => setTimeout(r, 200)); // the file watcher child lets go of the temp dir
  try {
    rmSync(scratch, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
  process.exit(code);
}
setTimeout(() => finish(124, `timed out after ${TIMEOUT} ms`), TIMEOUT).unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `interrupted (${sig})`));

const address = await new Promise((res) => {
  const on = (d) => {
    serverLog += d;
    const m = serverLog.match(/HTTP server listening on (http:\/\/[.:\d]+)/);
    if (m && /Session server listening/.test(serverLog)) res(m[1]);
  };
  server.stdout.on('data', on);
  server.stderr.on('data', on);
  server.on('exit', (c, s) => {
    if (!finishing) finish(3, `code-server exited (${c ?? s})`);
  });
});

// ---- open the workbench with the development extension and the test module ----
const host = new URL(address).host; // the remote authority must equal the page's Host
const remote = (p) => `vscode-remote://${host}${p}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)],
];
const url = `${address}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
} catch (e) {
  await finish(4, `cannot start ${CHROMIUM}: ${e.message}`);
}
const page = await browser.newPage();
let reportExit;
const exited = new Promise((res) => {
  reportExit = res;
});
await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const line = format(...(Array.isArray(args) ? args : [args]));
  if (process.env.VERBOSE || !NOISE.test(line)) (type === 'error' ? console.error : console.log)(line);
});
page.on('pageerror', (e) => console.error('[pageerror]', e.message));
// VS Code 1.10x and later read extensionDevelopmentPath and extensionTestsPath from `?payload=` only with the
// smoke-test driver on (1.100.3 always did; without it 1.139 opens a plain window and the run never ends).
// code-server's CLI rejects --enable-smoke-test-driver, and page.route breaks its WebSockets, so the flag is set
// where the workbench reads its configuration: the data-settings attribute of the configuration meta element.
await page.addInitScript(() => {
  /* global Element -- runs in the page */
  const getAttribute = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = getAttribute.call(this, name);
    if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
    const config = JSON.parse(value);
    config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
    return JSON.stringify(config);
  };
});
page.on('crash', () => finish(5, 'the browser page crashed'));
await page.goto(url);
let code = await exited;
code = typeof code === 'number' ? code : 1;
// If the tests call process.exit(n) or the extension host crashes, the web client reports 0: cross-check the
// status code-server logs for the extension host process.
const hostExit = () => serverLog.match(/Extension Host Process exited with code: (\d+)/);
for (let i = 0; i < 30 && !hostExit(); i++) await new Promise((r) => setTimeout(r, 100));
const hostCode = Number(hostExit()?.[1] ?? 0);
if (code === 0 && hostCode !== 0)
  console.error(`code-server-test-host: extension host process exited with code ${hostCode}`);
await finish(code || hostCode);
