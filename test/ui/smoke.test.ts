// UI smoke: the packaged .vsix installed in a real VS Code (code-server) and seen by a user, in English and Turkish.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIVITY_TITLE, REPO_ROOT, useVSCode, type VSCode } from './harness';

const nls = (locale?: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, locale ? `package.nls.${locale}.json` : 'package.nls.json'), 'utf8'));

/** Runs in the page: the Output view's channel picker has our channel selected. */
const outputShowsVairoSMS = (): boolean =>
  Array.from(document.querySelectorAll<HTMLSelectElement>('.part.panel select')).some(
    (s) => s.offsetParent !== null && (s.selectedOptions[0]?.textContent ?? '').trim() === 'VairoSMS',
  );

/** Opens the palette filtered to "VairoSMS:", waits for every `present` row, checks that no `absent` row is a label.
 *  Context keys change asynchronously after a command, so a palette that does not match yet is reopened (up to 15 s). */
async function expectPaletteCommands(v: VSCode, present: string[], absent: string[]): Promise<void> {
  // One title at a time, typed as the filter: the palette draws only the rows that fit, so a long "VairoSMS:" list
  // would hide some. An open palette does not follow a context key that changes after it opened: reopen until due.
  const shows = async (title: string, expected: boolean): Promise<boolean> => {
    await v.openCommandPalette(title);
    try {
      if (expected)
        await v.quickPick
          .row(title)
          .waitFor({ timeout: 3000 })
          .catch(() => undefined);
      return (await v.quickPick.items()).includes(title);
    } finally {
      await v.page.keyboard.press('Escape');
    }
  };
  for (const [titles, expected] of [
    [present, true],
    [absent, false],
  ] as const) {
    for (const t of titles) {
      const deadline = Date.now() + 15000;
      while ((await shows(t, expected)) !== expected) {
        if (Date.now() > deadline) assert.fail(`the palette ${expected ? 'lacks' : 'shows'} ${t}`);
        await v.page.waitForTimeout(500);
      }
    }
  }
}

/** Runs the set-key command and types a key into its password box. */
async function storeApiKey(v: VSCode, setKeyTitle: string): Promise<void> {
  await v.runCommand(setKeyTitle);
  await v.inputBox.input.and(v.page.locator('[type="password"]')).waitFor();
  assert.equal(await v.inputBox.isPassword(), true, 'the API key box masks its input');
  await v.inputBox.fill('smoke-test-key');
  await v.inputBox.enter();
  await v.inputBox.input.waitFor({ state: 'hidden' });
}

const COMMAND_KEYS = ['command.lookUpReport', 'command.setApiKey', 'command.clearApiKey', 'command.showLog'];

describe('UI smoke (en)', () => {
  const vscode = useVSCode({ files: { 'README.md': '# smoke\n', 'numbers.txt': '905321234567\n' } });

  it('loads the workbench with the workspace and the installed extension', async () => {
    const { page } = vscode();
    assert.ok(await page.locator('div.monaco-workbench').isVisible(), 'workbench visible');
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'numbers.txt' }).waitFor();
    const installed = fs.readdirSync(vscode().extensionsDir);
    assert.ok(
      installed.some((d) => d.startsWith('smsdev.vairosms-reports-')),
      `installed: ${installed.join(', ')}`,
    );
  });

  it('has the VairoSMS entry in the activity bar', async () => {
    const entry = vscode().page.locator(`.activitybar a.action-label[aria-label="${ACTIVITY_TITLE}"]`);
    await entry.waitFor();
    assert.equal(await entry.count(), 1);
  });

  it('opens the Recent Lookups view from the activity bar', async () => {
    const { page, openSideBar } = vscode();
    await openSideBar(ACTIVITY_TITLE);
    const title = page.locator('.part.sidebar .composite.title h2');
    await title.filter({ hasText: 'Recent Lookups' }).waitFor();
    assert.match((await title.textContent()) ?? '', /VairoSMS: Recent Lookups/);
    // a second call leaves it open (it must not toggle the side bar away)
    await openSideBar(ACTIVITY_TITLE);
    assert.ok(await page.locator('.part.sidebar').isVisible(), 'side bar still visible');
  });

  it('lists the commands in the command palette', async () => {
    const v = vscode();
    const titles = COMMAND_KEYS.map((k) => `VairoSMS: ${nls()[k]}`);
    assert.deepEqual(titles, [
      'VairoSMS: Look Up Number Report…',
      'VairoSMS: Set API Key…',
      'VairoSMS: Clear API Key',
      'VairoSMS: Show Log',
    ]);
    await expectPaletteCommands(
      v,
      titles.filter((t) => t !== 'VairoSMS: Clear API Key'),
      ['VairoSMS: Clear API Key'],
    );
  });

  it('lists "Clear API Key" once a key is stored, and hides it again after clearing', async () => {
    const v = vscode();
    await storeApiKey(v, 'VairoSMS: Set API Key…');
    await expectPaletteCommands(
      v,
      COMMAND_KEYS.map((k) => `VairoSMS: ${nls()[k]}`),
      [],
    );
    await v.runCommand('VairoSMS: Clear API Key');
    await v.notification('VairoSMS API key removed.').waitFor();
    await expectPaletteCommands(v, ['VairoSMS: Set API Key…'], ['VairoSMS: Clear API Key']);
  });

  it('runs "VairoSMS: Show Log" from the palette and shows its output channel', async () => {
    const { page, runCommand } = vscode();
    await runCommand('VairoSMS: Show Log');
    await page.locator('.part.panel').waitFor();
    await page.waitForFunction(outputShowsVairoSMS);
  });
});

describe('UI smoke (tr)', () => {
  const vscode = useVSCode({ locale: 'tr' });

  it('shows the Turkish command titles in the command palette', async () => {
    const v = vscode();
    const tr = nls('tr');
    const titles = COMMAND_KEYS.map((k) => `VairoSMS: ${tr[k]}`);
    assert.equal(titles[0], 'VairoSMS: Numara Raporu Sorgula…');
    await storeApiKey(v, `VairoSMS: ${tr['command.setApiKey']}`); // "Clear API Key" is listed only with a key
    // the English titles appear only as the grey alias line under each row, never as a row's own label
    await expectPaletteCommands(
      v,
      titles,
      COMMAND_KEYS.map((k) => `VairoSMS: ${nls()[k]}`),
    );
  });

  it('shows the Turkish view name in the side bar', async () => {
    const { page, openSideBar } = vscode();
    await openSideBar(ACTIVITY_TITLE);
    await page
      .locator('.part.sidebar .composite.title h2')
      .filter({ hasText: nls('tr')['view.recentLookups'] })
      .waitFor();
  });

  it('runs a command by its Turkish title', async () => {
    const { page, runCommand } = vscode();
    await runCommand(`VairoSMS: ${nls('tr')['command.showLog']}`);
    await page.waitForFunction(outputShowsVairoSMS);
  });
});
