// The layer rules of docs/architecture.md, as eslint.config.mjs enforces them: each forbidden import is reported in the
// layer it is forbidden in (so a rule that stops matching fails here), and the same import passes where it is allowed.
// Then the real tree: no file under src/ imports up a layer, and none under src/, test/ or scripts/ is longer than
// 400 lines.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// Bundled to out/unit/layers.test.js: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

describe('layer rules (eslint.config.mjs)', function () {
  this.timeout(60_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** The messages of the import rule for `code` linted as if it were the file `file`. */
  async function importProblems(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages
      .filter(
        (m) =>
          m.ruleId === RULE ||
          m.ruleId === 'no-restricted-globals' ||
          m.ruleId === 'no-restricted-properties' ||
          m.ruleId === 'no-restricted-syntax',
      )
      .map((m) => m.message);
  }

  const cases: Array<{ file: string; code: string; why: string }> = [
    { file: 'src/core/x.ts', code: "import * as vscode from 'vscode';\nexport const a = vscode;", why: 'core: vscode' },
    {
      file: 'src/shared/x.ts',
      code: "import * as vscode from 'vscode';\nexport const a = vscode;",
      why: 'shared: vscode',
    },
    {
      file: 'src/core/x.ts',
      code: "import { Log } from '../services/log';\nexport const a = Log;",
      why: 'core: services',
    },
    {
      file: 'src/core/report/x.ts',
      code: "import { Log } from '../../services/log';\nexport const a = Log;",
      why: 'core, a feature folder: services',
    },
    { file: 'src/core/x.ts', code: "import * as fs from 'fs';\nexport const a = fs;", why: 'core: fs' },
    { file: 'src/core/x.ts', code: "export const a = fetch('x');", why: 'core: fetch' },
    {
      file: 'src/shared/x.ts',
      code: "import { a as b } from '../core/phone';\nexport const a = b;",
      why: 'shared: core',
    },
    {
      file: 'src/shared/protocol/x.ts',
      code: "import { a as b } from '../../core/phone';\nexport const a = b;",
      why: 'a page protocol: core',
    },
    {
      file: 'src/shared/protocol/x.ts',
      code: "import { a as b } from '../../views/webviewChannel';\nexport const a = b;",
      why: 'a page protocol: views',
    },
    {
      file: 'src/services/x.ts',
      code: "import { ReportPanels } from '../views/reportPanels';\nexport const a = ReportPanels;",
      why: 'services: views',
    },
    {
      file: 'src/services/x.ts',
      code: "import { type CommandDeps } from '../commands/deps';\nexport type A = CommandDeps;",
      why: 'services: commands (even a type)',
    },
    {
      file: 'src/views/x.ts',
      code: "import { promptLookup } from '../commands/prompts';\nexport const a = promptLookup;",
      why: 'views: commands',
    },
    {
      file: 'src/commands/x.ts',
      code: "import { createMain } from '../main';\nexport const a = createMain;",
      why: 'commands: the composition root',
    },
    {
      file: 'src/extension.ts',
      code: "import { ReportPanels } from './views/reportPanels';\nexport const a = ReportPanels;",
      why: 'activation shell: a view',
    },
    {
      file: 'src/webview/x.ts',
      code: "import { describeStatus } from '../core/report/statuses';\nexport const a = describeStatus;",
      why: 'webview: core',
    },
    {
      file: 'src/services/x.ts',
      code: "import { epochNow } from '../instrumentation/renderTimings';\nexport const a = epochNow;",
      why: 'a timing mark taken outside the places that take them',
    },
    {
      file: 'src/views/x.ts',
      code: "import { createTestSeam } from '../../test/surface/seam';\nexport const a = createTestSeam;",
      why: 'test code in src',
    },
    {
      file: 'src/commands/x.ts',
      code: "import * as vscode from 'vscode';\nexport const a = (t: string) => vscode.window.showErrorMessage(t);",
      why: 'a notification shown anywhere but src/views/notify.ts',
    },
    {
      file: 'src/mcp/x.ts',
      code: "import type * as vscode from 'vscode';\nexport type A = vscode.Uri;",
      why: 'the MCP server: vscode, even a type',
    },
    {
      file: 'src/mcp/x.ts',
      code: "import * as settings from '../services/settings';\nexport const a = settings;",
      why: 'the MCP server: a service other than the transport',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.why}`, async () => {
      const problems = await importProblems(c.file, c.code);
      assert.equal(problems.length, 1, `${c.file}: ${JSON.stringify(problems)}`);
    });
  }

  const allowed: Array<{ file: string; code: string; why: string }> = [
    {
      file: 'src/commands/x.ts',
      code: "import { ReportPanels } from '../views/reportPanels';\nexport const a = ReportPanels;",
      why: 'commands: views',
    },
    {
      file: 'src/views/x.ts',
      code: "import { Log } from '../services/log';\nexport const a = Log;",
      why: 'views: services',
    },
    {
      file: 'src/core/x.ts',
      code: "import { type ReportModel } from '../shared/protocol/report';\nimport type * as vscode from 'vscode';\nexport type A = [ReportModel, vscode.Uri];",
      why: 'core: shared, and a type import of vscode',
    },
    {
      file: 'src/core/report/x.ts',
      code: "import { cutText } from '../api/caps';\nimport { own } from '../ownText';\nexport const a = [cutText, own];",
      why: 'core, a feature folder: another feature and the core root',
    },
    {
      file: 'src/shared/protocol/x.ts',
      code: "import { allowlist } from './common';\nexport const a = allowlist;",
      why: 'a page protocol: the common one',
    },
    {
      file: 'src/extension.ts',
      code: "import type { Main } from './main';\nexport type A = Main;",
      why: 'activation shell: a type from the features',
    },
    {
      file: 'src/webview/x.ts',
      code: "import { type ReportModel } from '../shared/protocol/report';\nexport type A = ReportModel;",
      why: 'webview: shared',
    },
    {
      file: 'src/views/reportPanels.ts',
      code: "import { epochNow } from '../instrumentation/renderTimings';\nexport const a = epochNow;",
      why: 'a timing mark where the report panels take it',
    },
    {
      file: 'src/views/notify.ts',
      code: "import * as vscode from 'vscode';\nexport const a = (t: string) => vscode.window.showErrorMessage(t);",
      why: 'a notification shown in src/views/notify.ts',
    },
    {
      file: 'src/mcp/x.ts',
      code: "import { transport } from '../services/http';\nimport { TOOL_NAMES } from '../constants';\nexport const a = [transport, TOOL_NAMES];",
      why: 'the MCP server: the transport and the constants',
    },
  ];
  for (const c of allowed) {
    it(`allows ${c.why}`, async () => {
      assert.deepEqual(await importProblems(c.file, c.code), []);
    });
  }

  it('the tree as it is: no import up a layer, and no source file over 400 lines', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const up = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(root, r.filePath)}: ${m.message}`),
    );
    assert.deepEqual(up, []);
    const long = results
      .map((r) => ({
        file: path.relative(root, r.filePath),
        lines: fs.readFileSync(r.filePath, 'utf8').replace(/\n$/, '').split('\n').length,
      }))
      .filter((f) => f.lines > 400);
    assert.deepEqual(long, [], 'split a file whose header lists more than one job');
    assert.ok(results.length > 40, `linted ${results.length} files`);
  });

  it('the tree as it is: no file under test/ or scripts/ over 400 lines either', () => {
    const code = /\.(ts|js|mjs|cjs)$/;
    const files = ['test', 'scripts'].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true })
        .map((f) => path.join(dir, String(f)))
        .filter((f) => code.test(f) && !f.split(path.sep).includes('node_modules')),
    );
    const long = files
      .map((file) => ({
        file,
        lines: fs.readFileSync(path.join(root, file), 'utf8').replace(/\n$/, '').split('\n').length,
      }))
      .filter((f) => f.lines > 400)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(
      long,
      [],
      'the 400-line cap holds for tests and scripts too: split a spec by what it specifies (its describe blocks into ' +
        'files named for their subject, the shared setup into a module beside them), a script into its parts',
    );
    assert.ok(files.length > 60, `read ${files.length} files`);
  });
});
