// A small driver for UI specs: a real VS Code (code-server 4.100.3 = VS Code 1.100.3) with the packaged .vsix
// installed, opened in headless Debian chromium through playwright-core, used like a user would (command palette,
// input boxes, webviews, side bar, hovers, notifications). Bundled into each spec by esbuild (out/ui/*.test.js).
// See test/ui/README.md for the selectors behind each helper and the pitfalls found on the way.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';

/** The title of our activity-bar entry (package.json `viewsContainers.activitybar[0].title`, same in every language). */
export const ACTIVITY_TITLE = 'VairoSMS';

export interface LaunchOptions {
  /** The extension to install; default `<repo>/vairosms-reports.vsix` (or env VAIROSMS_TEST_VSIX). */
  vsix?: string;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Display language: `tr` installs a fake language pack and starts code-server with `--locale tr`. */
  locale?: 'en' | 'tr';
  /** Workspace files, by relative path (folders are created). Default: a README.md. */
  files?: Record<string, string>;
  /** Written to User/keybindings.json: lets a spec run a command by id (see runCommandByKey). */
  keybindings?: Array<{ key: string; command: string; args?: unknown; when?: string }>;
  /** `workbench.colorTheme`, e.g. 'Default Light Modern', 'Default Dark Modern', 'Default High Contrast'. */
  colorTheme?: string;
  /** Environment for code-server and so for the extension host (e.g. a sandbox URL). */
  env?: Record<string, string>;
  /** Let page scripts ignore Content-Security-Policy (Playwright's bypassCSP): only to prove that a defence other
   *  than the CSP holds, e.g. localResourceRoots. */
  bypassCSP?: boolean;
  /** Scripts Playwright runs in every frame as it is created, before the frame's own (context.addInitScript). */
  initScripts?: Array<() => void>;
}

export interface InputBoxDriver {
  /** The `<input>` of the visible quick input. */
  readonly input: Locator;
  /** Waits until a quick input shows `promptText` in its prompt/message line or its title. */
  waitFor(promptText: string | RegExp, timeoutMs?: number): Promise<void>;
  isPassword(): Promise<boolean>;
  value(): Promise<string>;
  /** Types key by key (validation runs on every change). */
  type(text: string): Promise<void>;
  /** Replaces the value in one go. */
  fill(text: string): Promise<void>;
  /** The validation message shown now, or '' when the input is valid (the prompt is not a validation message). */
  validationMessage(): Promise<string>;
  /** Waits until the validation message matches (or, with '', until there is none). */
  waitForValidationMessage(text: string | RegExp, timeoutMs?: number): Promise<void>;
  enter(): Promise<void>;
  escape(): Promise<void>;
}

export interface QuickPickDriver {
  /** Waits until a quick pick with rows is visible (optionally with `title` in its title/prompt). */
  waitFor(title?: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The labels of the rendered rows. */
  items(): Promise<string[]>;
  /** The first row whose own label is exactly `label` (string) or matches (RegExp); not the English alias line. */
  row(label: string | RegExp): Locator;
  /** Clicks the row whose label is exactly `label` (string) or matches (RegExp). */
  pick(label: string | RegExp): Promise<void>;
}

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

// ---------------------------------------------------------------------------------------------------------------

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest)) {
        try {
          if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'vairosms-reports')
            return dir;
        } catch {
          /* not ours */
        }
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

export const REPO_ROOT = findRepoRoot();
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
const CODE_SERVER =
  process.env.CODE_SERVER_BIN ||
  path.join(REPO_ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'update.mode': 'none',
  // Most specs keep several report tabs open at once; the tab reuse (a preview tab) has a spec of its own.
  'vairosms.reports.reuseTab': false,
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string): RegExp => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);
const cssString = (s: string): string => JSON.stringify(s);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const safeName = (s: string): string =>
  s
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 120) || 'screenshot';
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** 'ctrl+shift+alt+f1' (keybindings.json) → 'Control+Shift+Alt+F1' (Playwright); chords separated by spaces. */
export function toPlaywrightChord(chord: string): string[] {
  const names: Record<string, string> = {
    ctrl: 'Control',
    shift: 'Shift',
    alt: 'Alt',
    cmd: 'Meta',
    meta: 'Meta',
    win: 'Meta',
    enter: 'Enter',
    escape: 'Escape',
    tab: 'Tab',
    space: 'Space',
    backspace: 'Backspace',
    delete: 'Delete',
    up: 'ArrowUp',
    down: 'ArrowDown',
    left: 'ArrowLeft',
    right: 'ArrowRight',
    home: 'Home',
    end: 'End',
    pageup: 'PageUp',
    pagedown: 'PageDown',
    insert: 'Insert',
  };
  return chord
    .trim()
    .split(/\s+/)
    .map((part) =>
      part
        .split('+')
        .map((k) => {
          const key = k.toLowerCase();
          if (names[key]) return names[key];
          if (/^f\d{1,2}$/.test(key)) return key.toUpperCase();
          return key.length === 1 ? key : k;
        })
        .join('+'),
    );
}

function writeWorkspace(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Makes VS Code run in `locale` although only English is installed (see TESTING.md "Display language in tests"). */
function writeLanguagePack(userDataDir: string, scratch: string, locale: string): void {
  const translations = path.join(scratch, `translations.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: 'test',
        label: locale,
        // must not be empty, or the extension host never loads extensions
        extensions: [{ extensionIdentifier: { id: 'test.language-pack' }, version: '1.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err)
        reject(
          new Error(
            `${path.basename(args[0] ?? file)} ${args.slice(1).join(' ')} failed: ${errorText(err)}\n${stdout}${stderr}`,
          ),
        );
      else resolve(`${stdout}${stderr}`);
    });
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  const kill = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      try {
        server.kill(signal);
      } catch {
        /* gone */
      }
    }
  };
  kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) kill('SIGKILL');
  await sleep(200); // code-server's file watcher child lets go of the workspace
}

/**
 * Tags every visible webview iframe with the title of the active editor tab of the group it is drawn over
 * (`data-editor-title`), so a spec can find a webview by its panel title. Webview iframes live outside the
 * editor's DOM subtree (an overlay positioned over the group), so no selector links them.
 */
function tagWebviewsInPage(): void {
  if (window.top !== window) return;
  const tag = (): void => {
    const groups = Array.from(document.querySelectorAll<HTMLElement>('.editor-group-container'));
    for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe.webview'))) {
      const r = frame.getBoundingClientRect();
      const visible = r.width > 0 && r.height > 0 && getComputedStyle(frame).visibility !== 'hidden';
      let title = '';
      if (visible) {
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        for (const g of groups) {
          const gr = g.getBoundingClientRect();
          if (cx >= gr.left && cx <= gr.right && cy >= gr.top && cy <= gr.bottom) {
            const label =
              g.querySelector('.tab.active .label-name, .tab.active .tab-label') ??
              g.querySelector('.title-label .label-name');
            title = (label?.textContent ?? '').trim();
            break;
          }
        }
      }
      if (title) {
        if (frame.getAttribute('data-editor-title') !== title) frame.setAttribute('data-editor-title', title);
      } else if (frame.hasAttribute('data-editor-title')) frame.removeAttribute('data-editor-title');
    }
  };
  setInterval(tag, 200);
}

// ---------------------------------------------------------------------------------------------------------------

export async function launchVSCode(opts: LaunchOptions = {}): Promise<VSCode> {
  const started = Date.now();
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`${CODE_SERVER} is missing: run \`npm run setup:code-server\``);
  const vsix = path.resolve(
    opts.vsix ?? process.env.VAIROSMS_TEST_VSIX ?? path.join(REPO_ROOT, 'vairosms-reports.vsix'),
  );
  if (!fs.existsSync(vsix))
    throw new Error(
      `${vsix} is missing: run \`node esbuild.js --production && npx vsce package --no-dependencies -o vairosms-reports.vsix\``,
    );

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-ui-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(d, { recursive: true });
  const files =
    opts.files && Object.keys(opts.files).length > 0 ? opts.files : { 'README.md': '# VairoSMS UI test workspace\n' };
  writeWorkspace(workspace, files);
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        ...DEFAULT_SETTINGS,
        ...(opts.colorTheme ? { 'workbench.colorTheme': opts.colorTheme } : {}),
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  if (opts.keybindings?.length) {
    fs.writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(opts.keybindings, null, 2));
  }
  const locale = opts.locale && opts.locale !== 'en' ? opts.locale : undefined;
  if (locale) writeLanguagePack(userDataDir, scratch, locale);

  const common = [
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--config',
    path.join(scratch, 'config.yaml'),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    VSCODE_IPC_HOOK_CLI: '',
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
  };
  let log = '';
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const consoleLines: string[] = [];
  const cleanup = async (keep: boolean): Promise<void> => {
    try {
      await context?.close();
    } catch {
      /* already closed */
    }
    if (server) await stopServer(server);
    if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    // 1. install the .vsix offline (by id would ask open-vsx.org)
    log += await run(process.execPath, [CODE_SERVER, ...common, '--install-extension', vsix], env, 120000);

    // 2. start code-server on a free port; ready when both listeners are up
    const args = [
      CODE_SERVER,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
    ];
    if (locale) args.push('--locale', locale);
    args.push(workspace);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    server = child;
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60000);
      const on = (d: Buffer): void => {
        log += d.toString();
        const m = log.match(/HTTP server listening on (http:\/\/[.:\d]+)/);
        if (m && /Session server listening/.test(log)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', on);
      child.stderr!.on('data', on);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (${code ?? signal})`));
      });
    });
    child.removeAllListeners('exit');

    // 3. the browser: a persistent profile (secrets live in its storage), clipboard allowed for the origin
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
      locale: locale ?? 'en-US',
      bypassCSP: opts.bypassCSP === true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address });
    await context.addInitScript(tagWebviewsInPage);
    for (const script of opts.initScripts ?? []) await context.addInitScript(script);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      d.accept().catch(() => undefined);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleLines.push(`[console.error] ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    page.setDefaultTimeout(30000);

    const url = `${address}/?folder=${encodeURIComponent(workspace)}`;
    await page.goto(url);
    await waitForWorkbench(page);
    // the workspace is open when the explorer lists a top-level entry (dot-entries may be excluded from it)
    const first = Object.keys(files)
      .map((f) => f.split(/[\\/]/)[0])
      .filter((f) => !f.startsWith('.'))
      .sort()[0];
    if (first)
      await page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ hasText: first })
        .first()
        .waitFor({ timeout: 60000 });
    const vscode = makeDriver({
      page,
      context,
      url: address,
      workspace,
      userDataDir,
      extensionsDir,
      scratch,
      server: child,
      log: () => log,
      consoleLines,
    });
    if (process.env.VERBOSE) console.log(`      [harness] VS Code ready in ${Date.now() - started} ms at ${address}`);
    return vscode;
  } catch (err) {
    const base = path.join(RESULTS_DIR, `launch-failure-${Date.now()}`);
    try {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      if (page) await page.screenshot({ path: `${base}.png` });
      fs.writeFileSync(`${base}.log`, `${log}\n--- browser ---\n${consoleLines.join('\n')}\n`);
    } catch {
      /* best effort */
    }
    await cleanup(process.env.KEEP_TEST_DIRS === '1');
    throw new Error(
      `launchVSCode failed: ${errorText(err)}\n(screenshot and log: ${base}.*)\n--- code-server log (tail) ---\n${log.slice(-4000)}`,
    );
  }
}

async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('div.monaco-workbench').waitFor({ timeout: 60000 });
  // our contributions are in the UI once the remote extension host has scanned the extensions
  await activityEntry(page, ACTIVITY_TITLE).waitFor({ timeout: 60000 });
}

/** The activity-bar link of a view container; its aria-label is the title, plus " (keybinding)" when it has one. */
function activityEntry(page: Page, title: string): Locator {
  return page.locator('.activitybar a.action-label').and(activityLabel(page, title)).first();
}

function activityLabel(page: Page, title: string): Locator {
  return page.locator(`[aria-label=${cssString(title)}], [aria-label^=${cssString(`${title} (`)}]`);
}

interface DriverParts {
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

function makeDriver(p: DriverParts): VSCode {
  const { page } = p;
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  const paletteVisible = async (): Promise<boolean> => (await widget.isVisible()) && (await input.isVisible());
  // the row's own label; in a non-English UI a second line (.quick-input-list-label-meta) repeats the English title
  const MAIN_LABEL = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';
  const rowWithLabel = (label: string | RegExp): Locator =>
    rows
      .filter({ has: page.locator(MAIN_LABEL).filter({ hasText: typeof label === 'string' ? exactly(label) : label }) })
      .first();

  async function openPalette(): Promise<void> {
    if (await paletteVisible()) {
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
    for (const key of ['F1', 'Control+Shift+P']) {
      // a focused webview iframe swallows the key (or forwards it late): give the focus back to the workbench
      await page.evaluate(() => {
        const a = document.activeElement;
        if (a instanceof HTMLIFrameElement) a.blur();
      });
      await page.keyboard.press(key);
      const opened = await page
        .waitForFunction(
          () => {
            const w = document.querySelector<HTMLElement>('.quick-input-widget');
            const i = w?.querySelector<HTMLInputElement>('.quick-input-box input');
            return (
              !!w &&
              !!i &&
              getComputedStyle(w).display !== 'none' &&
              document.activeElement === i &&
              i.value.startsWith('>')
            );
          },
          undefined,
          { timeout: 3000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (opened) return;
      if (process.env.VERBOSE) console.log(`      [harness] ${key} did not open the command palette`);
    }
    throw new Error('the command palette did not open');
  }

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

    async openCommandPalette(filter = '') {
      await openPalette();
      if (filter) await input.fill(`>${filter}`);
    },

    async runCommand(title) {
      let last: unknown;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await openPalette();
          const text = `>${title}`;
          const row = rowWithLabel(title);
          // The palette computes its rows when the filter changes: commands registered later (just after start or
          // reload) show up only after the filter is typed again, so refill it until the row is there.
          const deadline = Date.now() + 15000;
          for (let refill = 0; ; refill++) {
            if (refill > 0) await input.fill('>');
            await input.fill(text);
            if (
              await row.waitFor({ state: 'visible', timeout: 1500 }).then(
                () => true,
                () => false,
              )
            )
              break;
            if (Date.now() > deadline)
              throw new Error(
                `no palette row labelled ${JSON.stringify(title)}; rows: ${JSON.stringify(await driver.quickPick.items())}`,
              );
          }
          if ((await input.inputValue()) !== text)
            throw new Error('the palette input changed while waiting (focus lost?)');
          if (await row.evaluate((el) => el.classList.contains('focused'))) await input.press('Enter');
          else await row.click();
          // accepted: the palette closes, or the command's own quick input replaces it
          await page.waitForFunction(
            (t) => {
              const w = document.querySelector<HTMLElement>('.quick-input-widget');
              const i = w?.querySelector<HTMLInputElement>('.quick-input-box input');
              return !w || !i || getComputedStyle(w).display === 'none' || i.value !== t;
            },
            text,
            { timeout: 5000 },
          );
          return;
        } catch (e) {
          last = e;
          if (process.env.VERBOSE)
            console.log(
              `      [harness] runCommand(${JSON.stringify(title)}) attempt ${attempt}: ${errorText(e).split('\n')[0]}`,
            );
          await page.keyboard.press('Escape').catch(() => undefined);
          await sleep(300 * attempt);
        }
      }
      throw new Error(`runCommand(${JSON.stringify(title)}) failed after 3 attempts: ${errorText(last)}`);
    },

    async openFile(relativePath) {
      const base = path.basename(relativePath);
      let last: unknown;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await openPalette();
          await input.fill(relativePath); // without the '>' prefix the palette is Quick Open (Go to File)
          const row = rows.filter({ has: page.locator(MAIN_LABEL).filter({ hasText: exactly(base) }) }).first();
          await row.waitFor({ state: 'visible', timeout: 15000 });
          await row.click();
          await page
            .locator('.tabs-container .tab.active')
            .filter({ hasText: base })
            .first()
            .waitFor({ timeout: 15000 });
          return;
        } catch (e) {
          last = e;
          if (process.env.VERBOSE)
            console.log(
              `      [harness] openFile(${JSON.stringify(relativePath)}) attempt ${attempt}: ${errorText(e).split('\n')[0]}`,
            );
          await page.keyboard.press('Escape').catch(() => undefined);
          await sleep(300 * attempt);
        }
      }
      throw new Error(`openFile(${JSON.stringify(relativePath)}) failed after 3 attempts: ${errorText(last)}`);
    },

    async runCommandByKey(chord) {
      await page.evaluate(() => {
        const a = document.activeElement;
        if (a instanceof HTMLIFrameElement) a.blur();
      });
      for (const step of toPlaywrightChord(chord)) await page.keyboard.press(step);
    },

    inputBox: {
      input,
      async waitFor(promptText, timeoutMs = 30000) {
        await widget
          .locator('.quick-input-message, .quick-input-title')
          .filter({ hasText: promptText })
          .first()
          .waitFor({ state: 'visible', timeout: timeoutMs });
        await input.waitFor({ state: 'visible', timeout: timeoutMs });
      },
      async isPassword() {
        return (await input.getAttribute('type')) === 'password';
      },
      async value() {
        return input.inputValue();
      },
      async type(text) {
        await input.pressSequentially(text);
      },
      async fill(text) {
        await input.fill(text);
      },
      async validationMessage() {
        return widget.evaluate((w) => {
          const box = w.querySelector('.quick-input-box .monaco-inputbox');
          const invalid = !!box && ['error', 'warning', 'info'].some((c) => box.classList.contains(c));
          return invalid ? (w.querySelector('.quick-input-message')?.textContent ?? '').trim() : '';
        });
      },
      async waitForValidationMessage(text, timeoutMs = 10000) {
        const deadline = Date.now() + timeoutMs;
        let seen = '';
        for (;;) {
          seen = await driver.inputBox.validationMessage();
          if (typeof text === 'string' ? (text === '' ? seen === '' : seen.includes(text)) : text.test(seen)) return;
          if (Date.now() > deadline)
            throw new Error(`validation message ${JSON.stringify(seen)} does not match ${String(text)}`);
          await sleep(100);
        }
      },
      async enter() {
        await input.press('Enter');
      },
      async escape() {
        await input.press('Escape');
      },
    },

    quickPick: {
      async waitFor(title, timeoutMs = 30000) {
        if (title !== undefined) {
          await widget
            .locator('.quick-input-title, .quick-input-message')
            .filter({ hasText: title })
            .first()
            .waitFor({ state: 'visible', timeout: timeoutMs });
        }
        await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
      },
      async items() {
        return rows.evaluateAll(
          (els, sel) =>
            els.map((el) => (el.querySelector(sel)?.textContent ?? el.getAttribute('aria-label') ?? '').trim()),
          MAIN_LABEL,
        );
      },
      row: rowWithLabel,
      async pick(label) {
        const row = rowWithLabel(label);
        await row.waitFor({ state: 'visible' });
        await row.click();
      },
    },

    webview(titleOrIndex) {
      const frames = page.locator('iframe.webview.ready');
      let frame: Locator;
      if (typeof titleOrIndex === 'number') frame = frames.nth(titleOrIndex);
      else if (typeof titleOrIndex === 'string')
        frame = page.locator(`iframe.webview.ready[data-editor-title=${cssString(titleOrIndex)}]`).first();
      else frame = frames.filter({ visible: true }).first();
      return frame.contentFrame().frameLocator('#active-frame');
    },

    async webviewFrame(title) {
      const outer = await page
        .locator(`iframe.webview.ready[data-editor-title=${cssString(title)}]`)
        .first()
        .elementHandle({ timeout: 30000 });
      const outerFrame = await outer?.contentFrame();
      const inner = await outerFrame?.waitForSelector('#active-frame', { timeout: 30000 });
      const frame = await inner?.contentFrame();
      if (!frame) throw new Error(`no content frame in the webview "${title}"`);
      return frame;
    },

    notification(text) {
      return page.locator('.notification-toast').filter({ hasText: text }).first();
    },

    dialog(text) {
      const boxes = page.locator('.monaco-dialog-box').filter({ visible: true });
      return (text === undefined ? boxes : boxes.filter({ hasText: text })).first();
    },

    async clickDialogButton(label) {
      const button = page
        .locator('.monaco-dialog-box .dialog-buttons .monaco-button')
        .filter({ hasText: exactly(label) })
        .first();
      await button.click();
      await page
        .locator('.monaco-dialog-box')
        .filter({ visible: true })
        .first()
        .waitFor({ state: 'hidden', timeout: 10000 });
    },

    editorTab(title) {
      return page.locator('.tabs-container .tab').filter({ hasText: title }).first();
    },

    async openSideBar(containerTitle) {
      const entry = activityEntry(page, containerTitle);
      await entry.waitFor({ state: 'visible' });
      // the <li> around the link carries `checked` while its container is shown
      const item = page
        .locator('.activitybar li.action-item')
        .filter({ has: page.locator('a.action-label').and(activityLabel(page, containerTitle)) })
        .first();
      const isOpen = async (): Promise<boolean> =>
        (await item.evaluate((el) => el.classList.contains('checked'))) &&
        (await page.locator('.part.sidebar').isVisible());
      // Right after a reload the workbench may restore the side bar just after our first look, and then a click
      // toggles it closed again: keep checking, and click again when it stays closed.
      const deadline = Date.now() + 15000;
      let lastClick = 0;
      while (!(await isOpen())) {
        if (Date.now() > deadline) throw new Error(`the "${containerTitle}" side bar did not open`);
        if (Date.now() - lastClick > 2000) {
          await entry.click();
          lastClick = Date.now();
        }
        await sleep(100);
      }
    },

    treeRow(text) {
      return page
        .locator('.part.sidebar .monaco-list-row, .part.panel .monaco-list-row, .part.auxiliarybar .monaco-list-row')
        .filter({ hasText: text });
    },

    hover(text) {
      const hovers = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true });
      return (text === undefined ? hovers : hovers.filter({ hasText: text })).first();
    },

    statusBarItem(text) {
      return page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
    },

    async setApiKey(key) {
      await this.runCommand('VairoSMS: Set API Key…');
      await this.inputBox.waitFor(/Paste your VairoSMS API key/);
      await this.inputBox.fill(key);
      await this.inputBox.enter();
      await this.notification('VairoSMS API key saved').waitFor();
    },

    async readClipboard() {
      await page.bringToFront();
      return page.evaluate(() => navigator.clipboard.readText());
    },

    async screenshot(name, dir = RESULTS_DIR) {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${safeName(name)}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    async reload() {
      // the activity-bar entry is restored from the workbench's cache at once; the new extension host comes later
      const launched = (): number => p.log().split('Launched Extension Host Process').length;
      const before = launched();
      await page.reload();
      await waitForWorkbench(page);
      const deadline = Date.now() + 60000;
      while (launched() <= before) {
        if (Date.now() > deadline) throw new Error('no new extension host after the reload');
        await sleep(100);
      }
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

/** Saves a screenshot, the code-server log and the browser errors for a failed test; returns the base path. */
export async function saveFailureArtifacts(vscode: VSCode, testTitle: string): Promise<string> {
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

// ---- menus -------------------------------------------------------------------------------------------------

/** Opens the item context menu of a Recent Lookups row; returns the visible menu. */
export async function contextMenu(v: VSCode, row: Locator): Promise<Locator> {
  await row.click({ button: 'right' });
  const menu = v.page.locator('.monaco-menu').filter({ visible: true }).first();
  await menu.waitFor();
  return menu;
}

/** Clicks a context-menu item like a user: pointer onto it first (a click that arrives right after the menu opened,
 *  before the item took the hover focus, is ignored by VS Code's menu). */
export async function pickMenuItem(v: VSCode, menu: Locator, label: string): Promise<void> {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const item = menu.locator('a.action-menu-item').filter({ hasText: exact });
  await item.hover();
  await menu
    .locator('li.action-item.focused')
    .filter({ has: v.page.locator('a.action-menu-item', { hasText: exact }) })
    .waitFor({ timeout: 5000 });
  await item.click();
  // A click the menu swallowed (it re-rendered under the pointer): the item has the focus, so Enter picks it.
  if (
    !(await menu.waitFor({ state: 'hidden', timeout: 2500 }).then(
      () => true,
      () => false,
    ))
  ) {
    await v.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

// ---- keyboard ----------------------------------------------------------------------------------------------

/** Presses Tab from the top of the panel until the element marked data-focus=`key` has the focus. */
export async function tabTo(frame: FrameLocator, v: VSCode, key: string): Promise<void> {
  await frame.locator('h1').click();
  for (let i = 0; i < 40; i++) {
    await v.page.keyboard.press('Tab');
    const at = await frame
      .locator(':focus')
      .getAttribute('data-focus')
      .catch(() => null);
    if (at === key) return;
  }
  throw new Error(`Tab never reached [data-focus="${key}"]`);
}
