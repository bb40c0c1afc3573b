import { strict as assert } from 'node:assert';
import { parseFromWebview } from '../../src/shared/protocol/report';

describe('messages from the webview (allowlist)', () => {
  it('accepts exactly the known messages', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'copyJson' },
      { type: 'showRaw' },
      { type: 'copyAsCurl' },
      { type: 'watch' },
      { type: 'stopWatching' },
      { type: 'rendered', seq: 3 },
      { type: 'rendered', seq: 3, renderMs: 1.5 },
      { type: 'rendered', seq: 3, renderMs: 1.5, frameMs: 17.2 },
      {
        type: 'rendered',
        seq: 3,
        renderMs: 1.5,
        frameMs: 17.2,
        receivedAt: 1796185603874.2,
        paintedAt: 1796185603896.7,
      },
      { type: 'pageTiming', loadAt: 1796185655971.2, fcpAt: 1796185655979 },
      { type: 'errorAction', action: 'setApiKey' },
      { type: 'errorAction', action: 'retry' },
    ]) {
      assert.deepEqual(parseFromWebview(m), m);
    }
  });

  it('ignores unknown types, extra keys, wrong shapes and oversized payloads', () => {
    for (const m of [
      undefined,
      null,
      'ready',
      42,
      [],
      { type: 'exec', command: 'workbench.action.terminal.sendSequence' },
      { type: 'ready', extra: 1 },
      { type: 'rendered', seq: '3' },
      { type: 'rendered', seq: 1.5 },
      { type: 'rendered', seq: 1, renderMs: -1 },
      { type: 'rendered', seq: 1, renderMs: '2' },
      { type: 'rendered', seq: 1, frameMs: -3 },
      { type: 'rendered', seq: 1, frameMs: Infinity },
      { type: 'rendered', seq: 1, paintedAt: -1 },
      { type: 'rendered', seq: 1, receivedAt: '1796185603874' },
      { type: 'pageTiming', loadAt: 1796185655971 },
      { type: 'pageTiming', loadAt: 1796185655971, fcpAt: Number.NaN },
      { type: 'pageTiming', loadAt: 1796185655971, fcpAt: 1796185655979, seq: 1 },
      { type: 'errorAction', action: 'runCommand' },
      { type: 'errorAction', action: 'retry', command: 'x' },
      { type: 'refresh', pad: 'x'.repeat(10_000) },
      { type: 'rendered', seq: 1, big: 'x'.repeat(5000) },
    ]) {
      assert.equal(parseFromWebview(m), undefined, JSON.stringify(m)?.slice(0, 60));
    }
  });

  it('survives values that cannot be serialized', () => {
    const cyclic: Record<string, unknown> = { type: 'ready' };
    cyclic.self = cyclic;
    assert.equal(parseFromWebview(cyclic), undefined);
  });
});
