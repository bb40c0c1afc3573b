// One launch of the real extension host for `npm run bench` (bundled to .bench/runHost.js; scripts/bench.mjs runs it
// once per launch and keeps its output in a log): @vscode/test-electron's runTests with VS Code replaced by the
// project's code-server test host, the test build as the development extension, and its bench/host.js as the tests
// module. The hello-world peer (.bench/hello-ext) is installed in the fresh profile's extensions folder instead of
// being a second extensionDevelopmentPath: code-server's web client reads its `?payload=` into a Map, so only the
// last extensionDevelopmentPath survives. Both activate on onStartupFinished in the same extension host.
//   node .bench/runHost.js <out.json> <activation|full>
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');

async function main(): Promise<number> {
  const [out, mode = 'full'] = process.argv.slice(2);
  if (!out) throw new Error('usage: node .bench/runHost.js <out.json> <activation|full>');
  const shim = path.join(root, 'scripts', 'code-server-test-host.mjs');
  fs.chmodSync(shim, 0o755); // spawned directly by test-electron
  const hello = path.join(root, '.bench', 'hello-ext');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-bench-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# VairoSMS bench workspace\n');
  // Rows 3b and 3c measure a new report tab for each lookup: no tab reuse (the preview tab) here. The test host
  // writes these into the profile's settings.json (scripts/code-server-test-host.mjs).
  process.env.VAIROSMS_TEST_SETTINGS = JSON.stringify({ 'vairosms.reports.reuseTab': false });
  const extensions = path.join(scratch, 'extensions');
  const manifest = JSON.parse(fs.readFileSync(path.join(hello, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  fs.cpSync(hello, path.join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), {
    recursive: true,
  });
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: path.join(root, 'out', 'test-extension'), // the test build (esbuild.js --tests)
      extensionTestsPath: path.join(root, 'out', 'test-extension', 'bench', 'host.js'),
      launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'user-data')}`, `--extensions-dir=${extensions}`],
      extensionTestsEnv: {
        BENCH_OUT: path.resolve(out),
        BENCH_MODE: mode,
        CODE_SERVER_TEST_TIMEOUT_MS:
          process.env.CODE_SERVER_TEST_TIMEOUT_MS ?? (mode === 'full' || mode === 'perceived' ? '600000' : '120000'),
      },
    });
    return 0;
  } catch (err) {
    console.error(`bench host: run failed: ${err instanceof Error ? err.message : String(err)}`);
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
