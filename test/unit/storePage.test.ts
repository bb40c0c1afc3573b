// The store page (#23), as packaged: the README and changelog inside vairosms-reports.vsix (scripts/test.mjs runs
// the unit layer after `vsce package`) link and show only what the details page can open. That the page really
// shows the pictures is test/ui/detailsPage.test.ts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPng, isWebAddress, markdownTargets, pictureBase, pictureFile, readZipEntry } from '../storePage';

// Bundled to out/unit/storePage.test.js: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');
const vsix = path.join(root, 'vairosms-reports.vsix');

function packaged(name: string): string {
  const data = readZipEntry(vsix, `extension/${name}`);
  assert.ok(data, `vairosms-reports.vsix has no extension/${name}`);
  return data.toString('utf8');
}

describe('the store page as packaged (README and changelog in the .vsix)', () => {
  for (const name of ['readme.md', 'changelog.md']) {
    it(`${name} links and shows web addresses only, no path relative to the repository`, () => {
      const relative = markdownTargets(packaged(name)).filter((t) => !isWebAddress(t));
      assert.deepEqual(relative, [], `the details page cannot open these: ${relative.map((t) => t.target).join(', ')}`);
    });
  }

  it("every picture of the packaged README is a PNG of the repository, at the repository's https address", () => {
    const images = markdownTargets(packaged('readme.md')).filter((t) => t.image);
    assert.ok(images.length > 0, 'the packaged README shows no picture');
    for (const { target } of images) {
      const file = pictureFile(root, target);
      assert.ok(file, `${target} is no file of the repository under ${pictureBase(root)}`);
      assert.ok(isPng(file), `${path.relative(root, file)} is not a PNG`);
    }
  });

  it('the packaged README shows every picture of README.md, in the same order', () => {
    const source = markdownTargets(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))
      .filter((t) => t.image)
      .map((t) => new URL(t.target, pictureBase(root)).href);
    const shipped = markdownTargets(packaged('readme.md'))
      .filter((t) => t.image)
      .map((t) => t.target);
    assert.deepEqual(shipped, source);
  });

  it('the packaged changelog is CHANGELOG.md as written (vsce links no "#187" to an issue: it is a send ID there)', () => {
    assert.equal(packaged('changelog.md'), fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'));
  });

  it("no packaging command turns off vsce's link rewriting, which also rejects pictures it cannot make https", () => {
    const commands = [
      (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
        .scripts.package,
      ...['scripts/test.mjs', 'scripts/demo.mjs', 'scripts/bench/run.mjs'].map((f) =>
        fs.readFileSync(path.join(root, f), 'utf8'),
      ),
    ];
    for (const text of commands) assert.doesNotMatch(text, /--no-rewrite-relative-links/);
  });
});
