// The deterministic size budgets of the production build (BENCHMARKS.md, row 6), read from the built files.
// scripts/test.mjs runs the unit layer after `node esbuild.js --production` and `vsce package`, so these measure
// exactly what ships. The budgets and the measuring code are shared with `npm run bench` (test/bench/budgets.ts).
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { formatBytes, measureSizes, type SizeReport } from '../bench/budgets';

// Bundled to out/unit/sizes.test.js: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');

describe('size budgets (production build)', () => {
  let report: SizeReport;
  before(() => {
    report = measureSizes(root);
  });

  it('measures a current production build and .vsix', () => {
    assert.deepEqual(report.problems, [], report.problems.join('; '));
  });

  for (const key of ['extension', 'main', 'reportWebview', 'sendWebview', 'batchWebview', 'mcp', 'vsix'] as const) {
    it(`${key}: within its budget`, () => {
      const item = report.items.find((i) => i.key === key);
      assert.ok(item, `no size item ${key}`);
      assert.ok(item.bytes > 0, `${item.label} is missing or empty`);
      const over = item.bytes - item.budget;
      assert.ok(
        over <= 0,
        `${item.label} is ${formatBytes(item.bytes)}, over its budget of ${formatBytes(item.budget)} by ${over.toLocaleString('en-US')} B (${((over / item.budget) * 100).toFixed(1)} %)`,
      );
    });
  }

  it('keeps node-fetch out of the activation bundle and the main bundle (only dist/http.js has it)', () => {
    const fetchPkgs = (list: string[]) =>
      list.filter((p) =>
        /node-fetch|fetch-blob|formdata-polyfill|web-streams-polyfill|data-uri-to-buffer|node-domexception/.test(p),
      );
    assert.deepEqual(
      fetchPkgs(report.extensionPackages),
      [],
      `dist/extension.js bundles ${report.extensionPackages.join(', ')}`,
    );
    assert.deepEqual(fetchPkgs(report.mainPackages), [], `dist/main.js bundles ${report.mainPackages.join(', ')}`);
    assert.ok(report.http.packages['node-fetch'] > 0, 'dist/http.js should contain node-fetch (per dist/meta.json)');
  });

  it('keeps the MCP SDK and zod out of the main bundle (only dist/mcp.js, a process of its own, has them)', () => {
    assert.deepEqual(
      report.mainPackages.filter((p) => /modelcontextprotocol|zod|ajv/.test(p)),
      [],
      `dist/main.js bundles ${report.mainPackages.join(', ')}`,
    );
  });

  it('the activation bundle contains no third-party package at all', () => {
    assert.deepEqual(report.extensionPackages, [], `dist/extension.js bundles ${report.extensionPackages.join(', ')}`);
  });
});
