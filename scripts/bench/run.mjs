// The bench's runner (scripts/bench.mjs starts it): builds, measures in plain Node and in the real extension host,
// prints the table and rewrites BENCHMARKS.md (rows.mjs, markdown.mjs).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { benchMarkdown } from './markdown.mjs';
import { benchRows } from './rows.mjs';
import { metText } from './format.mjs';
import { hostEnv, resolveHost } from '../code-server-hosts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const require = createRequire(join(root, 'package.json'));
const BENCH = join(root, '.bench');
// the newest VS Code by default (VAIROSMS_VSCODE_HOST=legacy: the floor, 1.100.3 on Node 20)
const HOST = resolveHost();
const CODE_SERVER_PKG = HOST.entry ? join(dirname(HOST.entry), '..', '..') : join(root, '.vscode-test/code-server');
const LAUNCHES = Math.max(1, Number(process.env.BENCH_LAUNCHES ?? 3));
const started = Date.now();
const loadStart = os.loadavg();

const say = (s) => process.stderr.write(`bench: ${s}\n`);

function run(cmd, args, { log, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_ROOT: root, ...env },
    });
    let out = '';
    const file = log ? createWriteStream(log) : undefined;
    const take = (d) => {
      out += d;
      file?.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', (d) => {
      take(d);
      if (!log) process.stderr.write(d);
    });
    child.on('close', (code, signal) => {
      file?.end();
      resolve({ code: code ?? (signal ? 1 : 0), out });
    });
  });
}

const tail = (s, n = 40) => s.trim().split('\n').slice(-n).join('\n');
const fail = (why, out) => {
  console.error(`bench: ${why}`);
  if (out) console.error(tail(out));
  process.exit(1);
};

// ---- 1. build ----------------------------------------------------------------------------------------------------
if (!existsSync(join(root, 'node_modules/esbuild'))) fail('node_modules is missing: run `npm ci` first');
mkdirSync(BENCH, { recursive: true });
if (process.env.BENCH_SKIP_BUILD !== '1') {
  say('building the production bundles and the .vsix …');
  let r = await run(process.execPath, ['esbuild.js', '--production']);
  if (r.code !== 0) fail('`node esbuild.js --production` failed', r.out);
  r = await run(process.execPath, [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--no-gitHubIssueLinking',
    '-o',
    'vairosms-reports.vsix',
  ]);
  if (r.code !== 0) fail('`vsce package` failed', r.out);
  // The extension host runs the test build (out/test-extension: the same minified bundles with the test surface the
  // bench reads), as the integration tests do.
  r = await run(process.execPath, ['esbuild.js', '--tests']);
  if (r.code !== 0) fail('`node esbuild.js --tests` failed', r.out);
}
say('building the bench bundles into .bench/ …');
const esbuild = require('esbuild');
try {
  const bundle = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode', '@vscode/test-electron', 'mocha'],
    logLevel: 'error',
  };
  await esbuild.build({
    ...bundle,
    entryPoints: {
      node: 'test/bench/node.ts',
      sandbox: 'test/bench/sandboxProcess.ts',
      runHost: 'test/bench/runHost.ts',
      'hello-ext/webviewPeer': 'test/bench/webviewPeer.ts',
    },
    outdir: BENCH,
  });
  // The host part runs inside the extension host and stubs vscode.window for the extension: it must sit in the test
  // extension's folder, since VS Code hands a module the API object of the extension whose folder holds it.
  await esbuild.build({
    ...bundle,
    entryPoints: { host: 'test/bench/host.ts', sandbox: 'test/bench/sandboxProcess.ts' },
    outdir: join(root, 'out', 'test-extension', 'bench'),
  });
} catch (e) {
  fail(`building the bench bundles failed: ${e.message}`);
}

// The activation peer: a minimal hello-world extension with the same activation event, timing itself the way
// src/extension.ts does (performance.now() at module top, around activate()), its figures behind a command; and,
// loaded only when its commands run, the bare webview of rows P2, P4 and P5 (.bench/hello-ext/webviewPeer.js).
const HELLO = join(BENCH, 'hello-ext');
mkdirSync(HELLO, { recursive: true });
writeFileSync(
  join(HELLO, 'package.json'),
  JSON.stringify(
    {
      name: 'hello-world',
      publisher: 'vairosms-bench',
      displayName: 'Hello World (bench peer)',
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      activationEvents: ['onStartupFinished'],
      main: './extension.js',
    },
    null,
    2,
  ),
);
writeFileSync(
  join(HELLO, 'extension.js'),
  `'use strict';
// Generated by scripts/bench.mjs: the hello-world peer of BENCHMARKS.md row 2.
const loadStart = performance.now();
const vscode = require('vscode');
let timings = { loadMs: 0, activationMs: 0 };
exports.activate = function activate(context) {
  const started = performance.now();
  context.subscriptions.push(vscode.commands.registerCommand('vairosmsBenchHello.helloWorld', () => {
    vscode.window.showInformationMessage('Hello World from the bench peer!');
  }));
  context.subscriptions.push(vscode.commands.registerCommand('_vairosmsBenchHello.state', () => timings));
  // The bare webview of rows P2, P4 and P5 (test/bench/webviewPeer.ts), loaded on first use.
  const peer = () => require('./webviewPeer.js');
  context.subscriptions.push(vscode.commands.registerCommand('_vairosmsBenchHello.boot', () => peer().boot()));
  context.subscriptions.push(vscode.commands.registerCommand('_vairosmsBenchHello.roundTrips', (n) => peer().roundTrips(n)));
  timings = { loadMs: started - loadStart, activationMs: performance.now() - started };
};
exports.deactivate = function deactivate() {};
`,
);
const helloBytes = statSync(join(HELLO, 'extension.js')).size;

// ---- 2. plain Node ---------------------------------------------------------------------------------------------
say('plain Node: client (3 ways), batch, history, sizes …');
const nodeOut = join(BENCH, 'node.json');
rmSync(nodeOut, { force: true });
const nodeRun = await run(process.execPath, [join(BENCH, 'node.js'), nodeOut]);
if (nodeRun.code !== 0 || !existsSync(nodeOut)) fail('the plain-Node benchmark failed', nodeRun.out);
const N = JSON.parse(readFileSync(nodeOut, 'utf8'));

// ---- 3. the real extension host ----------------------------------------------------------------------------------
const hostRuns = [];
let hostProblem;
if (HOST.why || !existsSync(HOST.entry)) {
  hostProblem = HOST.why ?? `${HOST.entry} is missing: run \`bash scripts/setup-code-server.sh\``;
  say(hostProblem);
} else {
  // One launch more than LAUNCHES: P3's peer, a bare webview as its window's first (the first boot is VS Code's own
  // cost, once per window), unless BENCH_HOST_MODE asks for one kind of launch.
  const launches = process.env.BENCH_HOST_MODE ? LAUNCHES : LAUNCHES + 1;
  for (let i = 1; i <= launches; i++) {
    // BENCH_HOST_MODE=perceived (or batch, summary): the first launch runs only those rows, while working on them.
    const mode = i === 1 ? (process.env.BENCH_HOST_MODE ?? 'full') : i > LAUNCHES ? 'peer-first' : 'activation';
    const what = { full: 'activation, lazy transport, panels, memory, tree', 'peer-first': "activation, P3's peer" };
    say(`extension host, launch ${i}/${launches} (${what[mode] ?? 'activation'}) …`);
    const out = join(BENCH, `host-${i}.json`);
    const log = join(BENCH, `host-${i}.log`);
    rmSync(out, { force: true });
    const r = await run(process.execPath, [join(BENCH, 'runHost.js'), out, mode], { log, env: hostEnv(HOST) });
    const data = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
    if (r.code !== 0 || !data || data.error) {
      const why = data?.error ?? `exit code ${r.code}`;
      say(`launch ${i} failed (${String(why).split('\n')[0]}); log: ${relative(root, log)}`);
      console.error(tail(r.out, 25));
      if (!hostProblem) hostProblem = `launch ${i}: ${String(why).split('\n')[0]}`;
    }
    if (data) hostRuns.push(data);
  }
}

const R = benchRows({ N, hostRuns, hostProblem, helloBytes });
const { rows, s } = R;

// ---- 5. the table ------------------------------------------------------------------------------------------------
const cols = [
  ['#', 'id'],
  ['Metric', 'metric'],
  ['Ours', 'ours'],
  ['Peer', 'peer'],
  ['Ratio', 'ratio'],
  ['Goal', 'goal'],
  ['Met?', null],
];
const cells = rows.map((r) => cols.map(([, k]) => (k ? String(r[k]) : metText(r))));
const widths = cols.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (cs) =>
  cs
    .map((c, i) => c.padEnd(widths[i]))
    .join(' | ')
    .trimEnd();
console.log(line(cols.map(([h]) => h)));
console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
for (const c2 of cells) console.log(line(c2));
console.log('* published anchor (research §B), not measured here');
const missed = rows.filter((r) => r.met === false);
const unmeasured = rows.filter((r) => r.met === null);
for (const r of missed) console.log(`MISSED ${r.id} ${r.metric}: ${r.ours} (goal ${r.goal}), missed by ${r.by}`);
for (const r of unmeasured) console.log(`NOT MEASURED ${r.id} ${r.metric}: ${r.why}`);
for (const p of s.problems) console.log(`SIZE PROBLEM: ${p}`);

// ---- 6. BENCHMARKS.md --------------------------------------------------------------------------------------------
const cpu = (() => {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model;
  }
})();
const osName = (() => {
  try {
    return /PRETTY_NAME="?([^"\n]+)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return `${os.type()} ${os.release()}`;
  }
})();
const pkgVersion = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8')).version;
  } catch {
    return undefined;
  }
};
const csVersion = pkgVersion(join(CODE_SERVER_PKG, 'package.json'));
const vsVersion =
  hostRuns.find((r) => r.vscodeVersion)?.vscodeVersion ?? pkgVersion(join(CODE_SERVER_PKG, 'lib/vscode/package.json'));
const curlVersion = await run('curl', ['--version']).then(
  (r) => r.out.split(' ').slice(0, 2).join(' '),
  () => 'curl ?',
);
const loadEnd = os.loadavg();
const durationS = Math.round((Date.now() - started) / 1000);

const text = benchMarkdown({
  ...R,
  N,
  hostRuns,
  hostProblem,
  missed,
  unmeasured,
  loadStart,
  loadEnd,
  durationS,
  cpu,
  osName,
  vsVersion,
  csVersion,
  curlVersion,
});
writeFileSync(join(root, 'BENCHMARKS.md'), text);
console.log(`\n${join(root, 'BENCHMARKS.md')}`);
process.exit(unmeasured.length > 0 ? 1 : 0);
