import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('localization', () => {
  it('translates every message and manifest string into Turkish, with matching placeholders, and the English bundle is current', () => {
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'l10n.mjs'), '--check'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const figures = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    assert.ok(figures.messages > 150 && figures.turkish === figures.messages && figures.problems === 0, r.stdout);
  });
});
