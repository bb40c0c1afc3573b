import { strict as assert } from 'node:assert';
import {
  claimAccepted,
  epochNow,
  markAccepted,
  MAX_ACCEPT_AGE_MS,
  renderTiming,
  RenderTimings,
  type RenderTiming,
} from '../../../src/instrumentation/renderTimings';

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

  it("gives no lookup an accept older than a few seconds (a prompt left with Esc, another command's prompt)", () => {
    markAccepted();
    assert.equal(claimAccepted(epochNow() + MAX_ACCEPT_AGE_MS + 1), undefined, "too old: not this lookup's Enter");
    assert.equal(claimAccepted(), undefined, 'and it is gone');
    markAccepted();
    assert.notEqual(claimAccepted(epochNow() + MAX_ACCEPT_AGE_MS - 100), undefined, 'within the bound');
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

  it("carries a page's marks only when the page was created for the lookup, and its Enter when it had one", () => {
    const t0 = epochNow();
    const answer = { arrivedAt: performance.now(), result: { durationMs: 12 } };
    const freshPage = { createdAt: t0 + 5 };
    const t = renderTiming(true, freshPage, { acceptedAt: t0 - 20, startedAt: t0 }, answer, { paintedAt: t0 + 40 });
    assert.equal(t.page, freshPage, 'by reference: a first paint reported later is read with it');
    assert.equal(t.acceptedAt, t0 - 20);
    assert.equal(t.startedAt, t0);
    assert.equal(t.requestMs, 12);
    assert.equal(t.paintedAt, t0 + 40);
    assert.ok(t.arrivedAt >= t0 && t.responseToRenderedMs >= 0);
    const reused = renderTiming(false, { createdAt: t0 - 60_000 }, { startedAt: t0 }, answer, undefined);
    assert.equal(reused.page, undefined, 'a tab that was already open: no boot of its own');
    assert.equal(reused.acceptedAt, undefined, 'a lookup without an Enter (a link, a Refresh)');
    assert.equal(reused.panelBeforeResponse, true);
  });
});
