#!/usr/bin/env node
// `npm test`: every layer, in the order a failure is cheapest to find.
//   1. static: eslint (incl. the layer rules), no import cycle in src (dependency-cruiser), no unused export (knip), prettier --check, and tsc --noEmit for each tsconfig
//   2. build: the production bundles and the .vsix (what users install), then the test bundles
//   3. unit: plain-Node mocha over src/core, the HTTP service against the sandbox, sizes
//   4. integration: mocha inside the real extension host (code-server), via @vscode/test-electron
//   5. ui: Playwright driving code-server with the packaged .vsix installed, like a user
// Each layer prints "<layer>: N passed, N failed"; the last line is the total.
//   node scripts/test.mjs [unit] [integration] [ui]   (no argument: all; the build always runs)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

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

function counts(out, layer) {
  const re = new RegExp(`^(?:${layer}: )?(\\d+) passed, (\\d+) failed`, 'gm');
  let m;
  let last;
  while ((m = re.exec(out))) last = m;
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

async function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = await run(cmd, args);
  if (r.code !== 0) {
    console.error(`\n${name} failed (exit ${r.code}); stopping.`);
    console.log(`total: ${sum('passed')} passed, ${sum('failed') + 1} failed`);
    process.exit(1);
  }
}

async function layer(name, cmd, args, env) {
  console.log(`\n=== ${name} tests`);
  const r = await run(cmd, args, { env, capture: true });
  const c = counts(r.out, name) ?? { passed: 0, failed: 1 };
  if (r.code !== 0 && c.failed === 0) c.failed = 1; // crashed before or after counting
  results.push({ name, ...c });
  console.log(`${name}: ${c.passed} passed, ${c.failed} failed`);
}

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
const needHost = all || wanted.has('integration') || wanted.has('ui');
if (needHost && !existsSync('.vscode-test/code-server/node_modules/code-server/out/node/entry.js')) {
  console.error('\nThe code-server test host is missing: run `npm run setup:code-server` (or `bash .ci/run`).');
  results.push({ name: 'host', passed: 0, failed: 1 });
} else {
  if (all || wanted.has('integration')) {
    await layer('integration', process.execPath, ['out/test-extension/integration/runTest.js']);
  }
  if (all || wanted.has('ui')) {
    await layer('ui', process.execPath, ['scripts/mocha-layer.cjs', 'ui', 'out/ui', '--timeout', '180000']);
  }
}

console.log('\n' + results.map((r) => `${r.name}: ${r.passed} passed, ${r.failed} failed`).join('\n'));
console.log(`total: ${sum('passed')} passed, ${sum('failed')} failed`);
process.exit(sum('failed') > 0 ? 1 : 0);
