// The allowlists of src/shared/protocol/: each page accepts exactly its own messages (shape, exact keys, size), and
// none of another page's.
import { strict as assert } from 'node:assert';
import { parseFromBatchWebview } from '../../src/shared/protocol/batch';
import { MAX_MESSAGE_BYTES } from '../../src/shared/protocol/common';
import { parseFromReportWebview as parseFromWebview } from '../../src/shared/protocol/report';
import { parseFromSendWebview } from '../../src/shared/protocol/send';

const PARSERS = { report: parseFromWebview, send: parseFromSendWebview, batch: parseFromBatchWebview };

describe('messages from the report webview (allowlist)', () => {
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
      { type: 'keep' },
      { type: 'errorAction', action: 'setApiKey' },
      { type: 'errorAction', action: 'retry' },
      { type: 'errorAction', action: 'showLog' },
      { type: 'errorAction', action: 'openSettings' },
      { type: 'errorAction', action: 'tryOtherForm' },
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
      { type: 'constructor' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'hasOwnProperty' },
      // the send and batch pages' messages
      { type: 'openLookup', number: '905321234567' },
      { type: 'sort', key: 'status' },
      { type: 'openRow', index: 0 },
      { type: 'exportCsv' },
      { type: 'exportJson' },
      { type: 'cancel' },
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

describe('messages from the send webview (allowlist)', () => {
  it('accepts exactly its own messages', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'rendered', seq: 3 },
      { type: 'openLookup', number: '905321234567' },
      { type: 'openLookup', number: '5321234' },
    ]) {
      assert.deepEqual(parseFromSendWebview(m), m);
    }
  });

  it("refuses wrong shapes, extra keys, timings, oversized payloads, and the report and batch pages' messages", () => {
    for (const m of [
      undefined,
      'refresh',
      { type: 'refresh', extra: 1 },
      { type: 'openLookup' },
      { type: 'openLookup', number: 905321234567 },
      { type: 'openLookup', number: '123456' },
      { type: 'openLookup', number: '1234567890123456' },
      { type: 'openLookup', number: '90532?api_key=x' },
      { type: 'openLookup', number: '905321234567', sendId: '187' },
      { type: 'rendered', seq: '1' },
      { type: 'rendered', seq: 3, renderMs: 1.5 },
      { type: 'pageTiming', loadAt: 1796185655971.2, fcpAt: 1796185655979 },
      { type: 'refresh', pad: 'x'.repeat(MAX_MESSAGE_BYTES) },
      { type: 'copyJson' },
      { type: 'showRaw' },
      { type: 'copyAsCurl' },
      { type: 'watch' },
      { type: 'stopWatching' },
      { type: 'keep' },
      { type: 'errorAction', action: 'retry' },
      { type: 'sort', key: 'status' },
      { type: 'openRow', index: 0 },
      { type: 'cancel' },
    ]) {
      assert.equal(parseFromSendWebview(m), undefined, JSON.stringify(m)?.slice(0, 60));
    }
  });
});

describe('messages from the batch webview (allowlist)', () => {
  it('accepts exactly its own messages', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'rendered', seq: 3 },
      { type: 'exportCsv' },
      { type: 'exportJson' },
      { type: 'cancel' },
      ...['line', 'number', 'status', 'time', 'error'].map((key) => ({ type: 'sort', key })),
      { type: 'openRow', index: 0 },
      { type: 'openRow', index: 9999 },
    ]) {
      assert.deepEqual(parseFromBatchWebview(m), m);
    }
  });

  it("refuses wrong shapes, extra keys, timings, oversized payloads, and the other pages' messages", () => {
    for (const m of [
      null,
      [],
      { type: 'cancel', now: true },
      { type: 'rendered', seq: 3, renderMs: 1.5 },
      { type: 'rendered', seq: '3' },
      { type: 'rendered', seq: 1.5 },
      { type: 'sort', key: 'price' },
      { type: 'sort', key: 'status', dir: 'desc' },
      { type: 'sort' },
      { type: 'openRow', index: -1 },
      { type: 'openRow', index: 1.5 },
      { type: 'openRow', index: '1' },
      { type: 'exportCsv', path: '/etc/passwd' },
      { type: 'cancel', pad: 'x'.repeat(MAX_MESSAGE_BYTES) },
      { type: 'pageTiming', loadAt: 1796185655971.2, fcpAt: 1796185655979 },
      { type: 'refresh' },
      { type: 'errorAction', action: 'retry' },
      { type: 'openLookup', number: '905321234567' },
    ]) {
      assert.equal(parseFromBatchWebview(m), undefined, JSON.stringify(m)?.slice(0, 60));
    }
  });
});

describe('every page', () => {
  it('takes the ready handshake and refuses a cyclic value, a type on Object.prototype and an unknown type', () => {
    const cyclic: Record<string, unknown> = { type: 'ready' };
    cyclic.self = cyclic;
    for (const [page, parse] of Object.entries(PARSERS)) {
      assert.deepEqual(parse({ type: 'ready' }), { type: 'ready' }, page);
      assert.equal(parse(cyclic), undefined, page);
      for (const type of ['constructor', '__proto__', 'valueOf', 'render', 'exec'])
        assert.equal(parse({ type }), undefined, `${page}: ${type}`);
    }
  });
});
