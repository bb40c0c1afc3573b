// A new report tab is never blank (the perceived-speed issue, #14): its page carries the loading state itself (the
// panel's heading, the lookup's title, "Looking up the report…"), so VS Code shows it the moment the page loads,
// before any message from the extension arrives. Proved here with every message from the extension to a webview
// withheld: each webview host frame (VS Code's pre/index.html) drops its "message" channel, so the page shows only
// what its HTML holds. This spec has a VS Code of its own, since no webview of it ever gets a message.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';
import { useVSCode } from './harness';

const KEY = 'ui-first-paint-key-71d2';
const CHORD = 'ctrl+alt+shift+f7';
const TAB = `${SAMPLE.number} · send ${SAMPLE.sendId}`;

/** Runs in every frame: in a webview host frame, the extension's messages (channel "message") are counted and
 *  dropped before VS Code's own handler forwards them to the page. */
function withholdExtensionMessages(): void {
  if (!/\/webview\/.*\/index\.html$/.test(location.pathname)) return;
  const held = window as unknown as { vairosmsHeld?: number };
  held.vairosmsHeld = 0;
  const desc = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  if (!desc?.set || !desc.get) return;
  const set = desc.set;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get: desc.get,
    set(this: MessagePort, fn: ((e: MessageEvent) => void) | null) {
      set.call(
        this,
        fn &&
          ((e: MessageEvent) => {
            if ((e.data as { channel?: unknown } | null)?.channel === 'message') {
              held.vairosmsHeld = (held.vairosmsHeld ?? 0) + 1;
              return;
            }
            fn.call(this, e);
          }),
      );
    },
  });
}

describe('A new report tab before any message: the page carries its loading state', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: [
      { key: CHORD, command: 'vairosms.lookUpReport', args: { sendId: SAMPLE.sendId, number: SAMPLE.number } },
    ],
    initScripts: [withholdExtensionMessages],
  }));
  after(async () => {
    await sb?.close();
  });

  it('shows the heading, the lookup and "Looking up the report…" with no message delivered', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
    await v.runCommandByKey(CHORD);
    const frame = v.webview(TAB);
    const app = frame.locator('#app[data-state="loading"]');
    await app.waitFor({ timeout: 30000 });
    assert.equal(await app.locator('.eyebrow').textContent(), 'VairoSMS number report');
    assert.equal(await app.locator('h1').textContent(), `${SAMPLE.number} in send #${SAMPLE.sendId}`);
    assert.equal(await app.locator('p.loading').textContent(), 'Looking up the report…');
    assert.equal(await app.locator('p.loading').getAttribute('role'), 'progressbar');
    assert.equal(await app.getAttribute('aria-busy'), 'true');

    // The extension did answer: the request went out, the report came back and was posted to the page, which never
    // got it. What the page shows is its own HTML: nothing a render draws (the toolbar, the legend) is there.
    await until(() => sb.requests.some((r) => r.sendId === SAMPLE.sendId), 'the request at the sandbox');
    const host = await (await v.page
      .locator(`iframe.webview.ready[data-editor-title="${TAB}"]`)
      .elementHandle())!.contentFrame();
    await until(
      async () => ((await host!.evaluate(() => (window as { vairosmsHeld?: number }).vairosmsHeld)) ?? 0) > 0,
      'a message from the extension, withheld',
    );
    assert.equal(await app.locator('.toolbar').count(), 0, 'no toolbar: no render ran');
    assert.equal(await frame.locator('.legend-section').count(), 0, 'no legend: no render ran');
    assert.equal(await v.editorTab(TAB).count(), 1, 'the tab is there, titled for the lookup');
  });
});

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
