// package.json, the Commands table of src/constants.ts and the two manifest string files agree: every contributed
// command is in the table and the other way round, every title is a localized string in English and Turkish, and
// every menu entry names a contributed command. (That every command has a handler, and no handler is orphaned, is
// checked in the real extension host: test/integration/activation.test.ts.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands } from '../../src/constants';

// Bundled to out/unit/manifest.test.js: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}
interface Manifest {
  contributes: {
    commands: ContributedCommand[];
    menus: Record<string, Array<{ command?: string; submenu?: string }>>;
  };
}

describe('manifest consistency (package.json, src/constants.ts, package.nls*.json)', () => {
  const manifest = read('package.json') as unknown as Manifest;
  const en = read('package.nls.json') as Record<string, string>;
  const tr = read('package.nls.tr.json') as Record<string, string>;
  const contributed = manifest.contributes.commands.map((c) => c.command);
  /** Ids starting with "_" are internal: called by our own code, never shown to users. */
  const publicIds = Object.values(Commands).filter((id) => !id.startsWith('_'));

  it('every contributed command is in the Commands table, and every public id there is contributed', () => {
    assert.deepEqual([...contributed].sort(), [...publicIds].sort());
    assert.equal(new Set(contributed).size, contributed.length, 'no command is contributed twice');
  });

  it('internal ids are not contributed', () => {
    for (const id of Object.values(Commands).filter((i) => i.startsWith('_'))) assert.ok(!contributed.includes(id), id);
  });

  it('every command has a localized title in English and Turkish, and the VairoSMS category', () => {
    for (const c of manifest.contributes.commands) {
      const m = /^%(.+)%$/.exec(c.title);
      assert.ok(m, `${c.command}: the title ${JSON.stringify(c.title)} is not a %key% of package.nls.json`);
      const key = m[1];
      assert.ok(en[key]?.trim(), `${c.command}: no English title (${key})`);
      assert.ok(tr[key]?.trim(), `${c.command}: no Turkish title (${key})`);
      assert.equal(c.category, 'VairoSMS', `${c.command}: category`);
    }
  });

  it('every menu entry names a contributed command', () => {
    const entries = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
      items.map((item) => ({ menu, command: item.command })),
    );
    assert.ok(entries.length > 20, `${entries.length} menu entries`);
    const unknown = entries.filter((e) => e.command !== undefined && !contributed.includes(e.command));
    assert.deepEqual(unknown, []);
  });

  it('every manifest string is used, and every one used exists (no stale or missing %key%)', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
    assert.deepEqual(
      [...used].filter((k) => !(k in en)),
      [],
      'used but not in package.nls.json',
    );
    assert.deepEqual(
      Object.keys(en).filter((k) => !used.has(k)),
      [],
      'in package.nls.json but used nowhere',
    );
  });
});

describe('what the .vsix ships (.vscodeignore)', () => {
  it("every webview page's bundle that esbuild.js builds, and the stylesheet, are shipped", () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    const pages = [
      ...fs.readFileSync(path.join(root, 'esbuild.js'), 'utf8').matchAll(/'src\/webview\/(\w+)\.ts'/g),
    ].map((m) => m[1]);
    assert.deepEqual(pages.sort(), ['batch', 'report', 'send'], 'the entry points of esbuild.js');
    for (const file of [...pages.map((p) => `dist/webview/${p}.js`), 'dist/webview/main.css'])
      assert.ok(ignore.includes(`!${file}`), `.vscodeignore keeps ${file} out of the .vsix`);
  });
});
