// The webview channel every panel composes (src/views/webviewChannel.ts), against a fake webview in plain Node: the
// ready handshake, one post per turn of the event loop of the latest model, the acks with their timings, back-pressure
// for the batch, and the allowlist with its log line.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { type Log } from '../../src/services/log';
import { parseFromBatchWebview, type BatchModel, type FromBatchWebview } from '../../src/shared/protocol/batch';
import { parseFromReportWebview, type FromReportWebview, type ReportModel } from '../../src/shared/protocol/report';
import { parseFromSendWebview, type FromSendWebview, type SendModel } from '../../src/shared/protocol/send';
import { WebviewChannel, type PageMessage } from '../../src/views/webviewChannel';

/** A webview that records what is posted, and delivers what its page would post. */
function fakeWebview() {
  const posted: Array<{ type: string; model: { seq: number } }> = [];
  let listener: ((data: unknown) => void) | undefined;
  const webview = {
    postMessage: (m: { type: string; model: { seq: number } }) => {
      posted.push(m);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (l: (data: unknown) => void) => {
      listener = l;
      return { dispose: () => (listener = undefined) };
    },
  } as unknown as vscode.Webview;
  return { webview, posted, from: (data: unknown) => listener?.(data), listening: () => listener !== undefined };
}

function fakeLog() {
  const warnings: string[] = [];
  return { log: { warn: (m: string) => warnings.push(m) } as unknown as Log, warnings };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sendModel = (seq: number) => ({ v: 1, kind: 'send', seq }) as unknown as SendModel;

const reportModel = (seq: number) => ({ v: 1, kind: 'report', seq }) as unknown as ReportModel;

/** The report page's channel: its acks and page marks carry timings. */
function reportChannel() {
  const w = fakeWebview();
  const { log } = fakeLog();
  const actions: Array<PageMessage<FromReportWebview>> = [];
  const channel = new WebviewChannel<ReportModel, FromReportWebview>({
    webview: w.webview,
    page: 'report',
    parse: parseFromReportWebview,
    onMessage: (m) => actions.push(m),
    log,
  });
  return { channel, ...w, actions };
}

function sendChannel(options: { onReady?: () => void } = {}) {
  const w = fakeWebview();
  const { log, warnings } = fakeLog();
  const actions: Array<PageMessage<FromSendWebview>> = [];
  const channel = new WebviewChannel<SendModel, FromSendWebview>({
    webview: w.webview,
    page: 'send',
    parse: parseFromSendWebview,
    onMessage: (m) => actions.push(m),
    log,
    ...options,
  });
  return { channel, ...w, warnings, actions };
}

describe('webview channel (src/views/webviewChannel.ts)', () => {
  it('posts nothing before the page is ready, then the latest model at once', () => {
    const { channel, posted, from } = sendChannel();
    void channel.show(sendModel(1));
    void channel.show(sendModel(2));
    assert.equal(posted.length, 0);
    from({ type: 'ready' });
    assert.deepEqual(
      posted.map((p) => [p.type, p.model.seq]),
      [['render', 2]],
    );
    assert.ok(channel.page.readyAt !== undefined && channel.page.readyAt >= channel.page.createdAt);
  });

  it('posts once per turn of the event loop, the latest model', async () => {
    const { channel, posted, from } = sendChannel();
    from({ type: 'ready' });
    void channel.show(sendModel(1));
    void channel.show(sendModel(2));
    void channel.show(sendModel(3));
    assert.equal(posted.length, 0, 'not in the same turn');
    await turn();
    assert.deepEqual(
      posted.map((p) => p.model.seq),
      [3],
    );
    assert.equal(channel.latest?.seq, 3);
  });

  it('resolves a model once the page acks it or a later one, with the timings of its own ack', async () => {
    const { channel, from } = reportChannel();
    from({ type: 'ready' });
    const first = channel.show(reportModel(1));
    const second = channel.show(reportModel(2));
    await turn();
    from({ type: 'rendered', seq: 2, renderMs: 1.5, frameMs: 16 });
    assert.equal(await first, undefined, 'a later model painted: no timings of its own');
    const t = await second;
    assert.equal(t?.renderMs, 1.5);
    assert.equal(t?.frameMs, 16);
    assert.ok(typeof t?.postedAt === 'number', 'when it was posted');
  });

  it("keeps the page's load and first paint, once", () => {
    const { channel, from, actions } = reportChannel();
    from({ type: 'pageTiming', loadAt: 10, fcpAt: 12 });
    from({ type: 'pageTiming', loadAt: 20, fcpAt: 22 });
    assert.equal(channel.page.loadAt, 10);
    assert.equal(channel.page.fcpAt, 12);
    assert.deepEqual(actions, [], 'the panel never sees the channel’s own messages');
  });

  it("hands the panel its page's own messages and logs and drops every other one", () => {
    const { from, actions, warnings } = sendChannel();
    from({ type: 'refresh' });
    from({ type: 'openLookup', number: '905321234567' });
    from({ type: 'copyJson' });
    from({ type: 'refresh', extra: 1 });
    from('refresh');
    assert.deepEqual(actions, [{ type: 'refresh' }, { type: 'openLookup', number: '905321234567' }]);
    assert.deepEqual(warnings, [
      'ignored a message from the send webview that is not on the allowlist (type: "copyJson")',
      'ignored a message from the send webview that is not on the allowlist (type: "refresh")',
      'ignored a message from the send webview that is not on the allowlist (type: "string")',
    ]);
  });

  it('lets the panel draw afresh on every ready instead (onReady)', () => {
    let readies = 0;
    const { channel, posted, from } = sendChannel({ onReady: () => readies++ });
    void channel.show(sendModel(1));
    from({ type: 'ready' });
    from({ type: 'ready' });
    assert.equal(readies, 2);
    assert.equal(posted.length, 0, 'the panel draws');
  });

  it('on dispose: stops listening, resolves every waiter, posts nothing more', async () => {
    const { channel, posted, from, listening } = sendChannel();
    from({ type: 'ready' });
    const waiting = channel.show(sendModel(1));
    channel.dispose();
    await turn();
    assert.equal(await waiting, undefined);
    assert.equal(posted.length, 0);
    assert.equal(listening(), false);
    assert.equal(await channel.show(sendModel(2)), undefined);
  });

  describe('with back-pressure (the batch)', () => {
    function batchChannel() {
      const w = fakeWebview();
      const { log } = fakeLog();
      let seq = 0;
      const built: number[] = [];
      const channel = new WebviewChannel<BatchModel, FromBatchWebview>({
        webview: w.webview,
        page: 'batch',
        parse: parseFromBatchWebview,
        onMessage: () => undefined,
        log,
        build: () => {
          built.push(++seq);
          return { v: 1, kind: 'batch', seq } as unknown as BatchModel;
        },
      });
      return { channel, built, ...w };
    }

    it('builds and posts the next model only after the page painted the last one', async () => {
      const { channel, built, posted, from } = batchChannel();
      const first = channel.redraw();
      from({ type: 'ready' });
      const second = channel.redraw();
      const third = channel.redraw();
      assert.deepEqual(built, [1], 'one model built while the page draws it');
      assert.deepEqual(
        posted.map((p) => p.model.seq),
        [1],
      );
      from({ type: 'rendered', seq: 1 });
      await first;
      assert.deepEqual(built, [1, 2], 'the newest state, once, for the two that waited');
      assert.deepEqual(
        posted.map((p) => p.model.seq),
        [1, 2],
      );
      from({ type: 'rendered', seq: 2 });
      await Promise.all([second, third]);
    });

    it('posts the latest model to a page that started over, or a fresh one when a newer one was due', () => {
      const { channel, built, posted, from } = batchChannel();
      void channel.redraw();
      from({ type: 'ready' });
      assert.deepEqual(
        posted.map((p) => p.model.seq),
        [1],
      );
      void channel.redraw(); // due: the page has not painted 1
      from({ type: 'ready' }); // the page was loaded anew (its tab shown again): 1 will never be acked
      assert.deepEqual(built, [1, 2]);
      assert.deepEqual(
        posted.map((p) => p.model.seq),
        [1, 2],
      );
      from({ type: 'ready' });
      assert.deepEqual(
        posted.map((p) => p.model.seq),
        [1, 2, 2],
        'nothing newer due: the latest again',
      );
    });
  });
});
