// Fault-suite row 19: "Two windows looking up at once: no history entry lost or duplicated."
// In code-server every browser tab on the URL is a VS Code window with its own extension host, and globalState is one
// IndexedDB value for the origin's profile (vscode-web-state-db-global, under the extension's id). Each window writes
// its whole copy and hears of the other's write only ~100 ms+ later, so two lookups finishing at the same moment used
// to lose one entry (and each window could end up holding the other's list). Here two tabs of one browser profile
// look up different numbers at the same moment, five rounds, then the same number in both; afterwards every number
// must be in both windows' Recent Lookups exactly once (after the tree re-reads: view switched away and back), and in
// what the browser stored. Then a window in the background shows the other's new lookup once it regains focus.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE } from '../sandbox/data';
import { ACTIVITY_TITLE, toPlaywrightChord, useVSCode } from './harness';
import { codeServerHost } from './harness/host';

const KEY = 'ui-windows-key-4c19';
const ROUNDS = 5;
/** Two numbers per round: window 1 looks up [2r], window 2 [2r + 1]. */
const DISTINCT = Object.values(NUMBER_FOR_STATUS).slice(0, 2 * ROUNDS);
/** Looked up in both windows at once in the last round. */
const SHARED = SAMPLE.number;
/** Looked up in window 2 alone, while window 1 is in the background. */
const LATER = NUMBER_FOR_STATUS.BLACKLISTED_DESTINATION_ADDRESS;
const LATER_CHORD = 'ctrl+alt+shift+l';
const EXPECTED = [...DISTINCT, SHARED].sort();
const chord = (i: number): string => `ctrl+alt+shift+f${i + 1}`; // f1 … f10 (f11/f12 belong to the browser)
const SHARED_CHORD = 'ctrl+alt+shift+s';

/** Presses a chord in one window like a user at its keyboard (a focused webview would swallow it). */
async function press(page: Page, c: string): Promise<void> {
  await page.evaluate(() => {
    const a = document.activeElement;
    if (a instanceof HTMLIFrameElement) a.blur();
  });
  for (const step of toPlaywrightChord(c)) await page.keyboard.press(step);
}

const activity = (page: Page, title: string) =>
  page.locator(`.activitybar a.action-label[aria-label^="${title}"]`).first();

/** The numbers the window's Recent Lookups shows (the row labels), in order. */
async function treeNumbers(page: Page): Promise<string[]> {
  return page.locator('.part.sidebar .monaco-list-row .label-name').allInnerTexts();
}

/** Switches the side bar to the Explorer and back: Recent Lookups re-reads the store when it becomes visible. */
async function reshow(page: Page): Promise<void> {
  await activity(page, 'Explorer').click();
  await page
    .locator('.part.sidebar .composite.title h2')
    .filter({ hasText: /explorer/i })
    .waitFor({ timeout: 10000 });
  await activity(page, ACTIVITY_TITLE).click();
  await page
    .locator('.part.sidebar .composite.title h2')
    .filter({ hasText: 'VairoSMS: Recent Lookups' })
    .waitFor({ timeout: 10000 });
}

/** The numbers of the Recent Lookups list the browser profile stores for the extension (what a new window loads). */
async function storedNumbers(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('vscode-web-state-db-global');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        const r = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get('smsdev.vairosms-reports');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const text =
        typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : '{}';
      const state = JSON.parse(text) as Record<string, Array<{ number: string }> | undefined>;
      return (state['vairosms.recentLookups.v1'] ?? []).map((e) => e.number);
    } finally {
      db.close();
    }
  });
}

const sorted = (l: readonly string[]): string[] => [...l].sort();

/** Polls until `read()` (sorted) equals EXPECTED, re-reading with `before()`; fails with the last value seen. */
async function expectEveryNumberOnce(
  what: string,
  read: () => Promise<string[]>,
  before: () => Promise<void>,
  timeoutMs = 30000,
): Promise<number> {
  const started = Date.now();
  let seen: string[] = [];
  for (;;) {
    await before();
    seen = await read();
    if (JSON.stringify(sorted(seen)) === JSON.stringify(EXPECTED)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const missing = EXPECTED.filter((n) => !seen.includes(n));
  const twice = seen.filter((n, i) => seen.indexOf(n) !== i);
  assert.fail(
    `${what}: ${JSON.stringify(seen)}; missing ${JSON.stringify(missing)}, more than once ${JSON.stringify(twice)}`,
  );
}

/** VS Code 1.100 tells a browser tab's extensions when the tab has the focus back; 1.139.1 in code-server does not
 *  reliably (3 of 11 runs on this machine: neither the re-read on focus nor the re-reads after it saw the other
 *  window's write, although it was in the browser's storage). There the spec holds the other way a user brings
 *  the list up to date, showing Recent Lookups again; docs/reliability.md, known limits. */
const FOCUS_REPORTED = (codeServerHost().vscode ?? '').startsWith('1.100.');

describe('Two windows @floor', function () {
  let sb: Sandbox;
  let w2: Page;
  // every answer takes 300 ms, so both windows' lookups are in flight together and finish at the same moment
  before(async () => {
    sb = await startSandbox({ apiKey: KEY, latencyMs: 300 });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: [
      ...DISTINCT.map((number, i) => ({
        key: chord(i),
        command: 'vairosms.lookUpReport',
        args: { sendId: SAMPLE.sendId, number },
      })),
      { key: SHARED_CHORD, command: 'vairosms.lookUpReport', args: { sendId: SAMPLE.sendId, number: SHARED } },
      { key: LATER_CHORD, command: 'vairosms.lookUpReport', args: { sendId: SAMPLE.sendId, number: LATER } },
    ],
  }));
  after(async () => {
    await sb?.close();
  });

  const sent = (number: string): number => sb.requests.filter((q) => q.body.includes(`"${number}"`)).length;
  /** Presses the chord until the lookup reaches the sandbox (a webview that takes the focus at that moment, as the
   *  previous lookup's panel opens, swallows the key; a user would press again). */
  const lookUp = async (page: Page, c: string, number: string): Promise<void> => {
    const before = sent(number);
    for (let attempt = 1; ; attempt++) {
      await press(page, c);
      const deadline = Date.now() + 3000;
      while (sent(number) === before && Date.now() < deadline) await page.waitForTimeout(25);
      if (sent(number) > before) return;
      if (attempt === 3)
        throw new Error(`the lookup of ${number} (${c}) did not reach the sandbox after ${attempt} presses`);
    }
  };

  it('opens a second window: another tab of the same browser profile, with its own extension host', async () => {
    const v = vscode();
    await v.setApiKey(KEY);

    const hosts = (): number => v.serverLog().split('Launched Extension Host Process').length - 1;
    const hostsBefore = hosts();
    w2 = await v.context.newPage();
    w2.setDefaultTimeout(30000);
    await w2.goto(`${v.url}/?folder=${encodeURIComponent(v.workspace)}`);
    await w2.locator('div.monaco-workbench').waitFor({ timeout: 60000 });
    await activity(w2, ACTIVITY_TITLE).waitFor({ timeout: 60000 });
    const deadline = Date.now() + 60000;
    while (hosts() <= hostsBefore) {
      if (Date.now() > deadline) throw new Error('the second window started no extension host');
      await w2.waitForTimeout(100);
    }
    assert.equal(v.context.pages().filter((p) => p.url().startsWith(v.url)).length, 2, 'two windows');
    for (const page of [v.page, w2]) {
      await activity(page, ACTIVITY_TITLE).click();
      // the extension is up in this window once its tree answered (no lookups yet: the welcome view)
      await page
        .locator('.part.sidebar .welcome-view-content')
        .filter({ hasText: 'No lookups yet.' })
        .waitFor({ timeout: 60000 });
    }
  });

  it('keeps every lookup exactly once in both windows when both look up at the same moment', async () => {
    const v = vscode();
    const w1 = v.page;
    const started = Date.now();
    for (let r = 0; r < ROUNDS; r++) {
      // the next round starts as soon as both requests are out, while this round's answers are on their way
      await Promise.all([lookUp(w1, chord(2 * r), DISTINCT[2 * r]), lookUp(w2, chord(2 * r + 1), DISTINCT[2 * r + 1])]);
    }
    // the same number in both windows at once (after the panels opened, so that no key press is swallowed)
    await w1.waitForTimeout(1500);
    await Promise.all([press(w1, SHARED_CHORD), press(w2, SHARED_CHORD)]);
    const deadline = Date.now() + 10000;
    while ((sent(SHARED) < 2 || sb.requests.some((q) => q.status === 0)) && Date.now() < deadline)
      await w1.waitForTimeout(25);
    assert.equal(sent(SHARED), 2, `both windows looked up ${SHARED}`);
    assert.ok(
      DISTINCT.every((n) => sent(n) >= 1),
      'each window looked up its own numbers',
    );
    assert.deepEqual(
      sb.requests.filter((q) => q.status !== 200 || !q.apiKeyOk),
      [],
      'every lookup answered, with the key both windows share',
    );
    const lookedUpMs = Date.now() - started;

    const w1Ms = await expectEveryNumberOnce(
      "window 1's Recent Lookups after re-reading",
      () => treeNumbers(w1),
      () => reshow(w1),
    );
    const w2Ms = await expectEveryNumberOnce(
      "window 2's Recent Lookups after re-reading",
      () => treeNumbers(w2),
      () => reshow(w2),
    );
    const storedMs = await expectEveryNumberOnce(
      'what the browser profile stores',
      () => storedNumbers(w1),
      async () => undefined,
    );
    console.log(
      `      lookups ${lookedUpMs} ms; complete in window 1 after ${w1Ms} ms, window 2 after ${w2Ms} ms, stored after ${storedMs} ms`,
    );
  });

  it(`shows the other window's new lookup when the window regains focus${FOCUS_REPORTED ? '' : ' (this host: once Recent Lookups is shown again)'}`, async () => {
    const v = vscode();
    const w1 = v.page;
    // Playwright tells every page it has the focus; turn that off so bringToFront() moves the focus between the tabs
    // (VS Code reports it to the extension as window.onDidChangeWindowState)
    for (const page of [w1, w2])
      await (await v.context.newCDPSession(page)).send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const hasFocus = (page: Page): Promise<boolean> => page.evaluate(() => document.hasFocus());
    // Window 1's focus in its workbench (the Recent Lookups view), not in the report's webview: in the browser, a
    // window whose focus returns into a webview's frame is not reliably reported as focused to extensions (VS Code's
    // web host reads document focus; docs/reliability.md, known limits).
    await w1.evaluate(() => {
      const a = document.activeElement;
      if (a instanceof HTMLIFrameElement) a.blur();
    });
    await w1.locator('.part.sidebar .composite.title').click();
    await w1.bringToFront();
    await w2.bringToFront();
    await w2.waitForFunction(() => document.hasFocus());
    assert.equal(await hasFocus(w1), false, 'window 1 is in the background');
    // window 1's re-reads after its last write are over (they would show the new lookup by themselves)
    await w2.waitForTimeout(10000);

    await lookUp(w2, LATER_CHORD, LATER);
    await w2
      .locator('.part.sidebar .monaco-list-row .label-name')
      .filter({ hasText: LATER })
      .waitFor({ timeout: 10000 });
    // The lookup is in what the browser stored (VS Code's web storage writes it when its page is idle; a window can
    // only be told of a write that reached the store), and window 1, in the background, still does not show it.
    const t0 = Date.now();
    while (!(await storedNumbers(w2)).includes(LATER)) {
      assert.ok(Date.now() - t0 < 15000, 'the lookup reached the browser storage within 15 s');
      await w2.waitForTimeout(100);
    }
    console.log(`      stored ${Date.now() - t0} ms after window 2 showed it`);
    await w2.waitForTimeout(2000);
    assert.ok(!(await treeNumbers(w1)).includes(LATER), 'nothing refreshes window 1 while it stays in the background');

    const focused = Date.now();
    await w1.bringToFront();
    await w1.waitForFunction(() => document.hasFocus());
    if (!FOCUS_REPORTED) await reshow(w1);
    // (15 s: the re-read on focus takes ~60 ms on an idle machine; a loaded CI machine has been seen past 5 s)
    await w1
      .locator('.part.sidebar .monaco-list-row .label-name')
      .filter({ hasText: LATER })
      .waitFor({ timeout: 15000 });
    const rows = await treeNumbers(w1);
    assert.deepEqual(sorted(rows), sorted([...EXPECTED, LATER]), 'every lookup, each once');
    console.log(`      shown ${Date.now() - focused} ms after window 1 got the focus back`);
  });
});
