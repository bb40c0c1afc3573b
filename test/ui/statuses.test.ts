// Every durum_gonderim code in a real VS Code (code-server + chromium), English UI, dark theme: the first lookup asks
// for the key in a password box, then each of the 11 documented statuses renders with its own label, explanation and
// tooltip, an undocumented code renders raw and marked, and messages carrying HTML or script render as plain text and
// run nothing. Writes media/screenshot-panel-dark.png and media/screenshot-sidebar.png.
//
// Lookups run the command with arguments ({ sendId, number }, as the tree and other code call it) through key
// chords bound in keybindings.json, one chord per number: no prompts, so the 17 lookups take seconds.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  findReport,
  HOSTILE_MESSAGES,
  HOSTILE_NUMBER,
  NUMBER_FOR_STATUS,
  SAMPLE,
  STATUS_CODES,
  UNKNOWN_STATUS,
  type StatusCode,
} from '../sandbox/data';
import { ACTIVITY_TITLE, REPO_ROOT, useVSCode, type VSCode } from './harness';

const KEY = 'ui-statuses-key-52ab';
const SEND = SAMPLE.sendId;

/** What a user must read for each code: written from the provider's documentation (docs/api.md), not from the
 *  extension's catalog, so a wrong or swapped explanation fails here. */
const EXPECTED: Record<
  StatusCode,
  { label: string; group: string; finality: string; meaning: RegExp; provider: string }
> = {
  DEFAULT: {
    label: 'Queued',
    group: 'pending',
    finality: 'Pending: may still change',
    meaning: /not started sending/,
    provider: 'Henüz işlem yapılmamış.',
  },
  SENDING: {
    label: 'Sending',
    group: 'pending',
    finality: 'Pending: may still change',
    meaning: /being handed to the mobile operator/,
    provider: 'Mesaj gönderiliyor.',
  },
  WAITING: {
    label: 'Waiting for report',
    group: 'pending',
    finality: 'Pending: may still change',
    meaning: /delivery report has not arrived yet/,
    provider: 'Mesaj gönderildi. Cevap bekleniyor.',
  },
  DELIVERED: {
    label: 'Delivered',
    group: 'delivered',
    finality: 'Final',
    meaning: /confirmed delivery to the handset/,
    provider: 'Mesaj iletildi.',
  },
  SENT: {
    label: 'Sent, unconfirmed',
    group: 'unconfirmed',
    finality: 'Final, but delivery is unconfirmed',
    meaning: /delivery cannot be confirmed/,
    provider:
      'Mesaj iletildi. Fakat operatör gönderim raporunu desteklemediği için teyit edilemiyor. (Uluslararası bazı yönlerde oluşur.)',
  },
  NOT_DELIVERED: {
    label: 'Not delivered',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /could not deliver/,
    provider: 'Mesaj iletilemedi. (Genelde alıcı numaranın aktif olmamasından kaynaklanır.)',
  },
  EXPIRED: {
    label: 'Expired',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /validity period/,
    provider: 'Zaman aşımı. Mesajınız belirlediğiniz geçerlilik süresi içinde alıcısına teslim edilemedi.',
  },
  INVALID_DESTINATION_ADDRESS: {
    label: 'Invalid number',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /no operator has it registered/,
    provider: 'Alıcı telefon numarası geçersiz. (Hiçbir operatöre kayıtlı değil.)',
  },
  REJECTED: {
    label: 'Rejected',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /refused/,
    provider: 'Mesajınızın gönderimi reddedildi. (Genelde gsm operatörü tarafından içerik kontrolü sonucu oluşur.)',
  },
  SEND_ERROR: {
    label: 'Send error',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /error occurred while sending/,
    provider: 'Mesajınız gönderilirken hata oluştu. (Sebebi çeşitli olabilir.)',
  },
  BLACKLISTED_DESTINATION_ADDRESS: {
    label: 'Blacklisted',
    group: 'failed',
    finality: 'Final: not delivered',
    meaning: /blacklist/,
    provider: 'Alıcı kara listede.',
  },
};

/** The HTML/script/markdown payloads (the bidi and long-line ones are covered by other specs). */
const HOSTILE = HOSTILE_MESSAGES.filter((h) =>
  ['img-script', 'attribute-breakout', 'pre-breakout', 'base-meta', 'dns-prefetch', 'command-uri'].includes(h.name),
);

const CHORDS = new Map<string, string>([
  ...STATUS_CODES.map((code, i): [string, string] => [NUMBER_FOR_STATUS[code], `ctrl+alt+shift+f${i + 1}`]),
  [UNKNOWN_STATUS.number, 'ctrl+alt+shift+f12'],
  ...HOSTILE.map((h, i): [string, string] => [h.number, `ctrl+k ctrl+alt+shift+f${i + 1}`]),
  [SAMPLE.number, 'ctrl+k ctrl+alt+shift+f12'],
]);

const tab = (number: string): string => `${number} · send ${SEND}`;
const mesaj = (number: string): string => {
  const found = findReport(SEND, number, { query: 1, progressAfter: 2 });
  if (!found.found) throw new Error(`the sandbox has no report for ${number}`);
  return found.report.mesaj as string;
};

async function lookUp(v: VSCode, number: string): Promise<FrameLocator> {
  await v.runCommandByKey(CHORDS.get(number)!);
  const frame = v.webview(tab(number));
  await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
  return frame;
}

describe('Statuses, unknown codes and hostile text (en, dark)', function () {
  let sb: Sandbox;
  const dialogs: string[] = [];
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    colorTheme: 'Default Dark Modern',
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: [...CHORDS].map(([number, key]) => ({
      key,
      command: 'vairosms.lookUpReport',
      args: { sendId: SEND, number },
    })),
  }));
  before(() => {
    vscode().page.on('dialog', (d) => dialogs.push(d.message()));
  });
  after(async () => {
    await sb?.close();
  });

  it('asks for the key in a password box on the first lookup, then renders each of the 11 statuses with its own explanation', async () => {
    const v = vscode();
    await v.runCommandByKey(CHORDS.get(NUMBER_FOR_STATUS.DEFAULT)!);
    await v.inputBox.waitFor('A VairoSMS API key is needed for lookups.');
    assert.equal(await v.inputBox.isPassword(), true, 'the key is asked for in a password box');
    assert.equal(sb.requests.length, 0, 'nothing is sent before there is a key');
    await v.inputBox.fill(KEY);
    await v.inputBox.enter();
    await v.notification('VairoSMS API key saved').waitFor();

    const labels = new Set<string>();
    const meanings = new Set<string>();
    const tooltips = new Set<string>();
    for (const code of STATUS_CODES) {
      const expected = EXPECTED[code];
      const number = NUMBER_FOR_STATUS[code];
      const frame = code === 'DEFAULT' ? v.webview(tab(number)) : await lookUp(v, number);
      await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
      const badge = frame.locator('.status-line .badge');
      assert.equal(await badge.getAttribute('data-code'), code);
      assert.equal(await badge.locator('.code').textContent(), code);
      assert.equal(await badge.locator('.label').textContent(), expected.label, code);
      assert.ok(
        (await badge.getAttribute('class'))!.split(' ').includes(`status-${expected.group}`),
        `${code} is drawn as ${expected.group}`,
      );
      assert.equal(await badge.locator('.unknown-mark').count(), 0);
      assert.equal(await frame.locator('.status-line .finality').textContent(), expected.finality, code);
      const meaning = (await frame.locator('p.meaning').textContent()) ?? '';
      assert.match(meaning, expected.meaning, code);
      assert.equal(await frame.locator('td[data-field="status"] .value').textContent(), code);
      assert.equal(
        await frame.locator('#message-text').textContent(),
        mesaj(number),
        `${code}: the Turkish message, exactly`,
      );
      assert.equal(
        await frame.locator('.toolbar button', { hasText: 'Watch Until Final' }).count(),
        expected.group === 'pending' ? 1 : 0,
        `${code}: Watch Until Final only while the status may still change`,
      );

      const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
      assert.equal(await tip.getAttribute('role'), 'tooltip');
      await frame.locator('h1').hover();
      await badge.hover();
      await tip.waitFor({ state: 'visible', timeout: 5000 });
      const tipText = (await tip.textContent()) ?? '';
      for (const part of [
        `${code} · ${expected.label}`,
        `Meaning: ${meaning}`,
        `Final or pending: ${expected.finality}`,
        'What to do next: ',
        `VairoSMS documentation (Turkish): ${expected.provider}`,
      ]) {
        assert.ok(tipText.includes(part), `${code} tooltip lacks "${part}": ${tipText}`);
      }
      labels.add(expected.label);
      meanings.add(meaning);
      tooltips.add(tipText);
    }
    assert.equal(labels.size, 11);
    assert.equal(meanings.size, 11, 'eleven different explanations');
    assert.equal(tooltips.size, 11, 'eleven different tooltips');
    assert.equal(sb.requests.filter((r) => r.status === 200).length, 11);
  });

  it('shows an undocumented status code raw, marked "unknown code"', async () => {
    const frame = await lookUp(vscode(), UNKNOWN_STATUS.number);
    const badge = frame.locator('.status-line .badge');
    assert.equal(await badge.getAttribute('data-code'), 'DOUBLE_SEND_ERROR');
    assert.equal(await badge.locator('.code').textContent(), 'DOUBLE_SEND_ERROR');
    assert.equal(await badge.locator('.unknown-mark').textContent(), 'unknown code');
    assert.ok((await badge.getAttribute('class'))!.split(' ').includes('status-unknown'));
    assert.equal(await frame.locator('.status-line .finality').textContent(), 'Unknown: not in the documented list');
    assert.equal(await frame.locator('td[data-field="status"] .value').textContent(), 'DOUBLE_SEND_ERROR');
    assert.match(
      (await frame.locator('p.meaning').textContent()) ?? '',
      /DOUBLE_SEND_ERROR|not in its documented list|not documented/,
    );
    const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
    await badge.hover();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    assert.ok(((await tip.textContent()) ?? '').startsWith('DOUBLE_SEND_ERROR · '));
    assert.ok(
      !((await tip.textContent()) ?? '').includes('VairoSMS documentation (Turkish)'),
      'no provider text is invented for it',
    );
    assert.equal(
      await frame.locator('.toolbar button', { hasText: 'Watch Until Final' }).count(),
      1,
      'it may still change: watchable',
    );
    assert.equal(
      await frame.locator('table.legend tbody tr[data-code]').count(),
      11,
      'the legend keeps the 11 documented codes',
    );
    assert.equal(await frame.locator('table.legend tr[data-code="DOUBLE_SEND_ERROR"]').count(), 0);
  });

  it('renders messages carrying HTML, script or links as plain text and runs none of it', async () => {
    const v = vscode();
    assert.equal(HOSTILE[0].number, HOSTILE_NUMBER);
    for (const hostile of HOSTILE) {
      const frame = await lookUp(v, hostile.number);
      const message = frame.locator('#message-text');
      assert.equal(await message.textContent(), hostile.mesaj, `${hostile.name}: the exact text`);
      assert.equal(await message.locator('*').count(), 0, `${hostile.name}: no element was made from the text`);
      assert.equal(
        await frame
          .locator(
            'img, script:not([nonce]):not(#_vscodeApiScript), iframe, object, embed, base, a, form, link:not([rel="stylesheet"]), meta[http-equiv="refresh"], svg:not(.icon)',
          )
          .count(),
        0,
        `${hostile.name}: no element from the payload anywhere in the panel`,
      );
      assert.equal(await frame.locator('script').count(), 2, "only the panel's own script and VS Code's API script");
      assert.equal(await frame.locator('link[rel="stylesheet"]').count(), 1);
      assert.equal(
        await frame.locator('html').evaluate(() => document.title),
        'VairoSMS',
        `${hostile.name}: the page title is unchanged`,
      );
      const workbenchTitle = await v.page.title();
      assert.ok(workbenchTitle.startsWith(tab(hostile.number)), `the workbench title is the tab's: ${workbenchTitle}`);
      assert.doesNotMatch(workbenchTitle, /pwned/);
    }
    await v.page.waitForTimeout(500); // an onerror/onload handler would have run by now
    assert.deepEqual(dialogs, [], 'no alert() ran');
    assert.doesNotMatch(await v.page.title(), /pwned/);
    assert.equal(new URL(v.page.url()).host, new URL(v.url).host, 'no redirect (meta refresh) of the workbench');
  });

  it('draws the report and its tooltip in the dark theme (README screenshot)', async () => {
    const v = vscode();
    assert.equal(await v.page.locator('.monaco-workbench.vs-dark').count(), 1, 'the workbench uses the dark theme');
    await v.runCommand('View: Close All Editors'); // one tab in the picture
    await v.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    const frame = await lookUp(v, SAMPLE.number);
    assert.equal(
      await frame.locator('body').evaluate((b) => b.classList.contains('vscode-dark')),
      true,
      'the panel follows the theme',
    );
    const colors = await frame
      .locator('body')
      .evaluate((b) => ({ fg: getComputedStyle(b).color, bg: getComputedStyle(b).backgroundColor }));
    assert.notEqual(colors.fg, colors.bg);
    const badge = frame.locator('.status-line .badge');
    const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
    await frame.locator('h1').hover();
    await badge.hover();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const box = (await v.page.locator('iframe.webview.ready').filter({ visible: true }).first().boundingBox())!;
    const x = Math.round(box.x);
    await v.page.screenshot({
      path: path.join(REPO_ROOT, 'media', 'screenshot-panel-dark.png'),
      clip: { x, y: Math.max(0, Math.round(box.y) - 36), width: Math.min(1000, 1400 - x), height: 620 },
    });
  });

  it('lists every lookup in Recent Lookups, each row with its status and an explaining tooltip (README screenshot)', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    // a wider side bar, as a user would drag it, so the descriptions are not cut off in the picture
    const bar = (await v.page.locator('.part.sidebar').boundingBox())!;
    await v.page.mouse.move(bar.x + bar.width, 400);
    await v.page.mouse.down();
    await v.page.mouse.move(bar.x + bar.width + 120, 400, { steps: 5 });
    await v.page.mouse.move(bar.x + 470, 400, { steps: 5 });
    await v.page.mouse.up();
    for (const code of STATUS_CODES) {
      const row = v.treeRow(NUMBER_FOR_STATUS[code]).first();
      await row.waitFor();
      assert.match(
        (await row.locator('.label-description').textContent()) ?? '',
        new RegExp(`^send ${SEND} · ${code}$`), // short: the time is in the tooltip
      );
    }
    assert.match(
      (await v.treeRow(UNKNOWN_STATUS.number).first().locator('.label-description').textContent()) ?? '',
      /· DOUBLE_SEND_ERROR$/,
    );
    assert.equal(await v.page.locator('.part.sidebar .monaco-list-row').count(), CHORDS.size);

    // the tooltip of a failed one
    const row = v.treeRow(NUMBER_FOR_STATUS.REJECTED).first();
    const hover = v.hover(/REJECTED\s·\sRejected/); // markdown text: its spaces are NBSPs
    for (let attempt = 1; ; attempt++) {
      await v.page.mouse.move(700, 880);
      await row.locator('.label-name').hover();
      if (
        await hover.waitFor({ timeout: 4000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      if (attempt === 3) throw new Error('no tooltip on the REJECTED row');
    }
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const part of [
      'refused',
      'Final: not delivered',
      'What to do next:',
      `${NUMBER_FOR_STATUS.REJECTED} in send #${SEND}`,
    ]) {
      assert.ok(text.includes(part), `tooltip lacks "${part}": ${text}`);
    }
    const hoverBox = (await hover.boundingBox())!;
    await v.page.screenshot({
      path: path.join(REPO_ROOT, 'media', 'screenshot-sidebar.png'),
      clip: {
        x: 0,
        y: 0,
        width: Math.min(1400, Math.max(720, Math.round(hoverBox.x + hoverBox.width + 40))),
        height: 520,
      },
    });
  });
});
