// BENCHMARKS.md's "Details": for each row, the figures behind it.
import { fmtList, KB, kb, median, ms, x } from './format.mjs';

export function markdownDetails(d) {
  const { N, hostRuns, hostProblem, c, act, OUR_ID, HELLO_ID, full, b, batchRatio, h, s, per, bareRt, firsts } = d;
  const md = [];
  md.push('## Details', '');
  md.push(`### 1. Client (${c.lookups} sequential lookups × ${c.rounds} rounds, loopback)`, '');
  md.push(
    'The sandbox runs in its own Node process. Every client first makes',
    `${c.warmup} untimed warm-up lookups; a client's figure is the median of its per-round medians.`,
    '',
  );
  md.push(
    '| Client | Median | Round medians (ms) | p95 (median of rounds) | New connections after the warm-up |',
    '|---|---|---|---|---|',
  );
  md.push(
    `| (a) lookUpReport + dist/http.js (node-fetch, global agent keep-alive: ${c.ours.globalAgentKeepAlive}) | ${ms(c.ours.median, 3)} | ${fmtList(c.ours.roundMedians, 3)} | ${ms(c.ours.p95, 3)} | ${c.ours.connections} |`,
  );
  if (c.curl)
    md.push(
      `| (b) one \`curl -s -X POST …\` process per lookup (the provider's sample) | ${ms(c.curl.median, 3)} | ${fmtList(c.curl.roundMedians, 3)} | ${ms(c.curl.p95, 3)} | one per lookup |`,
    );
  md.push(
    `| (c) bare \`http.request\`, keep-alive agent, JSON.parse of the body (the floor) | ${ms(c.floor.median, 3)} | ${fmtList(c.floor.roundMedians, 3)} | ${ms(c.floor.p95, 3)} | ${c.floor.connections} |`,
  );
  md.push(
    `| diagnostic: node-fetch alone (\`fetch(url, {method, headers, body})\` + \`text()\` + JSON.parse) | ${ms(c.nodeFetch.median, 3)} | ${fmtList(c.nodeFetch.roundMedians, 3)} | ${ms(c.nodeFetch.p95, 3)} | global agent |`,
  );
  md.push(
    `| diagnostic: Node's global \`fetch\` (undici) | ${ms(c.globalFetch.median, 3)} | ${fmtList(c.globalFetch.roundMedians, 3)} | ${ms(c.globalFetch.p95, 3)} | undici pool |`,
  );
  md.push(
    '',
    `Each round: ${c.lookups} lookups per client in blocks of ${c.block}, the clients taking turns block by block in a rotating order.`,
    `(a) − node-fetch alone = ${ms(c.ours.median - c.nodeFetch.median, 3)}: what our lookup code (request building, AbortSignals, redirect and body-cap`,
    `handling, parsing, redaction) adds on top of node-fetch; node-fetch alone − the floor = ${ms(c.nodeFetch.median - c.floor.median, 3)}.`,
    '',
  );
  md.push('### 2. Activation (real extension host: code-server, onStartupFinished)', '');
  if (act.length) {
    md.push(
      `${act.length} launch(es), each with a fresh profile; both extensions time themselves the same way: \`performance.now()\` at the`,
      'top of the bundle (load) and around `activate()`.',
      '',
    );
    md.push(
      '| Launch | Ours: require + activate() | Hello: require + activate() | Ours: loadMs + activationMs | Hello: loadMs + activationMs | Ours: VS Code Load Code / Call Activate / Finish Activate | Hello: the same | Activated by |',
      '|---|---|---|---|---|---|---|---|',
    );
    const vsCell = (a, id) =>
      a.startupPerformance && !a.startupPerformance.error
        ? `${a.startupPerformance[id].loadCodeMs} / ${a.startupPerformance[id].callActivateMs} / ${a.startupPerformance[id].finishActivateMs} ms`
        : `n/a (${a.startupPerformance?.error ?? 'not read'})`;
    const reqCell = (a, who) =>
      Number.isFinite(a.requireMs?.[who])
        ? `${a.requireMs[who]} + ${a.activation[who].activationMs.toFixed(2)} ms`
        : 'n/a';
    const ownCell = (a, who) =>
      `${a.activation[who].loadMs.toFixed(2)} + ${a.activation[who].activationMs.toFixed(2)} = ${a.activation[who].totalMs.toFixed(2)} ms`;
    act.forEach((a, i) =>
      md.push(
        `| ${i + 1}${a.mode === 'full' ? ' (full)' : ''} | ${reqCell(a, 'ours')} | ${reqCell(a, 'hello')} | ${ownCell(a, 'ours')} | ${ownCell(a, 'hello')} | ${vsCell(a, OUR_ID)} | ${vsCell(a, HELLO_ID)} | ${a.activatedBy} |`,
      ),
    );
    md.push(
      '',
      "The hello-world peer is installed in the launch's fresh extensions folder (code-server's web client keeps only one",
      'extensionDevelopmentPath); both activate on onStartupFinished in the same extension host. Three views of the same activation:',
      "- **require + activate()** (row 2a): VS Code's own `code/extHost/willLoadExtensionCode` → `didLoadExtensionCode` marks around the",
      "  `require()` of the main file (Date.now(), so whole milliseconds), plus `activate()`'s own duration (`activationMs`). This is the",
      '  cost of our code alone.',
      '- **loadMs + activationMs** (row 2b, `_vairosms.test.state`): from the first line of the bundle to the end of `activate()`. `loadMs`',
      '  also holds the time the extension host spends, after the require, building the ExtensionContext (storage, secrets): both',
      '  extensions wait for it, so it varies between launches and between the two extensions, whichever is served first.',
      "- **VS Code's Load Code + Call Activate** (row 2c, *Developer: Startup Performance*, read from its `perf:Startup Performance`",
      '  document): Load Code also spans the localized-message initialization and a log flush that the host awaits before the',
      '  require, which is why even the hello-world peer shows tens of milliseconds here.',
      '',
    );
    if (full?.lazyAfterFirstLookup) {
      const a0 = full.lazyAfterActivation;
      const a1 = full.lazyAfterFirstLookup;
      md.push(
        `Lazy loading (\`_vairosms.test.state\` and Node's \`require.cache\`): after activation mainLoaded=${a0.mainLoaded}, transportLoaded=${a0.transportLoaded},`,
        `dist/main.js in require.cache=${a0.mainJsInRequireCache}, dist/http.js=${a0.httpJsInRequireCache}; after one lookup (send 187, 5399999999, against a sandbox started in the`,
        `bench module) transportLoaded=${a1.transportLoaded}, dist/http.js in require.cache=${a1.httpJsInRequireCache}; loading dist/main.js took ${ms(a1.mainLoadMs)}.`,
        '',
      );
    }
  } else {
    md.push(`Not measured: ${hostProblem}.`, '');
  }
  md.push('### 3. Panel: from the response to the webview reporting it rendered', '');
  if (full?.openPanel) {
    md.push('| Series | n | p50 | p95 | max | Panel shown before the response |', '|---|---|---|---|---|---|');
    md.push(
      `| Open panel (send 187, 5399999999, same panel) | ${full.openPanel.n} | ${ms(full.openPanel.p50)} | ${ms(full.openPanel.p95)} | ${ms(full.openPanel.max)} | ${full.openPanel.beforeResponse}/${full.openPanel.n} |`,
    );
    md.push(
      `| New panel (send 500, numbers 0–${full.newPanel.n - 1}, closed after each) | ${full.newPanel.n} | ${ms(full.newPanel.p50)} | ${ms(full.newPanel.p95)} | ${ms(full.newPanel.max)} | ${full.newPanel.beforeResponse}/${full.newPanel.n} |`,
    );
    md.push(
      `| First panel of the session (cold webview) | 1 | ${ms(full.firstPanel.responseToRenderedMs)} | | | ${full.firstPanel.panelBeforeResponse} |`,
    );
    const op = full.openPanel;
    if (op.messagingP50 !== undefined) {
      md.push(
        '',
        "Where the open-panel round trip goes (each lookup split by the webview's own clock):",
        '',
        '| Part | p50 | p95 |',
        '|---|---|---|',
        `| In the webview: DOM build | ${ms(op.domP50)} | ${ms(op.domP95)} |`,
        `| In the webview: model arrived → ack posted (DOM build + next painted frame) | ${ms(op.frameP50)} | ${ms(op.frameP95)} |`,
        `| VS Code messaging: extension host → webview and the ack back (3a minus the line above) | ${ms(op.messagingP50)} | ${ms(op.messagingP95)} |`,
      );
    }
    md.push(
      '',
      'A new panel opens in its loading state before the request is sent, so "response → rendered" there is what is left of',
      "the webview's boot when the loopback answer arrives; the peer is VS Code's own webview boot (~500 ms, microsoft/vscode#262437).",
      '',
    );
  } else {
    md.push(`Not measured: ${hostProblem}.`, '');
  }
  md.push('### 4. Batch', '');
  md.push(
    '| Numbers | Concurrency | Sandbox latency | Wall time | Ideal (n × latency / concurrency) | Ratio | Max in flight (sandbox) | Max in flight (runBatch) | OK |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  md.push(
    `| ${b.numbers.toLocaleString('en-US')} (send 500) | ${b.concurrency} | ${b.latencyMs} ms | ${(b.wallMs / 1000).toFixed(3)} s | ${(b.idealMs / 1000).toFixed(3)} s | ${x(batchRatio, 3)} | ${b.maxInFlight} | ${b.batchMaxConcurrency} | ${b.ok}/${b.numbers} |`,
  );
  md.push(
    '',
    'runBatch with lookUpReport and the production transport (dist/http.js) in plain Node; the sandbox in its own process.',
    '',
  );
  md.push('### 5. History at scale', '');
  md.push(
    'Realistic entries (test/bench/fixtures.ts): sandbox-like reports parsed by parseAnswer and added with addEntry, Turkish',
    'messages of about 60 characters, a two-point timeline on every third entry.',
    '',
  );
  md.push('| Measure | Entries | Median | p95 | Runs |', '|---|---|---|---|---|');
  md.push(
    `| repairHistory (plain Node, fresh objects each run) | ${h.atCap.entries} | ${ms(h.atCap.median, 3)} | ${ms(h.atCap.p95, 3)} | ${h.atCap.runs} |`,
  );
  md.push(
    `| repairHistory (plain Node) | ${h.large.entries.toLocaleString('en-US')} | ${ms(h.large.median, 3)} | ${ms(h.large.p95, 3)} | ${h.large.runs} |`,
  );
  if (full?.tree) {
    md.push(
      `| getChildren (extension host, \`_vairosms.test.benchTree\`) | ${full.tree.entries} | ${ms(full.tree.getChildrenMs, 3)} | | ${full.tree.runs} |`,
    );
    md.push(
      `| getTreeItem × ${full.tree.entries} (extension host) | ${full.tree.entries} | ${ms(full.tree.getTreeItemsMs, 3)} | | ${full.tree.runs} |`,
    );
    md.push(`| both, first call (cold) | ${full.tree.entries} | ${ms(full.tree.first, 3)} | | 1 |`);
  }
  md.push(
    '',
    `Diagnostic for the tree row (plain Node): \`relativeTime()\` for 200 entries, as getTreeItem calls it once per item: ${ms(h.relativeTime200.median, 3)};`,
    `the same 200 formats through one shared \`Intl.RelativeTimeFormat\`: ${ms(h.relativeTime200.sharedFormatter, 3)}.`,
  );
  md.push(
    '',
    `Stored at the cap: ${h.capBytes.toLocaleString('en-US')} bytes of UTF-8 JSON (${h.capChars.toLocaleString('en-US')} characters)${full?.tree ? `; the extension host reported ${full.tree.storedChars.toLocaleString('en-US')} characters for the same list` : ''}.`,
    '',
  );
  md.push('### 6. Sizes (production build)', '');
  md.push('| Artifact | Bytes | Budget | Met? |', '|---|---|---|---|');
  for (const it of s.items)
    md.push(
      `| ${it.label} | ${it.bytes.toLocaleString('en-US')} | ${it.budget / KB} KB (${it.budget.toLocaleString('en-US')}) | ${it.bytes <= it.budget ? 'yes' : `over by ${(it.bytes - it.budget).toLocaleString('en-US')} B`} |`,
    );
  md.push(
    `| dist/http.js | ${s.http.total.toLocaleString('en-US')} | report | node-fetch and its packages ${s.http.nodeFetch.toLocaleString('en-US')} B, our transport ${s.http.ours.toLocaleString('en-US')} B, esbuild wrappers ${s.http.wrapper.toLocaleString('en-US')} B |`,
  );
  md.push(
    '',
    `dist/http.js by package (dist/meta.json, bytes in output): ${Object.entries(s.http.packages)
      .sort((p, q) => q[1] - p[1])
      .map(([p, n]) => `${p} ${n.toLocaleString('en-US')}`)
      .join(', ')}.`,
  );
  md.push(
    `Third-party packages in dist/extension.js: ${s.extensionPackages.length ? s.extensionPackages.join(', ') : 'none'}; in dist/main.js: ${s.mainPackages.length ? s.mainPackages.join(', ') : 'none'}.`,
  );
  md.push('The budgets are asserted by `npm test` (test/unit/sizes.test.ts). 1 KB = 1,024 bytes.', '');
  md.push('### 7. Memory (extension host)', '');
  if (full?.memory) {
    const m = full.memory;
    md.push(
      `heapUsed after ten forced full collections (\`v8.setFlagsFromString('--expose_gc')\`; ten, so V8's bytecode flushing has settled on both`,
      `sides), before and after ${m.lookups} lookups into one panel and closing it, the baseline taken after 10 lookups into a panel that was then closed:`,
      `${kb(m.before)} → ${kb(m.after)} (${m.growth >= 0 ? '+' : ''}${kb(m.growth)}). Control: the same host left idle for the same ${(m.busyMs / 1000).toFixed(1)} s afterwards: ${m.idleGrowth >= 0 ? '+' : ''}${kb(m.idleGrowth)}.`,
      'The bench module, its sandbox and the workbench share this heap; the sandbox request log is cleared before each measurement.',
      '',
    );
  } else {
    md.push(`Not measured: ${hostProblem}.`, '');
  }
  md.push('### 8. A batch of 10,000 numbers with 200 KB answers (extension host)', '');
  if (full?.batchMemory) {
    const b8 = full.batchMemory;
    md.push(
      `"Look Up Several Numbers" over ${b8.numbers.toLocaleString('en-US')} numbers of the sandbox's send ${'600'}, each answer about ${b8.answerBytes / KB} KB (a unique message),`,
      `8 at a time, the sandbox in a child process. What the batch holds while it runs, heapUsed right after a full collection every 2 s:`,
      `peak ${kb(b8.livePeak)} (+${kb(b8.livePeakGrowth)} over ${kb(b8.before)}). heapUsed sampled every 20 ms without collecting, with the answers V8 had not`,
      `collected yet: peak +${kb(b8.peakGrowth)}.`,
      `after the batch panel closed and ten full collections: ${kb(b8.after)} (${b8.retained >= 0 ? '+' : ''}${kb(b8.retained)}). ${b8.ok} answered in ${(b8.wallMs / 1000).toFixed(1)} s.`,
      'A batch row keeps what its table and export need (src/core/batch/batchRun.ts keepForBatch): no raw answer, no undocumented fields, 1 K characters of message.',
      '',
    );
  } else {
    md.push(`Not measured: ${hostProblem}.`, '');
  }
  md.push('### 9. The report and the send summary together (extension host)', '');
  if (full?.reportAndSummary) {
    const r9 = full.reportAndSummary;
    md.push(
      `${r9.lookups} lookups through the lookup service (as "Look Up Number Report" runs them, the progress notification included), the sandbox`,
      `answering the report in ${r9.reportLatencyMs} ms and the summary (GonderimBilgisi) in ${r9.summaryLatencyMs} ms; each timed from its start to the later of its two answers:`,
      `median ${r9.wallMedianMs.toFixed(1)} ms, p95 ${r9.wallP95Ms.toFixed(1)} ms (the report ${r9.reportMedianMs.toFixed(1)} ms, the summary ${r9.summaryMedianMs.toFixed(1)} ms). One after the other would be ${r9.reportLatencyMs + r9.summaryLatencyMs} ms.`,
      '',
    );
  } else {
    md.push(`Not measured: ${hostProblem}.`, '');
  }
  md.push('### 10. Terminal links (plain Node)', '');
  if (N.terminal) {
    const t = N.terminal;
    md.push(
      `The terminal link provider's matcher (src/core/match/terminalMatch.ts, what the activation shell runs for each line the terminal shows) over`,
      `${t.lines.toLocaleString('en-US')} log lines (one in ten with a send ID and a number, one in ten with a status code, one in fifty a 5,000-character JSON dump), timed in runs of 100 lines:`,
      `median ${t.ours.median.toFixed(2)} µs per line, p95 ${t.ours.p95.toFixed(2)} µs, ${t.links} links. One regular expression test per line, the least any provider pays: ${t.floor.median.toFixed(2)} µs.`,
      '',
    );
  }
  md.push('### 11. Perceived speed: Enter → the report on screen (extension host and webview, code-server)', '');
  if (per?.reused) {
    const seriesRow = (label, t, peer) =>
      `| ${label} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} | ${peer} |`;
    md.push(
      "Each lookup through VS Code's real prompts (the send ID box, the number box, each filled and accepted with",
      "`workbench.action.acceptSelectedQuickOpenItem`, what Enter runs), timed from the mark in the number box's accept",
      "handler (src/commands/input.ts) to the webview's mark after the frame that painted the report (src/webview/report.ts),",
      'both in epoch milliseconds (`performance.timeOrigin + performance.now()`, one wall clock on one machine). The peer is',
      'a bare webview (a heading and one inline script, test/bench/webviewPeer.ts) in the same run: its boot (created → its',
      '"ready" in the extension host) and its round trip (post → it changes a text node → its answer after the next painted',
      'frame, the wait our ack has too).',
      '',
      '| Series | n | p50 | p95 | max | Peer |',
      '|---|---|---|---|---|---|',
    );
    for (const lat of per.latencies)
      md.push(
        seriesRow(
          `Open tab (the preview tab, reused), API at ${lat} ms`,
          per.reused[lat].total,
          `bare round trip ${ms(bareRt.p50)}`,
        ),
      );
    for (const lat of per.latencies)
      md.push(seriesRow(`New tab, API at ${lat} ms`, per.fresh[lat].total, `bare boot ${ms(per.bareBoot.p50)}`));
    md.push(seriesRow('Bare webview: boot (created → "ready")', per.bareBoot, '—'));
    md.push(seriesRow('Bare webview: round trip', bareRt, '—'));
    md.push(
      '',
      'Where the time goes (p50 of each part, ms):',
      '',
      '| Series | Enter → lookup starts | start → answer (the request) | answer → model posted | posted → in the webview | in the webview → painted | new tab: created → "ready" |',
      '|---|---|---|---|---|---|---|',
    );
    const p = (t) => (t && t.n ? t.p50.toFixed(1) : '—');
    const splitRow = (label, s) =>
      `| ${label} | ${p(s.acceptToStart)} | ${p(s.startToAnswer)} (${p(s.request)}) | ${p(s.answerToPost)} | ${p(s.postToWebview)} | ${p(s.webviewToPaint)} | ${p(s.boot)} |`;
    for (const lat of per.latencies) md.push(splitRow(`Open tab, ${lat} ms`, per.reused[lat]));
    for (const lat of per.latencies) md.push(splitRow(`New tab, ${lat} ms`, per.fresh[lat]));
    const rt = per.bareRoundTrip;
    md.push(
      `| Bare round trip | | | | ${p(rt.toPage)} | ${p(rt.inPage)} | |`,
      '',
      'In a new tab the answer waits for the webview to boot ("answer → model posted" is that wait): the request and the',
      "boot run together, and the boot is the long pole. The boot itself is the host's: the bare webview boots in the same time.",
      '',
    );
  }
  if (firsts.length) {
    md.push(
      "The window's first lookup (P3), in each launch (a fresh profile: the API key's box comes after the number's, so",
      '"Enter" is the key box\'s accept and "Enter → lookup starts" includes storing the key). Activation and the features',
      'bundle happen before the prompt (at startup, and when the command runs), so they are not in Enter → painted; the cold',
      'total adds them.',
      '',
      '| Launch | Activation | Features bundle | Transport (node-fetch) | Enter → lookup starts | Request | Webview boot | Answer → posted | Posted → painted | Enter → painted | Cold total |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    hostRuns.forEach((h, i) => {
      const f = h.firstLookup;
      if (!f) return;
      md.push(
        `| ${i + 1}${h.mode === 'full' ? ' (full)' : ''} | ${ms(f.activationMs)} | ${ms(f.bundleLoadMs)} | ${ms(f.transportLoadMs)}${f.transportBeforeEnter ? ', while the prompt was open' : ', after Enter'} | ${ms(f.acceptToStartMs)} | ${ms(f.requestMs)} | ${ms(f.bootMs)} | ${ms(f.answerToPostMs)} | ${ms(f.postToWebviewMs + f.webviewToPaintMs)} | ${ms(f.totalMs)} | ${ms(f.coldTotalMs)} |`,
      );
    });
    md.push('');
    const peerRun = hostRuns.find((h) => h.peerFirstBoot);
    if (peerRun) {
      const after = peerRun.firstLookupAfterPeer;
      md.push(
        `P3's peer, in a launch of its own (a fresh profile): the bare webview as the window's first webview booted in ${ms(peerRun.peerFirstBoot.bootMs)}`,
        `(created → "ready"; later bare boots in the full launch: ${ms(per?.bareBoot?.p50)}). Our first lookup in that window, after it:`,
        `webview boot ${ms(after?.bootMs)}, Enter → painted ${ms(after?.totalMs)}. The window's first webview pays what VS Code sets up once per`,
        "window, whoever opens it; what our first lookup adds over the bare webview's first boot is row P3b.",
        '',
      );
    }
  }
  if (per?.fresh) {
    const loads = per.latencies.flatMap((lat) => per.fresh[lat].loadToFcp.values);
    const sf = per.slowFresh;
    md.push(
      "First paint of a new tab (P4): from the page's load event (VS Code makes a new webview's frame visible then) to its",
      `first contentful paint. With the API at ${sf?.latencyMs ?? '—'} ms (slower than the boot, so the answer comes after the page has loaded), ${sf?.loadToFcp.n ?? 0} new tabs:`,
      `median ${ms(sf?.loadToFcp.p50)}, p95 ${ms(sf?.loadToFcp.p95)}, max ${ms(sf?.loadToFcp.max)}; in ${sf?.paintedBeforeReport ?? 0} of ${sf?.freshPages ?? 0} that first paint came before the report reached`,
      `the page, so it was the page's own loading state (the heading, the lookup, "Looking up the report…"). The bare page: ${ms(per.bareLoadToFcp.p50)} (n=${per.bareLoadToFcp.n}).`,
      `In P2's tabs the report was already waiting when the page loaded, and it is in the first frame: median ${ms(median(loads))}, max ${ms(Math.max(...loads))}`,
      '(the frame that paints it also builds it).',
      '',
    );
    const op = full.openPanel;
    if (op?.split) {
      md.push(
        `Row 3a by the two clocks (P5; ${op.split.n} lookups into the open panel, the answer at once):`,
        '',
        '| Part | p50 | p95 | Whose |',
        '|---|---|---|---|',
        `| Answer → model posted (the model built, the post) | ${ms(op.split.answerToPost.p50)} | ${ms(op.split.answerToPost.p95)} | ours |`,
        `| Posted → in the webview | ${ms(op.split.postToWebview.p50)} | ${ms(op.split.postToWebview.p95)} | VS Code (bare: ${ms(bareRt.p50 === undefined ? NaN : per.bareRoundTrip.toPage.p50)} / ${ms(per.bareRoundTrip.toPage.p95)}) |`,
        `| In the webview: the DOM build | ${ms(op.domP50)} | ${ms(op.domP95)} | ours |`,
        `| In the webview → painted (the DOM build and the next frame) | ${ms(op.split.webviewToPaint.p50)} | ${ms(op.split.webviewToPaint.p95)} | the frame is the browser's (bare: ${ms(per.bareRoundTrip.inPage.p50)} / ${ms(per.bareRoundTrip.inPage.p95)}) |`,
        `| Painted → the ack in the extension host | ${ms(op.split.paintToAck.p50)} | ${ms(op.split.paintToAck.p95)} | VS Code (bare: ${ms(per.bareRoundTrip.back.p50)} / ${ms(per.bareRoundTrip.back.p95)}) |`,
        '',
      );
    }
  }
  return md;
}
