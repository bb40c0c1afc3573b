// No import cycle in src (.dependency-cruiser.cjs, run by `npm test` before the build): the rule fires on a cycle of
// type-only imports as on any other, so it cannot stop matching unnoticed. And the MCP server (src/mcp/) reaches
// nothing of vscode, by any path (mcp-no-vscode).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from './l10nSetup';

function cruise(cwd: string): { code: number; out: string } {
  const bin = path.join(projectRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const args = [bin, 'src', '--config', path.join(projectRoot, '.dependency-cruiser.cjs')];
  try {
    return { code: 0, out: execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe('import cycles (.dependency-cruiser.cjs)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-cycle-'));
    fs.mkdirSync(path.join(dir, 'src', 'core', 'api'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
    fs.writeFileSync(path.join(dir, 'src/core/api/a.ts'), "import { b } from '../b';\nexport const a = () => b;\n");
    // the edge back is type-only, as the cycle this check was added for (envelope → errors → … → report → envelope)
    fs.writeFileSync(path.join(dir, 'src/core/b.ts'), "import type { X } from './c';\nexport const b: X = 1;\n");
    fs.writeFileSync(
      path.join(dir, 'src/core/c.ts'),
      "import { a } from './api/a';\nexport type X = ReturnType<typeof a>;\n",
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a cycle of three modules, one edge of it type-only', () => {
    const r = cruise(dir);
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /no-circular/);
  });

  it('refuses the MCP server reaching vscode through another module (mcp-no-vscode)', () => {
    const mcpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-mcp-'));
    try {
      fs.mkdirSync(path.join(mcpDir, 'src', 'mcp'), { recursive: true });
      fs.mkdirSync(path.join(mcpDir, 'src', 'services'), { recursive: true });
      fs.writeFileSync(path.join(mcpDir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
      fs.writeFileSync(
        path.join(mcpDir, 'src/mcp/server.ts'),
        "import { s } from '../services/settings';\nexport const m = s;\n",
      );
      fs.writeFileSync(
        path.join(mcpDir, 'src/services/settings.ts'),
        "import * as vscode from 'vscode';\nexport const s = vscode.workspace;\n",
      );
      const r = cruise(mcpDir);
      assert.notEqual(r.code, 0, r.out);
      assert.match(r.out, /mcp-no-vscode: src\/mcp\/server\.ts → vscode/);
    } finally {
      fs.rmSync(mcpDir, { recursive: true, force: true });
    }
  });

  it('the tree as it is: no cycle in src, and the MCP server reaches no vscode', () => {
    const r = cruise(projectRoot);
    assert.equal(r.code, 0, r.out);
  });
});
