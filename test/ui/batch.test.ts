// "Batch lookup" in a real VS Code (code-server + chromium): "VairoSMS: Look Up Several Numbers…" over a file of 50
// numbers of send 500 plus a line that is not a number, and over numbers typed into the prompt. The table's counts,
// rows, sorting, a row opening its report, the invalid line, and Recent Lookups. Writes media/screenshot-batch.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { BATCH, batchNumber, batchStatus, STATUS_CODES } from '../sandbox/data';
import { ACTIVITY_TITLE, REPO_ROOT, useVSCode, type VSCode } from './harness';

const KEY = 'ui-batch-key-5e07';
const COUNT = 50;
const INVALID_LINE = 26;
const INVALID_TEXT = 'call back tomorrow';
const NUMBERS_FILE = 'numbers-50.txt';
const NOT_IN_SEND = '5309999999'; // the sandbox answers "not in this send"
const BATCH_TAB = `Batch · send ${BATCH.sendId}`;
const MAX_MEDIA_BYTES = 200 * 1024;

/** 50 numbers of send 500, one per line, with a line that is not a number at line 26. */
function numbersFile(): string {
  const lines = Array.from({ length: COUNT }, (_, i) => batchNumber(i));
  lines.splice(INVALID_LINE - 1, 0, INVALID_TEXT);
  return `${lines.join('\n')}\n`;
}

/** How many of batch numbers `indexes` have each status, as the sandbox answers them. */
function expectedCounts(indexes: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of indexes) out[batchStatus(i)] = (out[batchStatus(i)] ?? 0) + 1;
  return out;
}

async function countsShown(frame: FrameLocator): Promise<Record<string, number>> {
  const items = await frame
    .locator('.counts li[data-key]')
    .evaluateAll((els) =>
      els.map(
        (e) => [e.getAttribute('data-key') ?? '', Number(e.querySelector('.count')?.textContent ?? 'NaN')] as const,
      ),
    );
  return Object.fromEntries(items);
}

const firstRowNumber = (frame: FrameLocator): Promise<string> =>
  frame
    .locator('table.results tr.row')
    .first()
    .locator('td bdi')
    .innerText()
    .then((t) => t.trim());

/** The finished batch table (the one visible tab titled "Batch · send 500"). */
async function batchTable(v: VSCode): Promise<FrameLocator> {
  await v.editorTab(BATCH_TAB).waitFor({ timeout: 30000 });
  const frame = v.webview(BATCH_TAB);
  await frame.locator('#app[data-state="done"]').waitFor({ timeout: 60000 });
  return frame;
}

async function startBatch(v: VSCode): Promise<void> {
  await v.runCommand('VairoSMS: Look Up Several Numbers…');
  await v.inputBox.waitFor(/Send ID/);
  await v.inputBox.fill(BATCH.sendId);
  await v.inputBox.enter();
  await v.quickPick.waitFor(/Where are the numbers\?|Look Up Several Numbers/);
}

describe('Batch lookup: several numbers of one send', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root },
    files: { [NUMBERS_FILE]: numbersFile() },
  }));
  after(async () => {
    await sb?.close();
  });

  it('looks up the 50 numbers of the current file: counts per status, 50 rows, the line that is not a number @floor', async function () {
    this.timeout(120000);
    const v = vscode();
    await v.openFile(NUMBERS_FILE);
    await startBatch(v);
    await v.quickPick.pick(/The current file/);
    // no key stored yet: the batch asks for it, then goes on
    await v.inputBox.waitFor(/API key is needed/);
    assert.equal(await v.inputBox.isPassword(), true);
    await v.inputBox.fill(KEY);
    await v.inputBox.enter();
    await v
      .notification('Lines that are not phone numbers: 1. They are listed in the results.')
      .waitFor({ timeout: 30000 });

    const frame = await batchTable(v);
    assert.equal(await frame.locator('table.results tr.row').count(), COUNT, '50 rows');
    const shown = await countsShown(frame);
    const expected = expectedCounts(Array.from({ length: COUNT }, (_, i) => i));
    assert.deepEqual(shown, expected, "the counts per status are the sandbox's statuses of these 50 numbers");
    assert.equal(
      Object.values(shown).reduce((a, b) => a + b, 0),
      COUNT,
      'the counts add up to 50',
    );
    assert.equal(Object.keys(shown).length, STATUS_CODES.length, 'every status occurs among 50 consecutive numbers');
    assert.match(await frame.locator('#progress').innerText(), /50 numbers looked up in/);
    // The send's summary, asked once for the whole batch, above the table.
    const send = frame.locator('section.send-section[data-state="summary"]');
    await send.waitFor({ timeout: 10000 });
    assert.equal(await send.locator('h2').innerText(), `Send ${BATCH.sendId}`);
    assert.equal(await send.locator('.badge .code').innerText(), '1');
    assert.equal(
      await send.locator('td[data-field="send:numbers"] .value').innerText(),
      BATCH.count.toLocaleString('en'),
    ); // 1,000: in the display language (#26)
    assert.equal(sb.summaryRequests.filter((q) => q.sendId === BATCH.sendId).length, 1, 'one summary for the batch');

    // every row shows its own number's status
    const rows = await frame
      .locator('table.results tr.row')
      .evaluateAll((trs) =>
        trs.map(
          (tr) =>
            [
              tr.querySelector('td bdi')?.textContent ?? '',
              tr.querySelector('.badge .code')?.textContent ?? '',
            ] as const,
        ),
      );
    for (const [number, code] of rows)
      assert.equal(code, batchStatus(Number(number) - BATCH.firstNumber), `row ${number}`);
    assert.deepEqual(
      rows.map(([n]) => n).sort(),
      Array.from({ length: COUNT }, (_, i) => batchNumber(i)).sort(),
      'each number once',
    );
    // the Line column maps every row back to its line of the file (#13)
    const fileLines = numbersFile().split('\n');
    const lines = await frame
      .locator('table.results tr.row')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('td.line')?.textContent ?? '',
          tr.querySelector('td bdi')?.textContent ?? '',
        ]),
      );
    for (const [line, number] of lines) assert.equal(fileLines[Number(line) - 1], number, `line ${line}`);

    // the line that is not a number, with its line number
    const invalid = frame.locator('section.invalid');
    assert.match(await invalid.locator('h2').innerText(), /Lines that are not numbers/);
    const cells = await invalid.locator('tbody tr').first().locator('td').allInnerTexts();
    assert.equal(await invalid.locator('tbody tr').count(), 1);
    assert.equal(cells[0], String(INVALID_LINE));
    assert.equal(cells[1], INVALID_TEXT);
    assert.ok(cells[2].trim().length > 0, 'a reason is given');

    const okRequests = sb.requests.filter((r) => r.sendId === BATCH.sendId && r.status === 200);
    assert.equal(okRequests.length, COUNT, 'one request per number, none for the invalid line');
    assert.ok(sb.maxInFlight <= 4, `at most 4 requests in flight (default concurrency): ${sb.maxInFlight}`);

    // the screenshot: the counts and the top of the table
    await v.page.mouse.move(10, 450);
    const editor = (await v.page.locator('.part.editor').boundingBox())!;
    const clip = {
      x: Math.floor(editor.x),
      y: Math.floor(editor.y),
      width: Math.floor(editor.width),
      height: Math.floor(Math.min(editor.height, 620)),
    };
    const file = path.join(REPO_ROOT, 'media', 'screenshot-batch.png');
    await v.page.screenshot({ path: file, clip });
    assert.ok(fs.statSync(file).size <= MAX_MEDIA_BYTES, `screenshot-batch.png is ${fs.statSync(file).size} bytes`);
  });

  it('sorts by the column header clicked (status first, then number ascending, then descending)', async () => {
    const v = vscode();
    const frame = await batchTable(v);
    // sorted by status (ascending) at first: BLACKLISTED_DESTINATION_ADDRESS is first, i = 10 is the first such number
    const firstBlacklisted = Array.from({ length: COUNT }, (_, i) => i).find(
      (i) => batchStatus(i) === 'BLACKLISTED_DESTINATION_ADDRESS',
    )!;
    assert.equal(await firstRowNumber(frame), batchNumber(firstBlacklisted));
    assert.equal(await frame.locator('th[aria-sort="ascending"] button.sort').innerText(), 'Status ▲');

    const byNumber = frame.locator('button.sort', { hasText: /^Number/ });
    await byNumber.click();
    await frame.locator('th[aria-sort="ascending"] button.sort', { hasText: /^Number/ }).waitFor({ timeout: 10000 });
    assert.equal(await firstRowNumber(frame), batchNumber(0));
    await byNumber.click();
    await frame.locator('th[aria-sort="descending"] button.sort', { hasText: /^Number/ }).waitFor({ timeout: 10000 });
    assert.equal(await firstRowNumber(frame), batchNumber(COUNT - 1));
    const numbers = await frame.locator('table.results tr.row td bdi').allInnerTexts();
    assert.deepEqual(numbers, [...numbers].sort().reverse(), 'the whole table is in descending order');
    assert.equal(await frame.locator('table.results tr.row').count(), COUNT);
    // by line: the file's order
    await frame.locator('button.sort', { hasText: /^Line/ }).click();
    await frame.locator('th[aria-sort="ascending"] button.sort', { hasText: /^Line/ }).waitFor({ timeout: 10000 });
    assert.equal(await firstRowNumber(frame), batchNumber(0));
  });

  it("opens a row's report from the table without another request", async () => {
    const v = vscode();
    const frame = await batchTable(v);
    const i = 7;
    const before = sb.requests.length;
    await frame.locator('table.results tr.row', { hasText: batchNumber(i) }).click();
    const title = `${batchNumber(i)} · send ${BATCH.sendId}`;
    await v.editorTab(title).waitFor({ timeout: 15000 });
    const report = v.webview(title);
    await report.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(await report.locator('h1').innerText(), `${batchNumber(i)} in send #${BATCH.sendId}`);
    assert.equal(await report.locator('.status-line .badge').getAttribute('data-code'), batchStatus(i));
    assert.match(await report.locator('#message-text').innerText(), new RegExp(`Toplu gönderim #${i}:`));
    assert.equal(sb.requests.length, before, 'the report was already known: no request');
  });

  it('lists the batch numbers in Recent Lookups with their statuses', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    const rows = v.treeRow(new RegExp(`send ${BATCH.sendId} · `));
    await rows.first().waitFor({ timeout: 15000 });
    const texts = await rows.allInnerTexts();
    assert.ok(texts.length >= 10, `at least 10 batch rows are drawn: ${texts.length}`);
    for (const t of texts) {
      const m = /(53200000\d\d)[\s\S]*send 500 · ([A-Z_]+)/.exec(t);
      assert.ok(m, `a batch row: ${JSON.stringify(t)}`);
      const i = Number(m[1]) - BATCH.firstNumber;
      assert.ok(i >= 0 && i < COUNT, `one of the 50 numbers: ${m[1]}`);
      assert.equal(m[2], batchStatus(i), `the status of ${m[1]}`);
    }
  });

  it('looks up numbers typed into the prompt (commas, semicolons, Turkish forms, a duplicate, one not in the send)', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 });
    const before = sb.requests.length;
    await startBatch(v);
    await v.quickPick.pick(/Type or paste numbers/);
    await v.inputBox.waitFor(/separated by commas or semicolons/);
    await v.inputBox.fill(
      `${batchNumber(100)}, 0${batchNumber(101)}; +90 ${batchNumber(102).replace(/^(\d{3})(\d{3})(\d{2})(\d{2})$/, '$1 $2 $3 $4')}, ${batchNumber(100)}, ${NOT_IN_SEND}`,
    );
    await v.inputBox.enter();
    await v.notification('Duplicates, looked up once: 1.').waitFor({ timeout: 30000 });
    const frame = await batchTable(v);
    const rows = await frame
      .locator('table.results tr.row')
      .evaluateAll((trs) =>
        trs.map(
          (tr) =>
            [
              tr.querySelector('td bdi')?.textContent ?? '',
              tr.querySelector('.badge .code')?.textContent ?? '',
            ] as const,
        ),
      );
    assert.deepEqual(
      rows.map(([n]) => n).sort(),
      [batchNumber(100), batchNumber(101), batchNumber(102), NOT_IN_SEND].sort(),
    );
    for (const [number, code] of rows)
      if (number !== NOT_IN_SEND) assert.equal(code, batchStatus(Number(number) - BATCH.firstNumber), `row ${number}`);
    assert.deepEqual(await countsShown(frame), { ...expectedCounts([100, 101, 102]), 'not-found': 1 });
    // a failed lookup is counted apart from the status codes: its own group, the error icon, its class, no code (#13)
    const failed = frame.locator('ul.counts.failures li[data-key="not-found"]');
    assert.equal(await frame.locator('#failures-h').innerText(), 'Failed lookups');
    assert.equal(await failed.locator('.code').count(), 0, 'not drawn as a status code');
    assert.equal(await failed.locator('svg.icon').count(), 1);
    assert.match(await failed.locator('.label').innerText(), /not found|not in this send/i);
    assert.equal(await frame.locator('ul.counts:not(.failures) li[data-key="not-found"]').count(), 0);
    assert.deepEqual(
      [...new Set(await frame.locator('table.results tr.row td.line').allInnerTexts())],
      ['1'],
      'all typed on one line',
    );
    assert.equal(await frame.locator('section.invalid').count(), 0, 'no invalid lines');
    assert.equal(sb.requests.length - before, 4, 'the duplicate was looked up once');
  });
});
