#!/usr/bin/env node
// Runs one layer of mocha specs and ends with the plain line CI reads: "<layer>: N passed, N failed".
//   node scripts/mocha-layer.cjs <layer> <dir> [--timeout MS] [--grep RE]
// Env: MOCHA_GREP (a title pattern, as --grep), MOCHA_FILES (comma-separated spec names, e.g. "lookup,batch": only
// out/<layer>/lookup.test.js and batch.test.js; while working on one spec).
const Mocha = require('mocha');
const fs = require('fs');
const path = require('path');

const [layer, dir, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : dflt;
};
const mocha = new Mocha({
  ui: 'bdd',
  color: false,
  reporter: 'spec',
  timeout: Number(opt('--timeout', 10000)),
  grep: opt('--grep', process.env.MOCHA_GREP || undefined),
});
const only = process.env.MOCHA_FILES ? process.env.MOCHA_FILES.split(',').map((s) => s.trim()) : undefined;
const files = fs
  .readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.js'))
  .filter((f) => !only || only.includes(path.basename(f, '.test.js')))
  .sort();
for (const f of files) mocha.addFile(path.join(dir, f));
let passed = 0;
let failed = 0;
const runner = mocha.run((failures) => {
  console.log(`${layer}: ${passed} passed, ${failed} failed`);
  process.exitCode = failures || files.length === 0 ? 1 : 0;
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
