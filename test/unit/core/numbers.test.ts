// Numbers a user reads are written in the display language (Turkish: a decimal comma and a dot between thousands),
// and a sentence that counts has a singular: "1 number", never "1 numbers".
import { strict as assert } from 'node:assert';
import { describeError } from '../../../src/core/api/errors';
import { batchModel } from '../../../src/core/batch/batchModel';
import { countItems, type BatchItem } from '../../../src/core/batch/batchRun';
import { formatNumber, plural } from '../../../src/core/numbers';
import { formatDuration } from '../../../src/core/providerTime';
import { loadingModel } from '../../../src/core/report/reportModel';
import { useEnglish, useTurkish } from '../l10nSetup';

function finishedBatch(lang: string, total: number, durationMs: number) {
  const items: BatchItem[] = Array.from({ length: total }, (_, i) => ({
    number: String(5320000000 + i),
    index: i,
    status: 'ok' as const,
    lookups: 1,
    startedAt: 0,
    finishedAt: 1,
    result: {
      ok: true as const,
      report: { status: 'DELIVERED', number: String(5320000000 + i) },
      raw: {},
      httpStatus: 200,
      attempts: 1,
      durationMs: 1,
    },
  }));
  return batchModel({
    id: 'b',
    sendId: '500',
    seq: 1,
    lang,
    state: 'done',
    result: { items, cancelled: false, counts: countItems(items), durationMs, maxConcurrency: 1 },
    total,
    invalid: [],
    sort: { key: 'line', dir: 'asc' },
  });
}

describe('numbers in the display language', () => {
  afterEach(useEnglish);

  it('writes thousands and decimals as English and Turkish do, and falls back on an unknown language', () => {
    assert.equal(formatNumber(10_000, 'en'), '10,000');
    assert.equal(formatNumber(10_000, 'tr'), '10.000');
    assert.equal(formatNumber(3.4, 'en', 1), '3.4');
    assert.equal(formatNumber(3.4, 'tr', 1), '3,4');
    assert.equal(formatNumber(3, 'tr', 1), '3', 'no ",0" on a whole number');
    assert.equal(formatNumber(3.46, 'tr'), '3', 'whole unless asked for decimals');
    assert.equal(formatNumber(1234, 'not a language!'), '1,234');
  });

  it("a batch's duration: 3.4 s in English, 3,4 sn in Turkish; its count with a singular", () => {
    assert.equal(finishedBatch('en', 2, 3_400).subtitle, '2 numbers looked up in 3.4 s.');
    assert.equal(finishedBatch('en', 1, 3_400).subtitle, '1 number looked up in 3.4 s.');
    assert.equal(finishedBatch('en', 1, 3_400).title, 'Send 500: 1 number');
    useTurkish();
    assert.equal(finishedBatch('tr', 2, 3_400).subtitle, '2 numara 3,4 sn içinde sorgulandı.');
    assert.equal(finishedBatch('tr', 1, 3_400).title, 'Gönderim 500: 1 numara');
  });

  it('durations: the compact form, its digits in the display language', () => {
    const days = 1500 * 24 * 3600e3;
    assert.equal(formatDuration(days, 'en'), '1,500 d');
    useTurkish();
    assert.equal(formatDuration(125_000, 'tr'), '2 dk 5 sn');
    assert.match(formatDuration(days, 'tr'), /^1\.500 /);
  });

  it("an error's wait: a decimal hour with a comma in Turkish", () => {
    const wait = { kind: 'rate-limited' as const, httpStatus: 429, retryAfterSeconds: 9000 };
    assert.match(describeError(wait, 'en').message, /asks to wait 2\.5 h\./);
    useTurkish();
    assert.match(describeError(wait, 'tr').message, /2,5 sa/);
  });

  it('the wait before asking again says "1 second", not "1 seconds"', () => {
    const ctx = { seq: 1, lang: 'en', now: 1_000_000 };
    assert.equal(
      loadingModel(ctx, '187', '5399999999', undefined, ctx.now + 1_000).announcement,
      'VairoSMS asked to wait; asking again by itself in 1 second.',
    );
    assert.equal(
      loadingModel(ctx, '187', '5399999999', undefined, ctx.now + 2_000).announcement,
      'VairoSMS asked to wait; asking again by itself in 2 seconds.',
    );
  });

  it('plural picks the singular for exactly one', () => {
    assert.deepEqual(
      [0, 1, 2, 21].map((n) => plural(n, 'one', 'other')),
      ['other', 'one', 'other', 'other'],
    );
  });
});
