// The VSCode object a spec drives: the parts (palette, input box, quick pick, webviews, side bar, notifications,
// hovers, the workbench) joined into one, plus what spans them (Set API Key…) and close().
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { hoverDriver } from './hover';
import { inputBoxDriver, type InputBoxDriver } from './inputBox';
import { keyboardDriver } from './keyboard';
import { stopServer } from './launch';
import { notificationsDriver } from './notifications';
import { paletteDriver } from './palette';
import { quickInput } from './quickInput';
import { quickPickDriver, type QuickPickDriver } from './quickPick';
import { sidebarDriver } from './sidebar';
import { webviewDriver } from './webview';
import { workbenchDriver } from './workbench';

export interface VSCode {
  page: Page;
  context: BrowserContext;
  /** http://127.0.0.1:PORT */
  url: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  serverLog(): string;
  /** Browser console errors and page errors seen so far. */
  browserLog(): string;
  /** Opens the command palette (F1) with `>` + `filter` typed in; it stays open (see quickPick). */
  openCommandPalette(filter?: string): Promise<void>;
  /** F1 → fill the title → wait for the row whose label is exactly `title` → accept it. Retries when focus is lost. */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file in an editor through Quick Open (Ctrl+P), like a user; waits for its tab. */
  openFile(relativePath: string): Promise<void>;
  /** Presses a chord bound through LaunchOptions.keybindings, e.g. 'ctrl+shift+alt+f1' (VS Code syntax). */
  runCommandByKey(chord: string): Promise<void>;
  inputBox: InputBoxDriver;
  quickPick: QuickPickDriver;
  /**
   * The content frame of a webview: by editor-tab title (the webview must be the visible editor of its group),
   * by index among all ready webviews, or (no argument) the first visible one.
   */
  webview(titleOrIndex?: string | number): FrameLocator;
  /** The Playwright Frame of a webview's content (for evaluate: axe-core), by its editor title. */
  webviewFrame(title: string): Promise<Frame>;

  /** The first notification toast containing `text`. */
  notification(text: string | RegExp): Locator;
  /** The in-page modal dialog (`showWarningMessage(…, { modal: true })`), optionally containing `text`. */
  dialog(text?: string | RegExp): Locator;
  /** Clicks a button of the visible modal dialog by its label (exact). */
  clickDialogButton(label: string): Promise<void>;
  /** An editor tab containing `title`. */
  editorTab(title: string | RegExp): Locator;
  /** Clicks the activity-bar entry with this title unless its container is already open. */
  openSideBar(containerTitle: string): Promise<void>;
  /** Tree/list rows in the side bar, panel or auxiliary bar containing `text` (all matches). */
  treeRow(text: string | RegExp): Locator;
  /** The first visible VS Code hover (`.monaco-hover`, `.workbench-hover`), optionally containing `text`. */
  hover(text?: string | RegExp): Locator;
  /** The first status-bar entry containing `text`. */
  statusBarItem(text: string | RegExp): Locator;
  readClipboard(): Promise<string>;
  /** "VairoSMS: Set API Key…" through the palette's password box, waiting until the key is saved (English UI). */
  setApiKey(key: string): Promise<void>;
  /** Saves a PNG of the page; returns its path. Default dir: <repo>/test-results. */
  screenshot(name: string, dir?: string): Promise<string>;
  /** Developer: Reload Window, then waits for the workbench and our activity-bar entry. */
  reload(): Promise<void>;
  close(): Promise<void>;
  /** Set by useVSCode when a test failed: with KEEP_TEST_DIRS=1, close() keeps the temp dirs. */
  failed: boolean;
}

export interface DriverParts {
  page: Page;
  context: BrowserContext;
  url: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  scratch: string;
  server: ChildProcess;
  log: () => string;
  consoleLines: string[];
}

export function makeDriver(p: DriverParts): VSCode {
  const { page } = p;
  const q = quickInput(page);
  const quickPick = quickPickDriver(q);
  const inputBox = inputBoxDriver(q);
  const driver: VSCode = {
    page,
    context: p.context,
    url: p.url,
    workspace: p.workspace,
    userDataDir: p.userDataDir,
    extensionsDir: p.extensionsDir,
    failed: false,
    serverLog: p.log,
    browserLog: () => p.consoleLines.join('\n'),

    ...paletteDriver(page, q, { quickPick }),
    ...keyboardDriver(page),
    inputBox,
    quickPick,
    ...webviewDriver(page),
    ...notificationsDriver(page),
    ...sidebarDriver(page),
    ...hoverDriver(page),
    ...workbenchDriver(page, p),

    async setApiKey(key) {
      await this.runCommand('VairoSMS: Set API Key…');
      await this.inputBox.waitFor(/Paste your VairoSMS API key/);
      await this.inputBox.fill(key);
      await this.inputBox.enter();
      await this.notification('VairoSMS API key saved').waitFor();
    },

    async close() {
      const keep = driver.failed && process.env.KEEP_TEST_DIRS === '1';
      try {
        await p.context.close();
      } catch {
        /* already closed */
      }
      await stopServer(p.server);
      if (keep) console.log(`      [harness] kept ${p.scratch}`);
      else fs.rmSync(p.scratch, { recursive: true, force: true });
    },
  };
  return driver;
}
