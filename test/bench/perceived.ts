// Rows P1–P5 of `npm run bench` (the perceived-speed issue), run inside the real extension host by test/bench/host.ts:
// from the moment a lookup's input box is accepted (the mark in src/commands/input.ts) to the moment its status badge
// is painted (the webview's mark after the next animation frame, src/webview/report.ts), VS Code's own work included.
// The prompts are VS Code's real input boxes: this module fills each one as it is shown and accepts it with
// workbench.action.acceptSelectedQuickOpenItem, which is what Enter runs. Beside each series, the bare webview of the
// hello-world peer (test/bench/webviewPeer.ts) in the same run: its boot, its load → first paint, its round trip.
import * as vscode from 'vscode';
import { BATCH, batchNumber } from '../sandbox/data';
import { type Sandbox } from '../sandbox/server';
import { nextRender, percentile, sleep, until } from './stats';
import { seam } from '../surface/client';

/** What src/instrumentation/renderTimings.ts records of one lookup (epoch ms marks, ms durations). */
export interface Timing {
  newPanel: boolean;
  responseToRenderedMs: number;
  acceptedAt?: number;
  startedAt: number;
  arrivedAt: number;
  postedAt?: number;
  receivedAt?: number;
  paintedAt?: number;
  requestMs: number;
  page?: { createdAt: number; readyAt?: number; loadAt?: number; fcpAt?: number };
}

interface ShellState {
  loadMs: number;
  activationMs: number;
  mainLoadMs: number;
  mainLoaded: boolean;
  renderTimings?: Timing[];
  renderCount?: number;
  panels?: unknown[];
  transportLoad?: { ms: number; at: number };
}

export const state = async (): Promise<ShellState> => seam.state();
const config = () => vscode.workspace.getConfiguration('vairosms');

/** VS Code's real input boxes, each filled with the next queued value when shown and accepted as Enter accepts it.
 *  A box shown with nothing queued is left alone. */
export function answerPrompts(): { queue(...values: string[]): void; undo(): void } {
  const win = vscode.window as unknown as { createInputBox: () => vscode.InputBox };
  const orig = win.createInputBox;
  const pending: string[] = [];
  win.createInputBox = () => {
    const box = orig();
    const show = box.show.bind(box);
    box.show = () => {
      const value = pending.shift();
      if (value !== undefined) box.value = value;
      show();
      if (value === undefined) return;
      let done = false;
      const subs = [box.onDidAccept(() => (done = true)), box.onDidHide(() => (done = true))];
      void (async () => {
        // The box's own update goes to the workbench on a timer: accept once it is there, again if it was not.
        for (let i = 0; i < 10 && !done; i++) {
          await sleep(i === 0 ? 40 : 1000);
          if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
        subs.forEach((s) => s.dispose());
      })();
    };
    return box;
  };
  return {
    queue: (...values) => pending.push(...values),
    undo: () => {
      win.createInputBox = orig;
    },
  };
}

/** "Look Up Number Report…" as a user runs it: the send ID box, the number box (and `extra` boxes after them, the
 *  API key's on a first use), each filled and accepted; resolves with the timing of the render it led to. */
export async function lookUpViaPrompts(
  prompts: ReturnType<typeof answerPrompts>,
  sendId: string,
  number: string,
  ...extra: string[]
): Promise<Timing> {
  // The shell answers this without loading the features bundle (the first lookup must load it itself).
  const before = (await state()).renderCount ?? 0;
  prompts.queue(sendId, number, ...extra);
  const outcome = await vscode.commands.executeCommand<{ ok: boolean } | undefined>('vairosms.lookUpReport');
  if (!outcome?.ok) throw new Error(`the prompted lookup ${sendId}/${number} failed: ${JSON.stringify(outcome)}`);
  const s = await nextRender(state, before, `${sendId}/${number}`);
  let t = s.renderTimings?.[s.renderTimings.length - 1];
  if (!t?.acceptedAt || !t.paintedAt) throw new Error(`the render of ${sendId}/${number} has no accept or paint mark`);
  if (t.page && t.page.fcpAt === undefined) {
    // A new page reports its load and first paint once, about when it acks its first render.
    const index = (s.renderTimings?.length ?? 0) - 1;
    await until(
      async () => {
        t = (await state()).renderTimings?.[index] ?? t;
        return t?.page?.fcpAt !== undefined;
      },
      3000,
      `the first paint of ${sendId}/${number}'s page`,
    ).catch(() => undefined); // reported as missing (P4 counts the pages that said it)
  }
  return t as Timing;
}

/** Closes every editor and waits until no report panel is left. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until(async () => ((await state()).panels ?? []).length === 0, 10_000, 'every panel to close', 25);
}

const stat = (v: number[]) => ({
  n: v.length,
  p50: percentile(v, 50),
  p95: percentile(v, 95),
  max: Math.max(...v),
  values: v.map((x) => Math.round(x * 10) / 10),
});

/** Where one lookup's time went, Enter → painted, in ms. */
export function split(t: Timing) {
  const painted = t.paintedAt ?? Number.NaN;
  const accepted = t.acceptedAt ?? Number.NaN;
  return {
    totalMs: painted - accepted,
    /** After Enter, before the lookup started: the command's own steps (the key checked, or stored on a first use). */
    acceptToStartMs: t.startedAt - accepted,
    /** The lookup's start to the answer (the request itself is requestMs of it). */
    startToAnswerMs: t.arrivedAt - t.startedAt,
    requestMs: t.requestMs,
    /** The answer to the model's post (our host work; a new tab: also the wait for its webview's "ready"). */
    answerToPostMs: (t.postedAt ?? Number.NaN) - t.arrivedAt,
    /** VS Code carrying the model to the webview. */
    postToWebviewMs: (t.receivedAt ?? Number.NaN) - (t.postedAt ?? Number.NaN),
    /** In the webview: the DOM build and the next painted frame. */
    webviewToPaintMs: painted - (t.receivedAt ?? Number.NaN),
    /** A new tab: its creation to its "ready" in the host (the webview's boot), and its load → first paint. */
    bootMs: t.page?.readyAt !== undefined ? t.page.readyAt - t.page.createdAt : undefined,
    loadToFcpMs: t.page?.fcpAt !== undefined && t.page.loadAt !== undefined ? t.page.fcpAt - t.page.loadAt : undefined,
  };
}

function summarize(timings: Timing[]) {
  const parts = timings.map(split);
  const of = (k: keyof ReturnType<typeof split>) =>
    stat(parts.map((p) => p[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
  return {
    total: of('totalMs'),
    acceptToStart: of('acceptToStartMs'),
    startToAnswer: of('startToAnswerMs'),
    request: of('requestMs'),
    answerToPost: of('answerToPostMs'),
    postToWebview: of('postToWebviewMs'),
    webviewToPaint: of('webviewToPaintMs'),
    boot: of('bootMs'),
    loadToFcp: of('loadToFcpMs'),
    freshPages: timings.filter((t) => t.page).length,
  };
}

/** The first lookup of a window, through the prompts and the API key's prompt (a fresh profile has no key): its
 *  split, beside activation and the features bundle's load (both before its prompt, so not on its Enter → paint). */
export async function firstLookup(sb: Sandbox, key: string, sendId: string, number: string) {
  await config().update('apiRoot', sb.root, vscode.ConfigurationTarget.Global);
  const prompts = answerPrompts();
  try {
    const t = await lookUpViaPrompts(prompts, sendId, number, key);
    const s = await state();
    const parts = split(t);
    return {
      ...parts,
      timing: t,
      activationMs: s.loadMs + s.activationMs,
      bundleLoadMs: s.mainLoadMs,
      transportLoadMs: s.transportLoad?.ms,
      /** The transport loaded while the prompt was open (src/commands/lookUpReport.ts warmUp), off the path. */
      transportBeforeEnter:
        s.transportLoad !== undefined && t.acceptedAt !== undefined && s.transportLoad.at < t.acceptedAt,
      /** Everything the extension's first lookup costs: activation, the bundle, then Enter → paint. */
      coldTotalMs: s.loadMs + s.activationMs + s.mainLoadMs + parts.totalMs,
    };
  } finally {
    prompts.undo();
  }
}

/** P3's peer: the bare webview as the window's first webview (its first boot pays what VS Code sets up once per
 *  window), then our first lookup in that window, after it (kept apart from P3: it is not a window's first). */
export async function peerFirst(sb: Sandbox, key: string, sendId: string, number: string) {
  const peerFirstBoot = await vscode.commands.executeCommand('_vairosmsBenchHello.boot');
  await closeAll();
  return { peerFirstBoot, firstLookupAfterPeer: await firstLookup(sb, key, sendId, number) };
}

const N = Number(process.env.BENCH_PERCEIVED_N ?? 20);
const LATENCIES = [0, 150];
const PAUSE_MS = Number(process.env.BENCH_NEW_PANEL_PAUSE_MS ?? 200);
/** P4's API latency: longer than a webview's boot here (about 1.1 s), so the answer arrives after the page loads. */
const SLOW_MS = 2000;

/** P1, P2, P4, P5's peers: lookups through the prompts into the reused tab and into new tabs at 0 and 150 ms, the
 *  bare webview's boots and round trips beside them. Leaves the reuse setting as it found it. */
export async function perceivedSeries(sb: Sandbox) {
  await config().update('apiRoot', sb.root, vscode.ConfigurationTarget.Global);
  const prompts = answerPrompts();
  const reuseBefore = config().inspect<boolean>('reports.reuseTab')?.globalValue;
  const out: Record<string, unknown> = { n: N, latencies: LATENCIES };
  let num = 100; // BATCH's numbers 100 on (row 3b uses 0–29)
  try {
    // ---- P1: into the open report tab, the preview tab retargeted to each new number ----
    await config().update('reports.reuseTab', true, vscode.ConfigurationTarget.Global);
    await closeAll();
    const reused: Record<number, ReturnType<typeof summarize>> = {};
    let allReused = true;
    for (const latency of LATENCIES) {
      sb.setLatency(latency);
      await lookUpViaPrompts(prompts, BATCH.sendId, batchNumber(num++)); // the tab (not counted)
      const series: Timing[] = [];
      for (let i = 0; i < N; i++) series.push(await lookUpViaPrompts(prompts, BATCH.sendId, batchNumber(num++)));
      allReused &&= series.every((t) => !t.page) && ((await state()).panels ?? []).length === 1;
      reused[latency] = summarize(series);
    }
    out.reused = reused;
    out.allReused = allReused;

    // ---- P2 (and P4): into a new tab each time, the bare webview's boot interleaved at 0 ms ----
    await config().update('reports.reuseTab', false, vscode.ConfigurationTarget.Global);
    const fresh: Record<number, ReturnType<typeof summarize>> = {};
    const bare: Array<{ bootMs: number; loadAt?: number; fcpAt?: number }> = [];
    let allFresh = true;
    for (const latency of LATENCIES) {
      sb.setLatency(latency);
      const series: Timing[] = [];
      for (let i = 0; i < N; i++) {
        await closeAll();
        await sleep(PAUSE_MS);
        series.push(await lookUpViaPrompts(prompts, BATCH.sendId, batchNumber(num++)));
        if (latency === 0) {
          await closeAll();
          await sleep(PAUSE_MS);
          bare.push(await vscode.commands.executeCommand('_vairosmsBenchHello.boot'));
        }
      }
      allFresh &&= series.every((t) => t.page !== undefined);
      fresh[latency] = summarize(series);
    }
    out.fresh = fresh;
    out.allFresh = allFresh;

    // ---- P4: new tabs whose answer comes after the page has loaded (the API slower than the boot), so the first
    // paint is the page's own loading state; in the series above the report was already waiting at load ----
    sb.setLatency(SLOW_MS);
    const slow: Timing[] = [];
    for (let i = 0; i < Math.min(N, 10); i++) {
      await closeAll();
      await sleep(PAUSE_MS);
      slow.push(await lookUpViaPrompts(prompts, BATCH.sendId, batchNumber(num++)));
    }
    out.slowFresh = {
      latencyMs: SLOW_MS,
      ...summarize(slow),
      // the page painted before the report reached it: what it painted was its loading state
      paintedBeforeReport: slow.filter((t) => t.page?.fcpAt !== undefined && t.page.fcpAt < (t.receivedAt ?? 0)).length,
    };
    out.bareBoot = stat(bare.map((b) => b.bootMs));
    out.bareLoadToFcp = stat(
      bare.flatMap((b) => (b.loadAt !== undefined && b.fcpAt !== undefined ? [b.fcpAt - b.loadAt] : [])),
    );

    // ---- P5's peer: the bare panel's round trip, the same frame wait as our ack ----
    await closeAll();
    const trips = await vscode.commands.executeCommand<
      Array<{ totalMs: number; toPageMs: number; inPageMs: number; backMs: number }>
    >('_vairosmsBenchHello.roundTrips', 30);
    out.bareRoundTrip = {
      total: stat(trips.map((t) => t.totalMs)),
      toPage: stat(trips.map((t) => t.toPageMs)),
      inPage: stat(trips.map((t) => t.inPageMs)),
      back: stat(trips.map((t) => t.backMs)),
    };
  } finally {
    prompts.undo();
    sb.setLatency(0);
    await config().update('reports.reuseTab', reuseBefore, vscode.ConfigurationTarget.Global);
    await closeAll().catch(() => undefined);
  }
  return out;
}
