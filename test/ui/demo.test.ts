// The README's first command: `npm run demo` starts the sandbox and code-server with the packaged extension and
// prints the URL to open. Its --smoke mode starts everything, checks that the workbench answers and that a sandbox
// lookup works, and stops; --no-build reuses the .vsix npm test has just packaged.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './harness';

describe('npm run demo', () => {
  it('starts the sandbox and a real VS Code with the extension, and both answer', async function () {
    this.timeout(120000);
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'demo.mjs'), '--smoke', '--no-build'],
        { cwd: REPO_ROOT, timeout: 110000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
      );
    });
    assert.match(out, /demo smoke: workbench password required, with it HTTP 200, sandbox lookup DELIVERED, locale en/);
  });

  it('--locale tr starts VS Code in Turkish', async function () {
    this.timeout(120000);
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'demo.mjs'), '--smoke', '--no-build', '--locale', 'tr'],
        { cwd: REPO_ROOT, timeout: 110000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
      );
    });
    assert.match(out, /sandbox lookup DELIVERED, locale tr/);
  });
});
