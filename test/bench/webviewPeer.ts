// The bare webview of `npm run bench` (rows P2, P4, P5): what VS Code itself costs for a panel, measured in the same
// run and host as ours. Bundled to .bench/hello-ext/webviewPeer.js and loaded by the hello-world peer on first use of
// its webview commands (so the peer's activation, row 2, stays a hello world). Its page is the least a webview can
// be: a heading, one inline script (CSP with a nonce, as ours) that says "ready", echoes pings after a painted frame,
// and reports its load event and first contentful paint the way src/webview/report.ts does.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

const epochNow = () => performance.timeOrigin + performance.now();

interface PageMarks {
  loadAt?: number;
  fcpAt?: number;
}

function html(nonce: string): string {
  const script = `(() => {
  const api = acquireVsCodeApi();
  const page = {};
  const say = () => {
    if (page.said || page.loadAt === undefined || page.fcpAt === undefined) return;
    page.said = true;
    api.postMessage({ type: 'page', loadAt: page.loadAt, fcpAt: page.fcpAt });
  };
  window.addEventListener('load', () => { page.loadAt = performance.timeOrigin + performance.now(); say(); }, { once: true });
  new PerformanceObserver((list, o) => {
    const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
    if (!e) return;
    o.disconnect();
    page.fcpAt = performance.timeOrigin + e.startTime;
    say();
  }).observe({ type: 'paint', buffered: true });
  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || m.type !== 'ping') return;
    const receivedAt = performance.timeOrigin + performance.now();
    document.getElementById('n').textContent = String(m.i);
    requestAnimationFrame(() => setTimeout(() => {
      api.postMessage({ type: 'pong', i: m.i, receivedAt, paintedAt: performance.timeOrigin + performance.now() });
    }, 0));
  });
  api.postMessage({ type: 'ready' });
})();`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">
<title>Hello</title></head>
<body><h1>Hello World</h1><p id="n">0</p><script nonce="${nonce}">${script}</script></body></html>`;
}

function open(): { panel: vscode.WebviewPanel; createdAt: number; ready: Promise<number>; page: Promise<PageMarks> } {
  const createdAt = epochNow();
  const panel = vscode.window.createWebviewPanel(
    'vairosmsBenchHello.panel',
    'Hello World',
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
    { enableScripts: true, localResourceRoots: [] },
  );
  let readyResolve: (at: number) => void = () => undefined;
  let pageResolve: (p: PageMarks) => void = () => undefined;
  const ready = new Promise<number>((r) => (readyResolve = r));
  const page = new Promise<PageMarks>((r) => (pageResolve = r));
  panel.webview.onDidReceiveMessage((m: { type?: string; loadAt?: number; fcpAt?: number }) => {
    if (m?.type === 'ready') readyResolve(epochNow());
    if (m?.type === 'page') pageResolve({ loadAt: m.loadAt, fcpAt: m.fcpAt });
  });
  panel.webview.html = html(randomBytes(16).toString('base64'));
  return { panel, createdAt, ready, page };
}

const within = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]);

/** One bare panel: created → "ready" in the host (its boot), and its page's load → first contentful paint. */
export async function boot(): Promise<{ bootMs: number; loadAt?: number; fcpAt?: number }> {
  const { panel, createdAt, ready, page } = open();
  try {
    const readyAt = await within(ready, 20_000, Number.NaN);
    const marks = await within(page, 3_000, {});
    return { bootMs: readyAt - createdAt, ...marks };
  } finally {
    panel.dispose();
  }
}

/** `n` round trips to one visible bare panel: the host posts, the page changes one text node and answers after the
 *  next painted frame (as ours acks a render). Each split by the two clocks: host → page, page, page → host. */
export async function roundTrips(
  n: number,
): Promise<Array<{ totalMs: number; toPageMs: number; inPageMs: number; backMs: number }>> {
  const { panel, ready } = open();
  try {
    await within(ready, 20_000, Number.NaN);
    const out: Array<{ totalMs: number; toPageMs: number; inPageMs: number; backMs: number }> = [];
    for (let i = -5; i < n; i++) {
      const sentAt = epochNow();
      const pong = await within(
        new Promise<{ receivedAt: number; paintedAt: number } | undefined>((resolve) => {
          const sub = panel.webview.onDidReceiveMessage(
            (m: { type?: string; i?: number; receivedAt: number; paintedAt: number }) => {
              if (m?.type !== 'pong' || m.i !== i) return;
              sub.dispose();
              resolve(m);
            },
          );
          void panel.webview.postMessage({ type: 'ping', i });
        }),
        10_000,
        undefined,
      );
      const backAt = epochNow();
      if (!pong) throw new Error(`the bare panel did not answer ping ${i}`);
      if (i < 0) continue; // warm-up
      out.push({
        totalMs: backAt - sentAt,
        toPageMs: pong.receivedAt - sentAt,
        inPageMs: pong.paintedAt - pong.receivedAt,
        backMs: backAt - pong.paintedAt,
      });
    }
    return out;
  } finally {
    panel.dispose();
  }
}
