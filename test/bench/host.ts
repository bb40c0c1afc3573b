// The extension-host rows of `npm run bench`: the `extensionTestsPath` module (its run() executes inside the real
// extension host of code-server, beside the extension and the generated hello-world peer). Bundled to out/test-extension/bench/host.js.
//   BENCH_MODE=activation   row 2: both extensions' load + activate() figures, and what activation evaluated; then
//                           the window's first lookup through the prompts (P3)
//   BENCH_MODE=peer-first   row 2, then P3's peer: a bare webview as the window's first, then our first lookup after it
//   BENCH_MODE=batch        row 8 only (while working on it)
//   BENCH_MODE=summary      row 9 only: lookups that fetch the report and the send's summary together
//   BENCH_MODE=perceived    row 2, the first lookup (P3), then P1, P2, P4 and P5's peers (while working on them)
//   BENCH_MODE=full         row 2, then the lazy transport (one lookup), row 3 (panels), row 7 (memory), row 5 (tree),
//                           row 8 (a 10,000-number batch with 200 KB answers: peak and retained heap)
// Writes its figures as JSON to BENCH_OUT (also when a step fails: `error` then says which).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HARD_CAP } from '../../src/core/history/history';
import { BATCH, SAMPLE, batchNumber } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { realisticHistory } from './fixtures';
import { closeAll as closeAllPanels, firstLookup, peerFirst, perceivedSeries } from './perceived';
import { median, nextRender, percentile, sleep } from './stats';
import { seam } from '../surface/client';
import { config, KEY, log } from './hostCommon';
import {
  startupPerformance,
  perfExcerpt,
  gcFunction,
  reportAndSummary,
  batchMemory,
  settledHeap,
  BATCH_MEMORY_NUMBERS,
} from './hostRows';

const OUR_ID = 'smsdev.vairosms-reports';
const HELLO_ID = process.env.BENCH_HELLO_ID ?? 'vairosms-bench.hello-world';
const HELLO_STATE = '_vairosmsBenchHello.state';
const SERIES = Number(process.env.BENCH_PANEL_LOOKUPS ?? 30);
const MEMORY_LOOKUPS = Number(process.env.BENCH_MEMORY_LOOKUPS ?? 100);
/** Between closing a panel and the next new-panel lookup: the workbench tears the old webview down meanwhile. */
const NEW_PANEL_PAUSE_MS = Number(process.env.BENCH_NEW_PANEL_PAUSE_MS ?? 200);

interface RenderTiming {
  newPanel: boolean;
  responseToRenderedMs: number;
  panelBeforeResponse: boolean;
  renderMs?: number;
  frameMs?: number;
  arrivedAt?: number;
  postedAt?: number;
  receivedAt?: number;
  paintedAt?: number;
}
interface State {
  loadMs: number;
  activationMs: number;
  mainLoadMs: number;
  mainLoaded: boolean;
  transportLoaded?: boolean;
  history?: unknown[];
  panels?: unknown[];
  renderTimings?: RenderTiming[];
  renderCount?: number;
}
interface TreeBench {
  entries: number;
  getChildrenMs: number;
  getTreeItemsMs: number;
  storedBytes: number;
}

/** The time VS Code's extension host spent in `require(main)` for one extension: its own
 *  code/extHost/will|didLoadExtensionCode marks (Date.now(), so 1 ms resolution in the Node host). VS Code's "Load Code"
 *  in Startup Performance spans more: localized-message init and a log flush are awaited inside it. */
function vscodeLoadMarks(id: string): number | undefined {
  const marks =
    (
      globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }
    ).MonacoPerformanceMarks?.getMarks() ?? [];
  const will = marks.find((m) => m.name === `code/extHost/willLoadExtensionCode/${id}`)?.startTime;
  const did = marks.find((m) => m.name === `code/extHost/didLoadExtensionCode/${id}`)?.startTime;
  return will !== undefined && did !== undefined ? did - will : undefined;
}

const state = async (): Promise<State> => seam.state();

/** Waits for onStartupFinished to activate both extensions; activates them itself if it has not after `ms`. */
async function waitForActivation(ms: number): Promise<string> {
  const ids = [OUR_ID, HELLO_ID];
  for (const id of ids)
    if (!vscode.extensions.getExtension(id)) throw new Error(`extension ${id} is not in the extension host`);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ids.every((id) => vscode.extensions.getExtension(id)?.isActive)) return 'onStartupFinished';
    await sleep(25);
  }
  for (const id of ids) await vscode.extensions.getExtension(id)?.activate();
  return 'activate() called by the bench (onStartupFinished had not fired)';
}

/** A createInputBox that accepts `value` once shown (the API key prompt); returns the undo. */
function answerKeyPrompt(value: string): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const orig = win.createInputBox;
  win.createInputBox = () => {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const change = new vscode.EventEmitter<string>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const box: Record<string, unknown> = {
      value: '',
      buttons: [],
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidChangeValue: change.event,
      onDidTriggerButton: button.event,
      show() {
        setTimeout(() => {
          box.value = value;
          change.fire(value);
          accept.fire();
        }, 0);
      },
      hide() {
        hide.fire();
      },
      dispose() {
        /* nothing held */
      },
    };
    return box;
  };
  return () => {
    win.createInputBox = orig;
  };
}

/** One lookup through the command, waiting until the webview reported it rendered; returns that render's timing. */
async function lookup(sendId: string, number: string): Promise<RenderTiming> {
  const before = (await state()).renderCount ?? 0;
  const outcome = await vscode.commands.executeCommand<{ ok: boolean; error?: string } | undefined>(
    'vairosms.lookUpReport',
    sendId,
    number,
  );
  if (!outcome?.ok) throw new Error(`lookup ${sendId}/${number} failed: ${JSON.stringify(outcome)}`);
  const s = await nextRender(state, before, `${sendId}/${number}`);
  const timings = s.renderTimings ?? [];
  return timings[timings.length - 1];
}

function summarize(t: RenderTiming[]) {
  const ms = t.map((x) => x.responseToRenderedMs);
  const dom = t.map((x) => x.renderMs).filter((x): x is number => typeof x === 'number');
  const framed = t.filter((x): x is RenderTiming & { frameMs: number } => typeof x.frameMs === 'number');
  const frame = framed.map((x) => x.frameMs);
  const messaging = framed.map((x) => x.responseToRenderedMs - x.frameMs);
  return {
    n: t.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: Math.max(...ms),
    beforeResponse: t.filter((x) => x.panelBeforeResponse).length,
    values: ms,
    // The webview's own share: building the DOM for the report (the rest is VS Code's messaging and painting).
    domP50: dom.length ? percentile(dom, 50) : undefined,
    domP95: dom.length ? percentile(dom, 95) : undefined,
    // In the webview from the model's arrival to the ack (DOM build + the wait for a painted frame); what is left of
    // each round trip is the messaging between the extension host and the webview, both ways.
    frameP50: frame.length ? percentile(frame, 50) : undefined,
    frameP95: frame.length ? percentile(frame, 95) : undefined,
    messagingP50: messaging.length ? percentile(messaging, 50) : undefined,
    messagingP95: messaging.length ? percentile(messaging, 95) : undefined,
    // The same round trip by the two clocks (epoch marks): our host work before the post, VS Code carrying the model
    // to the webview, the webview's DOM build and frame, VS Code carrying the ack back.
    split: epochSplit(t),
  };
}

function epochSplit(t: RenderTiming[]) {
  const marked = t.filter((x) => x.postedAt !== undefined && x.receivedAt !== undefined && x.paintedAt !== undefined);
  if (!marked.length) return undefined;
  const of = (f: (x: RenderTiming) => number) => {
    const v = marked.map(f);
    return { p50: percentile(v, 50), p95: percentile(v, 95) };
  };
  return {
    n: marked.length,
    answerToPost: of((x) => x.postedAt! - x.arrivedAt!),
    postToWebview: of((x) => x.receivedAt! - x.postedAt!),
    webviewToPaint: of((x) => x.paintedAt! - x.receivedAt!),
    paintToAck: of((x) => x.responseToRenderedMs - (x.paintedAt! - x.arrivedAt!)),
  };
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_OUT;
  if (!out) throw new Error('BENCH_OUT is not set');
  const mode = process.env.BENCH_MODE ?? 'full';
  const result: Record<string, unknown> = {
    mode,
    vscodeVersion: vscode.version,
    node: process.versions.node,
    uiKind: vscode.env.uiKind,
  };
  const ours = vscode.extensions.getExtension(OUR_ID);
  const repo = ours?.extensionUri.fsPath ?? '';
  const inCache = (file: string) => Object.keys(require.cache).includes(path.join(repo, 'dist', file));
  let sb: Sandbox | undefined;
  let step = 'activation';
  try {
    // ---- row 2: activation, ours beside the hello-world peer, both activated by onStartupFinished ----
    result.activatedBy = await waitForActivation(30_000);
    const s0 = await state();
    const hello = await vscode.commands.executeCommand<{ loadMs: number; activationMs: number }>(HELLO_STATE);
    result.activation = {
      ours: { loadMs: s0.loadMs, activationMs: s0.activationMs, totalMs: s0.loadMs + s0.activationMs },
      hello: { loadMs: hello.loadMs, activationMs: hello.activationMs, totalMs: hello.loadMs + hello.activationMs },
    };
    result.requireMs = { ours: vscodeLoadMarks(OUR_ID), hello: vscodeLoadMarks(HELLO_ID) };
    const perf = await startupPerformance([OUR_ID, HELLO_ID]);
    result.startupPerformance = perf;
    if ('error' in perf && process.env.BENCH_DEBUG) result.perfExcerpt = await perfExcerpt();
    result.lazyAfterActivation = {
      mainLoaded: s0.mainLoaded,
      transportLoaded: s0.transportLoaded === true,
      mainJsInRequireCache: inCache('main.js'),
      httpJsInRequireCache: inCache('http.js'),
    };
    log(
      `activation: ours ${(s0.loadMs + s0.activationMs).toFixed(2)} ms, hello ${(hello.loadMs + hello.activationMs).toFixed(2)} ms; main loaded ${s0.mainLoaded}, transport loaded ${s0.transportLoaded === true}`,
    );
    if (mode === 'batch' || mode === 'summary') {
      // Row 8 or row 9 alone (BENCH_MODE=batch or summary, for working on them): the key answered at the prompt.
      step = mode === 'batch' ? 'batch memory' : 'report and summary';
      const undoKey = answerKeyPrompt(KEY);
      try {
        if (mode === 'batch') result.batchMemory = await batchMemory(gcFunction(), undefined);
        else result.reportAndSummary = await reportAndSummary();
      } finally {
        undoKey();
      }
      return;
    }
    if (mode === 'peer-first') {
      step = "P3's peer";
      sb = await startSandbox({ apiKey: KEY });
      Object.assign(result, await peerFirst(sb, KEY, SAMPLE.sendId, SAMPLE.number));
      return;
    }
    if (mode !== 'full' && mode !== 'activation' && mode !== 'perceived') return;

    // ---- P3: the window's first lookup, through the prompts (the key's too); the transport is evaluated for it ----
    step = 'first lookup';
    sb = await startSandbox({ apiKey: KEY });
    result.firstLookup = await firstLookup(sb, KEY, SAMPLE.sendId, SAMPLE.number);
    const first = (result.firstLookup as { timing: RenderTiming }).timing;
    log(`first lookup: Enter → painted ${(result.firstLookup as { totalMs: number }).totalMs.toFixed(0)} ms`);
    if (mode === 'activation') return;
    if (mode === 'perceived') {
      // P1–P5 alone (BENCH_MODE=perceived, for working on them).
      step = 'perceived speed';
      result.perceived = await perceivedSeries(sb);
      return;
    }
    const s1 = await state();
    result.lazyAfterFirstLookup = {
      mainLoaded: s1.mainLoaded,
      transportLoaded: s1.transportLoaded === true,
      mainLoadMs: s1.mainLoadMs,
      mainJsInRequireCache: inCache('main.js'),
      httpJsInRequireCache: inCache('http.js'),
    };
    result.firstPanel = first;

    // ---- row 3: response → rendered, in an open panel and in new panels ----
    step = 'open panel';
    await closeAllPanels();
    await lookup(SAMPLE.sendId, SAMPLE.number); // opens the panel (not counted)
    const open: RenderTiming[] = [];
    for (let i = 0; i < SERIES; i++) open.push(await lookup(SAMPLE.sendId, SAMPLE.number));
    result.openPanel = summarize(open);
    result.openPanelAllReused = open.every((t) => !t.newPanel);
    step = 'new panels';
    await closeAllPanels();
    const fresh: RenderTiming[] = [];
    for (let i = 0; i < SERIES; i++) {
      fresh.push(await lookup(BATCH.sendId, batchNumber(i)));
      await closeAllPanels();
      await sleep(NEW_PANEL_PAUSE_MS);
    }
    result.newPanel = summarize(fresh);
    result.newPanelAllNew = fresh.every((t) => t.newPanel);

    // ---- P1, P2, P4 and P5's peer: Enter → painted, into the reused tab and into new tabs, at 0 and 150 ms ----
    step = 'perceived speed';
    result.perceived = await perceivedSeries(sb);
    await config().update('apiRoot', sb.root, vscode.ConfigurationTarget.Global);
    log(
      `panels: open p95 ${percentile(
        open.map((t) => t.responseToRenderedMs),
        95,
      ).toFixed(1)} ms, new p95 ${percentile(
        fresh.map((t) => t.responseToRenderedMs),
        95,
      ).toFixed(1)} ms`,
    );

    // ---- row 7: heap growth after 100 lookups into one panel and closing it, beside the same host idle ----
    step = 'memory';
    const gc = gcFunction();
    // The same work once before the baseline (10 lookups into one panel, then closed), so the baseline already
    // holds whatever a first round allocates for good (code, caches) and the comparison is like for like.
    for (let i = 0; i < 10; i++) await lookup(SAMPLE.sendId, SAMPLE.number);
    await closeAllPanels();
    await sleep(1000);
    sb.resetStats();
    const before = await settledHeap(gc);
    const t0 = Date.now();
    for (let i = 0; i < MEMORY_LOOKUPS; i++) await lookup(SAMPLE.sendId, SAMPLE.number);
    await closeAllPanels();
    const busyMs = Date.now() - t0;
    await sleep(1000); // let the webview's dispose round trip finish
    sb.resetStats(); // the sandbox lives in this heap: drop its request log
    const after = await settledHeap(gc);
    await sleep(busyMs); // the same host, idle for as long as the lookups took: the control
    const idleAfter = await settledHeap(gc);
    result.memory = {
      lookups: MEMORY_LOOKUPS,
      before,
      after,
      growth: after - before,
      busyMs,
      idleAfter,
      idleGrowth: idleAfter - after,
    };
    log(
      `memory: ${((after - before) / 1024).toFixed(0)} KB after ${MEMORY_LOOKUPS} lookups, ${((idleAfter - after) / 1024).toFixed(0)} KB idle`,
    );

    // ---- row 5: the Recent Lookups tree at the cap, in the real host ----
    step = 'tree';
    await config().update('maxRecentLookups', HARD_CAP, vscode.ConfigurationTarget.Global);
    await sleep(200);
    const entries = realisticHistory(HARD_CAP);
    await seam.setStoredHistory(entries);
    const stored = (await state()).history ?? [];
    if (stored.length !== HARD_CAP)
      throw new Error(`the extension kept ${stored.length} of ${HARD_CAP} stored entries`);
    const runs: TreeBench[] = [];
    for (let i = 0; i < 25; i++) runs.push(await seam.benchTree());
    const warm = runs.slice(3);
    result.tree = {
      entries: runs[0].entries,
      runs: warm.length,
      first: runs[0].getChildrenMs + runs[0].getTreeItemsMs,
      getChildrenMs: median(warm.map((r) => r.getChildrenMs)),
      getTreeItemsMs: median(warm.map((r) => r.getTreeItemsMs)),
      totalMs: median(warm.map((r) => r.getChildrenMs + r.getTreeItemsMs)),
      storedChars: runs[0].storedBytes,
      storedUtf8Bytes: Buffer.byteLength(JSON.stringify(entries)),
    };
    await seam.setStoredHistory([]);

    // ---- row 9: a lookup that fetches both takes no longer than the slower of the two ----
    step = 'report and summary';
    await closeAllPanels();
    result.reportAndSummary = await reportAndSummary();
    await config().update('apiRoot', sb.root, vscode.ConfigurationTarget.Global);
    log(
      `report and summary: median ${(result.reportAndSummary as { wallMedianMs: number }).wallMedianMs.toFixed(1)} ms`,
    );

    // ---- row 8: a 10,000-number batch with 200 KB answers: peak heap while it runs, what stays after its panel closes.
    // The sandbox runs in a child process here, so its 2 GB of answers are not in this heap.
    step = 'batch memory';
    if (BATCH_MEMORY_NUMBERS > 0) result.batchMemory = await batchMemory(gc, sb.root);
  } catch (e) {
    result.error = `${step}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  } finally {
    fs.writeFileSync(out, JSON.stringify(result, null, 2));
    if (mode === 'full') {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors').then(undefined, () => undefined);
      await config()
        .update('maxRecentLookups', undefined, vscode.ConfigurationTarget.Global)
        .then(undefined, () => undefined);
      await config()
        .update('apiRoot', undefined, vscode.ConfigurationTarget.Global)
        .then(undefined, () => undefined);
      await sb?.close();
    }
  }
  if (result.error) throw new Error(String(result.error));
}
