// No test code in the shipped product (#22): the packaged bundles (dist/, what .vscodeignore lets into the .vsix) hold
// none of the test surface, which only the test build (out/test-extension, esbuild.js --tests) compiles in. The same
// markers are looked for in the test build, so a marker that stops meaning "the test surface is here" fails too.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './l10nSetup';

/** Strings only the test surface brings: its command prefix, its registration, its methods, the hook it reads. */
const MARKERS = ['_vairosms.test.', 'registerTestSurface', 'setStoredHistory', 'shiftWatchClock', '.expose'];

function bundles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(dir, f));
}

function markersIn(files: string[]): string[] {
  return files.flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return MARKERS.filter((m) => text.includes(m)).map((m) => `${path.relative(projectRoot, f)}: ${m}`);
  });
}

describe('test code stays out of the product', () => {
  it('the packaged bundles (dist/) hold none of the test surface', () => {
    const files = bundles(path.join(projectRoot, 'dist'));
    assert.ok(
      files.some((f) => f.endsWith(path.join('dist', 'extension.js'))),
      'build dist/ first',
    );
    assert.deepEqual(markersIn(files), []);
  });

  it('the test build (out/test-extension) does: every marker is found there', () => {
    const files = bundles(path.join(projectRoot, 'out', 'test-extension', 'dist'));
    const found = new Set(markersIn(files).map((m) => m.slice(m.lastIndexOf(': ') + 2)));
    assert.deepEqual(
      MARKERS.filter((m) => !found.has(m)),
      [],
    );
  });

  it('the .vsix lets in only dist/ bundles, never out/ or test/', () => {
    const allowed = fs
      .readFileSync(path.join(projectRoot, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'));
    assert.deepEqual(
      allowed.filter((l) => /^!(out|test|src)\//.test(l) || /^!\*\*/.test(l)),
      [],
    );
  });
});
