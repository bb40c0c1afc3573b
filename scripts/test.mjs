#!/usr/bin/env node
// `npm test`: every layer, in the order a failure is cheapest to find.
//   1. static: eslint (incl. the layer rules), no import cycle in src (dependency-cruiser), no unused export (knip), prettier --check, and tsc --noEmit for each tsconfig
//   2. build: the production bundles and the .vsix (what users install), then the test bundles
//   3. unit: plain-Node mocha over src/core, the HTTP service against the sandbox, sizes
//   4. integration: mocha inside the real extension host (code-server), via @vscode/test-electron
//   5. ui: Playwright driving code-server with the packaged .vsix installed, like a user
//   6. floor: the smoke subset (tests tagged @floor: activation, a lookup with its panel, Recent Lookups, two windows, the hover,
//      the tools, a batch) of the integration and UI layers again, on the oldest VS Code engines.vscode claims
// Layers 4 and 5 run on the newest VS Code ("new" in scripts/code-server-hosts.mjs: code-server 4.139.1 on Node 24;
// VAIROSMS_VSCODE_HOST=legacy runs them on the floor instead), layer 6 on "legacy" (4.100.3 on this Node 20).
// Each layer prints "<layer>: N passed, N failed"; the last line is the total.
//   node scripts/test.mjs [unit] [integration] [ui] [floor]   (no argument: all; the build always runs)
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { hostEnv, resolveHost } from './code-server-hosts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const wanted = new Set(process.argv.slice(2));
const all = wanted.size === 0;
const results = [];

function run(cmd, args, { env, capture } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    const tee = (stream) => (d) => {
      out += d;
      stream.write(d);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), out: capture ? out : out.slice(-20000) }),
    );
  });
}

function counts(out) {
  const re = /^(?:[\w ()@.]+: )?(\d+) passed, (\d+) failed/gm;
  let m;
  let last;
  while ((m = re.exec(out))) last = m;
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

const seconds = (since) => Math.round((Date.now() - since) / 1000);

async function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = await run(cmd, args);
  console.log(`--- ${name}: ${seconds(started)} s`);
  if (r.code !== 0) {
    console.error(`\n${name} failed (exit ${r.code}); stopping.`);
    console.log(`total: ${sum('passed')} passed, ${sum('failed') + 1} failed`);
    process.exit(1);
  }
}

async function layer(name, cmd, args, env, where = '') {
  console.log(`\n=== ${name} tests${where}`);
  const started = Date.now();
  const r = await run(cmd, args, { env, capture: true });
  const c = counts(r.out) ?? { passed: 0, failed: 1 };
  if (r.code !== 0 && c.failed === 0) c.failed = 1; // crashed before or after counting
  results.push({ name, ...c, note: ` (${seconds(started)} s${where})` });
  console.log(`${name}: ${c.passed} passed, ${c.failed} failed${results.at(-1).note}`);
}
const testStart = Date.now();

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
const npx = (bin) => join(root, 'node_modules', '.bin', bin);

await step('lint', npx('eslint'), ['--max-warnings=0', '.']);
await step('no import cycles', npx('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']);
await step('no unused exports, files or dependencies', npx('knip'), ['--no-progress']);
await step('format', npx('prettier'), ['--check', '.']);
await step('typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']);
await step('typecheck webview', process.execPath, [
  join(root, 'node_modules/typescript/bin/tsc'),
  '--noEmit',
  '-p',
  'src/webview',
]);
await step('typecheck tests', process.execPath, [
  join(root, 'node_modules/typescript/bin/tsc'),
  '--noEmit',
  '-p',
  'test',
]);
await step('build', process.execPath, ['esbuild.js', '--production']);
await step('package', npx('vsce'), [
  'package',
  '--no-dependencies',
  '--no-gitHubIssueLinking',
  '-o',
  'vairosms-reports.vsix',
]);
await step('build tests', process.execPath, ['esbuild.js', '--tests']);

if (all || wanted.has('unit')) {
  await layer('unit', process.execPath, ['scripts/mocha-layer.cjs', 'unit', 'out/unit', '--timeout', '20000']);
}
const integration = (name, host, env = {}) =>
  layer(name, process.execPath, ['out/test-extension/integration/runTest.js'], { ...hostEnv(host), ...env }, on(host));
const ui = (name, host, env = {}) =>
  layer(
    name,
    process.execPath,
    ['scripts/mocha-layer.cjs', name, 'out/ui', '--timeout', '180000'],
    { ...hostEnv(host), ...env },
    on(host),
  );
const on = (host) =>
  `, VS Code ${host.vscode ?? host.entry} on Node ${execFileSync(host.node, ['--version'], { encoding: 'utf8' }).trim()}`;
const missing = (host) => {
  if (!host.why) return false;
  console.error(`\n${host.why}`);
  results.push({ name: `host ${host.name}`, passed: 0, failed: 1, note: '' });
  return true;
};

const newest = resolveHost();
if ((all || wanted.has('integration') || wanted.has('ui')) && !missing(newest)) {
  if (all || wanted.has('integration')) await integration('integration', newest);
  if (all || wanted.has('ui')) await ui('ui', newest);
}
// The floor: the smoke subset on the oldest VS Code that engines.vscode accepts.
const floor = resolveHost('legacy');
if ((all || wanted.has('floor')) && !missing(floor)) {
  const grep = { MOCHA_GREP: process.env.MOCHA_GREP ?? '@floor' };
  await integration('integration floor', floor, grep);
  await ui('ui floor', floor, grep);
}

console.log(`\n${results.map((r) => `${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ?? ''}`).join('\n')}`);
console.log(`tests took ${seconds(testStart)} s`);
console.log(`total: ${sum('passed')} passed, ${sum('failed')} failed`);
process.exit(sum('failed') > 0 ? 1 : 0);
