// Mocha entry point loaded by the extension host (the `extensionTestsPath` contract: export run()).
// Runs every *.test.js beside this file (out/test-extension/integration/) and ends with the plain line CI reads:
// "integration: N passed, N failed".
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: 60000,
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        console.log(`integration: ${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else if (files.length === 0 || passed === 0)
          reject(new Error(`no integration tests ran (found ${files.length} file(s))`));
        else resolve();
      });
      runner.on('pass', () => {
        passed++;
      });
      runner.on('fail', () => {
        failed++;
      });
    } catch (err) {
      console.log(`integration: ${passed} passed, ${failed + 1} failed`);
      reject(err);
    }
  });
}
