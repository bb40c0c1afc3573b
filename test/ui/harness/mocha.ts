// The harness in mocha: one VS Code per describe block, and the artifacts of a failed test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESULTS_DIR, errorText, safeName } from './common';
import type { VSCode } from './driver';
import { launchVSCode, type LaunchOptions } from './launch';

/** Saves a screenshot, the code-server log and the browser errors for a failed test; returns the base path. */
async function saveFailureArtifacts(vscode: VSCode, testTitle: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, safeName(testTitle));
  try {
    await vscode.page.screenshot({ path: `${base}.png` });
  } catch (e) {
    console.error(`      [harness] screenshot failed: ${errorText(e)}`);
  }
  fs.writeFileSync(
    `${base}.log`,
    `--- code-server log ---\n${vscode.serverLog()}\n--- browser ---\n${vscode.browserLog()}\n`,
  );
  return base;
}

/**
 * Mocha helper for one describe block: starts one VS Code before its tests, closes it after them, and saves a
 * screenshot plus the code-server log into test-results/ after each failed test.
 *   describe('x', () => { const vscode = useVSCode({ ... }); it('y', async () => { await vscode().runCommand('…'); }); });
 */
export function useVSCode(opts: LaunchOptions | (() => LaunchOptions | Promise<LaunchOptions>) = {}): () => VSCode {
  let instance: VSCode | undefined;
  before(async function () {
    this.timeout(240000);
    instance = await launchVSCode(typeof opts === 'function' ? await opts() : opts);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (instance && test?.state === 'failed') {
      instance.failed = true;
      const base = await saveFailureArtifacts(instance, test.fullTitle());
      console.log(`      [harness] saved ${base}.png and ${base}.log`);
    }
  });
  after(async function () {
    this.timeout(60000);
    await instance?.close();
    instance = undefined;
  });
  return () => {
    if (!instance) throw new Error('VS Code is not running: the before hook of useVSCode() failed or has not run');
    return instance;
  };
}
