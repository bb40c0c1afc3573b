import { strict as assert } from 'node:assert';
import { claimAccepted, epochNow, markAccepted, RenderTimings, type RenderTiming } from '../../src/views/renderTimings';

const timing = (i: number): RenderTiming => ({
  newPanel: false,
  responseToRenderedMs: i,
  panelBeforeResponse: true,
  startedAt: 1,
  arrivedAt: 2,
  requestMs: 1,
});

describe('render timings (what the benchmark reads of a lookup on its way to the screen)', () => {
  it('gives an input box accept to the one lookup that claims it, and to no later one', () => {
    claimAccepted(); // whatever an earlier test left
    assert.equal(claimAccepted(), undefined, 'nothing accepted: a lookup started by code or a link has no accept');
    const before = epochNow();
    markAccepted();
    const at = claimAccepted();
    assert.ok(at !== undefined && at >= before && at <= epochNow(), 'the accept, in epoch ms');
    assert.equal(claimAccepted(), undefined, 'claimed once');
  });

  it('marks time in epoch milliseconds, the clock the webview marks in too', () => {
    assert.ok(Math.abs(epochNow() - Date.now()) < 1000);
  });

  it('keeps the last 200, oldest first, and counts every one', () => {
    const t = new RenderTimings();
    for (let i = 0; i < 205; i++) t.add(timing(i));
    assert.equal(t.list.length, 200);
    assert.equal(t.count, 205);
    assert.equal(t.list[0].responseToRenderedMs, 5);
    assert.equal(t.list[199].responseToRenderedMs, 204);
  });
});
