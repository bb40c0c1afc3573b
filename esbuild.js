// One build script for every bundle (VS Code's esbuild sample, vscode-eslint's two-context esbuild.js).
//   node esbuild.js               extension + http transport + MCP server + webview (development: source maps)
//   node esbuild.js --production  the same, minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change (the F5 task)
//   node esbuild.js --tests       only the test bundles (unit, integration, UI, sandbox) into out/
//   node esbuild.js --sandbox     only the sandbox server (npm run sandbox)
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Prints errors in the form the $esbuild-watch problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  minify: production,
  logLevel: 'silent',
  legalComments: 'none',
  plugins: [problemMatcher],
  // src/buildFlags.d.ts: only the test build of the extension (below) compiles in what this flag guards
  define: { VAIROSMS_TEST_BUILD: 'false' },
};

/** The activation shell, the features it loads on first use, and the HTTP transport the first lookup loads
 *  (node-fetch lives only in dist/http.js). */
const host = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', main: 'src/main.ts', http: 'src/services/http.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  metafile: true,
};

/** The MCP server (src/mcp/server.ts, `node dist/mcp.js`): a program of its own, never loaded by the extension host,
 *  so it bundles everything it needs (the MCP SDK, zod, node-fetch) and runs with no node_modules beside it. Always
 *  minified: the SDK alone is over a megabyte otherwise (test/bench/budgets.ts has its budget). */
/** zod re-exports every locale as the namespace `locales` (about 260 KB minified), which nothing in the server reads;
 *  zod's own English messages come from locales/en.js, imported directly, and stay. */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(a.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
const mcp = {
  ...common,
  plugins: [...common.plugins, zodWithoutLocales],
  minify: true,
  sourcemap: false,
  entryPoints: { mcp: 'src/mcp/server.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

/** The webview pages, one entry point each (src/webview/<page>.ts) and their stylesheet: browser code, their own
 *  folder is the panels' only local resource root. */
const webview = {
  ...common,
  entryPoints: ['src/webview/report.ts', 'src/webview/send.ts', 'src/webview/batch.ts', 'src/webview/main.css'],
  outdir: 'dist/webview',
  entryNames: '[name]',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

/** The extension as the integration tests and the bench run it: the same bundles, minified like the packaged ones,
 *  with the test surface (test/surface/) compiled in, in a folder of its own (out/test-extension) beside copies of
 *  the manifest, its translations and media. dist/ and the .vsix never hold it (test/unit/sizes.test.ts). */
const TEST_EXTENSION = 'out/test-extension';
const testHost = {
  ...host,
  minify: true,
  sourcemap: false,
  metafile: false,
  outdir: `${TEST_EXTENSION}/dist`,
  define: { VAIROSMS_TEST_BUILD: 'true' },
};
const testMcp = { ...mcp, outdir: `${TEST_EXTENSION}/dist` };
const testWebview = {
  ...webview,
  minify: true,
  sourcemap: false,
  outdir: webview.outdir.replace(/^dist/, `${TEST_EXTENSION}/dist`),
};

function layOutTestExtension() {
  fs.rmSync(TEST_EXTENSION, { recursive: true, force: true });
  fs.mkdirSync(TEST_EXTENSION, { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'package.nls.tr.json', 'LICENSE', 'README.md', 'CHANGELOG.md']) {
    fs.copyFileSync(f, path.join(TEST_EXTENSION, f));
  }
  for (const d of ['l10n', 'media']) fs.cpSync(d, path.join(TEST_EXTENSION, d), { recursive: true });
}

const testFiles = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => /\.test\.ts$/.test(f))
        .map((f) => path.join(dir, f))
    : [];

const tests = [
  {
    // plain-Node mocha over src/core and the HTTP service (node-fetch bundled in, so the ESM package loads)
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: testFiles('test/unit'),
    outdir: 'out/unit',
    outbase: 'test/unit',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['mocha', 'eslint'],
  },
  {
    // mocha inside the real extension host
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: ['test/integration/index.ts', 'test/integration/runTest.ts', ...testFiles('test/integration')],
    // inside the test extension's folder: VS Code gives a module the API object of the extension whose folder holds
    // it, so the tests' stubs of vscode.window reach the extension only from there
    outdir: `${TEST_EXTENSION}/integration`,
    outbase: 'test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
  {
    // Playwright specs driving code-server like a user
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: testFiles('test/ui'),
    outdir: 'out/ui',
    outbase: 'test/ui',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['mocha', 'playwright-core'],
  },
];

const sandbox = {
  ...common,
  sourcemap: 'inline',
  minify: false,
  entryPoints: { cli: 'test/sandbox/cli.ts' },
  outdir: 'out/sandbox',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

async function main() {
  let configs;
  if (args.has('--sandbox')) configs = [sandbox];
  else if (args.has('--tests')) {
    configs = [testHost, testMcp, testWebview, ...tests, sandbox];
    layOutTestExtension();
  } else configs = [host, mcp, webview];
  configs = configs.filter((c) => !Array.isArray(c.entryPoints) || c.entryPoints.length > 0);
  // A fresh dist/ for a one-off build, so no stale file (a source map of another mode) lingers beside the bundles.
  if (!watch && configs.includes(host)) fs.rmSync('dist', { recursive: true, force: true });
  // Likewise fresh test bundles: a test file that was deleted or renamed must not keep running from out/.
  if (!watch && configs.includes(tests[0])) {
    for (const dir of ['out/unit', 'out/ui']) fs.rmSync(dir, { recursive: true, force: true });
  }
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    try {
      const result = await ctx.rebuild();
      if (result.metafile) fs.writeFileSync(path.join('dist', 'meta.json'), JSON.stringify(result.metafile));
    } catch {
      failed = true;
    }
    await ctx.dispose();
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
