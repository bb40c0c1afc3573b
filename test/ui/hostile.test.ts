// Fault-suite rows proved in the real VS Code UI (docs/reliability.md): hostile text in every report field and in
// the provider's error text (row 1), the webview's resource root holding even without the CSP (row 2), bidi,
// zero-width and very long messages (row 4), and a sentinel key that never reaches the DOM, webview state or a
// notification (row 5, UI part).
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { HOSTILE_PROVIDER_TEXT, startSandbox, type Sandbox } from '../sandbox/server';
import { HOSTILE_FIELDS, HOSTILE_MESSAGES, NUMBER_FOR_HOSTILE, SAMPLE } from '../sandbox/data';
import { ACTIVITY_TITLE, useVSCode, type VSCode } from './harness';

const SENTINEL = 'SENTINEL-KEY-7f3a&#% x';
const FORMS = [SENTINEL, encodeURIComponent(SENTINEL), new URLSearchParams({ k: SENTINEL }).toString().slice(2)];

/** Elements a payload could have created; our own DOM has none of these. */
const FOREIGN =
  'img, svg:not(.icon), script:not([nonce]):not(#_vscodeApiScript), base, meta[http-equiv="refresh"], link:not([rel="stylesheet"]), a, iframe, object, embed, form, b, i';

const chords = [
  ...HOSTILE_MESSAGES.map((h, i) => ({ number: h.number, sendId: SAMPLE.sendId, key: `ctrl+alt+shift+f${i + 1}` })),
  { number: HOSTILE_FIELDS.number, sendId: SAMPLE.sendId, key: 'ctrl+alt+shift+f10' },
  { number: SAMPLE.number, sendId: '9021', key: 'ctrl+alt+shift+f11' },
  { number: SAMPLE.number, sendId: SAMPLE.sendId, key: 'ctrl+alt+shift+f12' },
];

async function lookUp(v: VSCode, number: string, sendId: string = SAMPLE.sendId): Promise<FrameLocator> {
  await v.runCommandByKey(chords.find((c) => c.number === number && c.sendId === sendId)!.key);
  const frame = v.webview(`${number} · send ${sendId}`);
  await frame.locator('#app[data-state="report"], #app[data-state="error"]').waitFor({ timeout: 30000 });
  return frame;
}

describe('Hostile input in the real VS Code', () => {
  let sb: Sandbox;
  const vscode = useVSCode(async () => {
    sb = await startSandbox({ apiKey: SENTINEL });
    return {
      settings: { 'vairosms.apiRoot': sb.root },
      keybindings: chords.map((c) => ({
        key: c.key,
        command: 'vairosms.lookUpReport',
        args: { sendId: c.sendId, number: c.number },
      })),
    };
  });
  after(async () => {
    await sb?.close();
  });

  before(async () => {
    const v = vscode();
    await v.setApiKey(SENTINEL);
  });

  it('row 1: shows every hostile field of a report as text; nothing runs, loads or links', async () => {
    const v = vscode();
    const title = () => v.page.title();
    const frame = await lookUp(v, HOSTILE_FIELDS.number);
    const field = (id: string) => frame.locator(`td[data-field="${id}"] .value`).textContent();
    assert.equal(await field('number'), HOSTILE_FIELDS.numara);
    assert.equal(await field('status'), HOSTILE_FIELDS.status.toUpperCase());
    assert.equal(await field('createdAt'), HOSTILE_FIELDS.createdAt);
    assert.equal(await field('updatedAt'), HOSTILE_FIELDS.updatedAt);
    assert.equal(await field('refund'), HOSTILE_FIELDS.refund);
    assert.equal(
      await frame.locator(`tr:has(td[data-field="extra:${HOSTILE_FIELDS.extraName}"]) th`).textContent(),
      HOSTILE_FIELDS.extraName,
    );
    assert.equal(await field(`extra:${HOSTILE_FIELDS.extraName}`), HOSTILE_FIELDS.extraValue);
    assert.match((await frame.locator('.status-line .badge').textContent()) ?? '', /unknown code/);
    assert.equal(
      await frame.locator(`#app ${FOREIGN.split(', ').join(', #app ')}`).count(),
      0,
      'no element made from the payload',
    );
    assert.notEqual(await frame.locator('html').evaluate(() => document.title), 'pwned');
    assert.doesNotMatch(await title(), /pwned/);
    // In Recent Lookups the hostile status is the row's text too (the row's own action buttons aside).
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(HOSTILE_FIELDS.number).first();
    await row.waitFor();
    assert.ok(
      ((await row.locator('.label-description').textContent()) ?? '').includes(HOSTILE_FIELDS.status.toUpperCase()),
    );
    assert.equal(
      await row.locator('.label-description *').count(),
      0,
      'the description (where the status goes) is text only',
    );
  });

  it("row 1: shows hostile message texts literally, and the provider's hostile error text as text", async () => {
    const v = vscode();
    for (const h of HOSTILE_MESSAGES.filter((x) => x.name !== 'long-line')) {
      const frame = await lookUp(v, h.number);
      const message = frame.locator('#message-text');
      const visible = await message.evaluate((el) =>
        Array.from(el.childNodes)
          .map((n) => (n.nodeType === 3 ? n.textContent : `[${(n as Element).className}]`))
          .join(''),
      );
      assert.ok(visible.replace(/\[cc\]/g, '').length > 0, h.name);
      assert.equal(
        await message.locator(':not(.cc)').count(),
        0,
        `${h.name}: only text and our control-character marks`,
      );
      assert.equal(await frame.locator(`#app ${FOREIGN.split(', ').join(', #app ')}`).count(), 0, h.name);
    }
    const frame = await lookUp(v, SAMPLE.number, '9021');
    await frame.locator('section.error').waitFor();
    assert.equal(await frame.locator('section.error .provider blockquote').textContent(), HOSTILE_PROVIDER_TEXT);
    assert.equal(await frame.locator(`#app ${FOREIGN.split(', ').join(', #app ')}`).count(), 0);
    const toasts = await v.page.locator('.notification-list-item-message').allTextContents();
    assert.ok(
      toasts.every((t) => !t.includes('<script>') && !t.includes('command:')),
      "the notification does not carry the provider's text",
    );
    assert.equal(await v.page.locator('.notification-list-item-message a[href^="command:"]').count(), 0);
    assert.doesNotMatch(await v.page.title(), /pwned/);
  });

  it('row 4: makes bidi and zero-width characters visible and keeps a 100,000-character message inside the panel', async () => {
    const v = vscode();
    const bidi = await lookUp(v, NUMBER_FOR_HOSTILE['bidi-zero-width']);
    const marks = await bidi.locator('#message-text .cc').allTextContents();
    for (const cp of ['⟨U+202E⟩', '⟨U+202C⟩', '⟨U+200B⟩', '⟨U+FEFF⟩'])
      assert.ok(marks.includes(cp), `${cp} shown: ${marks.join(' ')}`);
    assert.equal(await bidi.locator('#message-text').getAttribute('dir'), 'auto');
    assert.match((await bidi.locator('#message-text').textContent()) ?? '', /😀👍🏽/);
    assert.match((await bidi.locator('.message-section .note').textContent()) ?? '', /shown as ⟨U\+XXXX⟩/);
    const long = await lookUp(v, NUMBER_FOR_HOSTILE['long-line']);
    assert.equal(((await long.locator('#message-text').textContent()) ?? '').length, 100_000);
    const layout = await long.locator('html').evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      box: (document.getElementById('message-text') as HTMLElement).getBoundingClientRect().height,
      viewport: window.innerHeight,
    }));
    assert.ok(layout.page <= 1, `no horizontal overflow (${layout.page}px)`);
    assert.ok(layout.box <= layout.viewport, 'the message scrolls inside its box');
  });

  it("row 5: the key is nowhere in any panel's DOM or state, nor in a notification", async () => {
    const v = vscode();
    await lookUp(v, SAMPLE.number);
    const frames = v.page
      .frames()
      .filter((f) => f.url().includes('vscode-resource') || f.name() === 'active-frame' || /index\.html/.test(f.url()));
    assert.ok(frames.length > 0, 'webview frames found');
    for (const f of frames) {
      const dom = await f.evaluate(() => document.documentElement.outerHTML).catch(() => '');
      for (const form of FORMS) assert.ok(!dom.includes(form), `key in a webview DOM (${f.url().slice(0, 80)})`);
    }
    const toasts = (await v.page.locator('.notification-list-item-message').allTextContents()).join('\n');
    const workbench = await v.page.evaluate(() => document.documentElement.outerHTML);
    for (const form of FORMS) {
      assert.ok(!toasts.includes(form), 'key in a notification');
      assert.ok(!workbench.includes(form), 'key in the workbench DOM');
    }
  });
});

describe('Hostile input: the webview resource root holds even without the CSP', () => {
  let sb: Sandbox;
  const vscode = useVSCode(async () => {
    sb = await startSandbox({ apiKey: 'root-test-key' });
    return {
      bypassCSP: true,
      settings: { 'vairosms.apiRoot': sb.root },
      keybindings: [
        {
          key: 'ctrl+alt+shift+f1',
          command: 'vairosms.lookUpReport',
          args: { sendId: SAMPLE.sendId, number: SAMPLE.number },
        },
      ],
    };
  });
  after(async () => {
    await sb?.close();
  });

  it('row 2: a file inside dist/webview loads; files outside it, and %2f.. escapes, do not', async () => {
    const v = vscode();
    await v.setApiKey('root-test-key');
    await v.runCommandByKey('ctrl+alt+shift+f1');
    const frame = v.webview(`${SAMPLE.number} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    const results = await frame.locator('html').evaluate(async () => {
      const script = document.querySelector<HTMLScriptElement>('script[nonce]')!.src;
      const base = script.slice(0, script.indexOf('/dist/webview/report.js'));
      const attempt = async (url: string) => {
        try {
          const r = await fetch(url);
          return { url, status: r.status, ok: r.ok };
        } catch (e) {
          return { url, status: 0, ok: false, error: String(e) };
        }
      };
      return Promise.all([
        attempt(script),
        attempt(`${base}/package.json`),
        attempt(`${base}/dist/main.js`),
        attempt(`${base}/dist/webview/..%2f..%2fpackage.json`),
        attempt(`${base}/dist/webview/%2e%2e/%2e%2e/package.json`),
        attempt(`${new URL(script).origin}/etc/passwd`),
      ]);
    });
    assert.equal(results[0].ok, true, `our own script loads without the CSP: ${JSON.stringify(results[0])}`);
    for (const r of results.slice(1)) assert.equal(r.ok, false, `outside the root must fail: ${JSON.stringify(r)}`);
  });
});
