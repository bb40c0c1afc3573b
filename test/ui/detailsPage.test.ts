// The store page as VS Code shows it (#23): the installed extension's details page renders the packaged README in a
// webview that loads pictures over https only, so every picture must be an https address that serves it (the
// repository's file; test/storePage.ts). The test has no network: it answers those addresses from the repository's
// files (Playwright routing in the browser) and checks that the page asked for each and drew it. A relative path
// (drawn 0 px wide on VS Code 1.100, dropped on 1.103+) or a data: URI (dropped on 1.103+) fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { markdownTargets, pictureBase, pictureFile } from '../storePage';
import { REPO_ROOT, useVSCode, type VSCode } from './harness';

const EXTENSION_ID = 'smsdev.vairosms-reports';
const OPEN_DETAILS = 'ctrl+shift+alt+f9';

/** The installed extension's README as the details page reads it (vsce writes it as extension/readme.md). */
function installedReadme(v: VSCode): string {
  const folder = fs.readdirSync(v.extensionsDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  assert.ok(folder, `${EXTENSION_ID} is not installed in ${v.extensionsDir}`);
  const dir = path.join(v.extensionsDir, folder);
  const readme = fs.readdirSync(dir).find((f) => f.toLowerCase() === 'readme.md');
  assert.ok(readme, 'the installed extension has no readme.md');
  return fs.readFileSync(path.join(dir, readme), 'utf8');
}

/** Runs in a frame: is this the details page's README (its first sentence and its "In pictures" heading)? */
const isReadme = (): boolean =>
  /Find out what happened to an SMS/.test(document.body?.textContent ?? '') &&
  Array.from(document.querySelectorAll('h2')).some((h) => /In pictures/.test(h.textContent ?? ''));

/** Runs in the README's frame: brings each picture into view (in case it loads lazily), waits until it has loaded or
 *  failed, and reports its source as rendered (the sanitizer removes one it refuses) and its natural width. */
const loadedImages = async (): Promise<Array<{ src: string; naturalWidth: number }>> => {
  const images = Array.from(document.images);
  for (const img of images) {
    img.scrollIntoView();
    if (!img.complete)
      await new Promise<void>((resolve) => {
        img.addEventListener('load', () => resolve(), { once: true });
        img.addEventListener('error', () => resolve(), { once: true });
        setTimeout(resolve, 15000);
      });
  }
  return images.map((img) => ({ src: img.getAttribute('src') ?? '', naturalWidth: img.naturalWidth }));
};

/** The frame of the page that holds the README: the details page's webview, reached by searching every frame (its
 *  iframe is drawn over an editor that is no webview panel of ours, so the harness's title tags do not name it). */
async function readmeFrame(v: VSCode, timeoutMs = 60000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of v.page.frames()) {
      if (frame === v.page.mainFrame()) continue;
      if (await frame.evaluate(isReadme).catch(() => false)) return frame;
    }
    if (Date.now() > deadline) assert.fail('no frame of the page shows the README (the extension details page)');
    await v.page.waitForTimeout(250);
  }
}

/** Opens the details page by the key bound to `extension.open`, again if no tab came: right after the start the
 *  command can run before the workbench has listed the installed extensions, and then opens nothing. */
async function openDetails(v: VSCode): Promise<void> {
  const tab = v.editorTab(/VairoSMS Reports/);
  for (let attempt = 1; ; attempt++) {
    await v.runCommandByKey(OPEN_DETAILS);
    const opened = await tab.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (opened) {
      if (process.env.VERBOSE && attempt > 1) console.log(`      [details] opened at try ${attempt}`);
      return;
    }
    if (attempt === 6) assert.fail(`the details page did not open after ${attempt} tries of extension.open`);
  }
}

describe('the extension details page', () => {
  const vscode = useVSCode({
    keybindings: [{ key: OPEN_DETAILS, command: 'extension.open', args: EXTENSION_ID }],
  });

  it('shows every picture of the installed README, each loaded from its https address', async () => {
    const v = vscode();
    const expected = markdownTargets(installedReadme(v))
      .filter((t) => t.image)
      .map((t) => t.target);
    assert.ok(expected.length > 0, 'the README shows no picture');

    // The repository's address as the web would serve it, answered from the repository's files.
    const served: string[] = [];
    await v.context.route(`${pictureBase(REPO_ROOT)}**`, async (route) => {
      const file = pictureFile(REPO_ROOT, route.request().url());
      if (!file) return route.fulfill({ status: 404 });
      served.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(file) });
    });

    await openDetails(v);
    const images = await (await readmeFrame(v)).evaluate(loadedImages);

    assert.deepEqual(
      images.map((i) => i.src),
      expected,
      "the page's pictures (a source the page refused is empty) are not the README's",
    );
    const broken = images.filter((i) => !(i.naturalWidth > 0));
    assert.deepEqual(broken, [], `pictures drawn 0 px wide: ${broken.map((i) => i.src).join(', ')}`);
    assert.deepEqual(
      [...new Set(served)].sort(),
      [...new Set(expected)].sort(),
      'the page asked for every picture at its https address',
    );
  });
});
