// Entry point of the integration layer (bundled to out/test-extension/integration/runTest.js): the usual @vscode/test-electron
// runTests() call, with VS Code replaced by scripts/code-server-test-host.mjs, which runs the suite in the real
// extension host of code-server (nothing can download a desktop VS Code here). The development extension is the test
// build in out/test-extension (the packaged bundles with the test surface of test/surface/ compiled in): build it
// first (`node esbuild.js --tests`, or scripts/test.mjs).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '../../..');
const testExtension = path.join(repoRoot, 'out', 'test-extension');

async function main(): Promise<number> {
  const shim = path.join(repoRoot, 'scripts', 'code-server-test-host.mjs');
  const extensionTestsPath = path.join(testExtension, 'integration', 'index.js');
  for (const [file, hint] of [
    [shim, 'the code-server test host is missing'],
    [path.join(testExtension, 'dist', 'extension.js'), 'build the test extension first: node esbuild.js --tests'],
    [extensionTestsPath, 'build the tests first: node esbuild.js --tests'],
  ]) {
    if (!fs.existsSync(file)) {
      console.error(`${file} not found: ${hint}`);
      return 1;
    }
  }
  fs.chmodSync(shim, 0o755); // spawned directly by test-electron: it needs its executable bit

  // A fresh profile and workspace for every run (test-electron's default profile under .vscode-test/ persists).
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-integration-'));
  const workspace = path.join(scratch, 'workspace');
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(workspace, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# VairoSMS integration workspace\n');
  // The suites keep several report tabs open at once; the tab reuse (a preview tab) turns it on in its own test.
  // The test host writes these into the profile's settings.json (scripts/code-server-test-host.mjs).
  process.env.VAIROSMS_TEST_SETTINGS = JSON.stringify({
    ...(process.env.VAIROSMS_TEST_SETTINGS ? (JSON.parse(process.env.VAIROSMS_TEST_SETTINGS) as object) : {}),
    'vairosms.reports.reuseTab': false,
  });
  fs.writeFileSync(path.join(workspace, 'notes', 'numbers.txt'), '905321234567\n+90 532 123 45 67\n');
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: testExtension,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(scratch, 'extensions')}`],
      extensionTestsEnv: {
        VAIROSMS_TEST_WORKSPACE: workspace,
        VAIROSMS_REPO_ROOT: repoRoot,
        // the profile the host runs with: the secrets, history and panel tests scan its files (settings, logs,
        // globalState) for the key
        VAIROSMS_TEST_USER_DATA: userData,
        ...(process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {}),
      },
    });
    return 0;
  } catch (err) {
    console.error(`integration: test run failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
