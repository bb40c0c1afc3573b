// The rows of BENCHMARKS.md's table, from the figures measured: rows 1–6 here, rows 7–10 in rows7to10.mjs, P1–P5
// in rowsPerceived.mjs. Each row is data: its id, metric, our figure, the peer's, the ratio, the goal and whether it
// is met (or why it was not measured).
import { atLeast, atMost, KB, kb, median, ms, notMeasured, x } from './format.mjs';
import { rows7to10 } from './rows7to10.mjs';
import { rowsPerceived } from './rowsPerceived.mjs';

/** N: .bench/node.json; hostRuns: the .bench/host-N.json of each launch; hostProblem: why a launch failed. */
export function benchRows({ N, hostRuns, hostProblem, helloBytes }) {
  const GOALS = N.goals; // test/bench/budgets.ts, shared with test/unit/sizes.test.ts
  const ANCHORS = N.anchors;

  const rows = [];
  const row = (id, metric, ours, peer, ratio, goal, check, note) =>
    rows.push({ id, metric, ours, peer, ratio, goal, ...check, ...(note ? { note } : {}) });

  // Row 1: client
  const c = N.client;
  if (c.curl) {
    row(
      '1a',
      'Client: lookup, median',
      ms(c.ours.median, 3),
      `curl/lookup ${ms(c.curl.median)}`,
      `${x(c.curl.median / c.ours.median, 1)} faster`,
      '≥ 10× faster',
      atLeast(c.curl.median / c.ours.median, GOALS.clientVsCurl),
    );
  } else {
    row(
      '1a',
      'Client: lookup, median',
      ms(c.ours.median, 3),
      'curl: not installed',
      '—',
      '≥ 10× faster',
      notMeasured('curl is not installed (bash scripts/setup-code-server.sh installs it)'),
    );
  }
  row(
    '1b',
    'Client vs bare http floor',
    ms(c.ours.median, 3),
    `http.request ${ms(c.floor.median, 3)}`,
    `${x(c.ours.median / c.floor.median)} floor`,
    '≤ 1.3× floor',
    atMost(c.ours.median / c.floor.median, GOALS.clientVsFloor),
  );

  // Row 2: activation (+ lazy transport)
  const full = hostRuns.find((h) => h.mode === 'full');
  const act = hostRuns.filter((h) => h.activation);
  const OUR_ID = 'smsdev.vairosms-reports';
  const HELLO_ID = 'vairosms-bench.hello-world';
  const ratioOrDash = (a, b, d = 1) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? x(a / b, d) : '—');
  const reqAct = act.filter((h) => Number.isFinite(h.requireMs?.ours) && Number.isFinite(h.requireMs?.hello));
  if (reqAct.length) {
    const o = median(reqAct.map((h) => h.requireMs.ours + h.activation.ours.activationMs));
    const hw = median(reqAct.map((h) => h.requireMs.hello + h.activation.hello.activationMs));
    row(
      '2a',
      `Activation: require+activate() n=${reqAct.length}`,
      ms(o),
      `hello-world ${ms(hw)}`,
      ratioOrDash(o, hw),
      '≤ 10 ms',
      atMost(o, GOALS.activationMs),
      'require: VS Code marks (1 ms steps)',
    );
  } else {
    row(
      '2a',
      'Activation: require+activate()',
      'n/a',
      'n/a',
      '—',
      '≤ 10 ms',
      notMeasured(hostProblem ?? "VS Code's willLoadExtensionCode marks were not found"),
    );
  }
  if (act.length) {
    const o = median(act.map((h) => h.activation.ours.totalMs));
    const hw = median(act.map((h) => h.activation.hello.totalMs));
    row(
      '2b',
      `Activation: loadMs+activationMs n=${act.length}`,
      ms(o),
      `hello-world ${ms(hw)}`,
      ratioOrDash(o, hw),
      '≤ 10 ms',
      atMost(o, GOALS.activationMs),
      'own performance.now() marks',
    );
  } else {
    row('2b', 'Activation: loadMs+activationMs', 'n/a', 'n/a', '—', '≤ 10 ms', notMeasured(hostProblem));
  }
  const vsAct = act.filter((h) => h.startupPerformance && !h.startupPerformance.error);
  const vsTotal = (h, id) => h.startupPerformance[id].loadCodeMs + h.startupPerformance[id].callActivateMs;
  if (vsAct.length) {
    const o = median(vsAct.map((h) => vsTotal(h, OUR_ID)));
    const hw = median(vsAct.map((h) => vsTotal(h, HELLO_ID)));
    row(
      '2c',
      `VS Code Load Code+Call Act. n=${vsAct.length}`,
      ms(o),
      `hello-world ${ms(hw)}`,
      ratioOrDash(o, hw),
      '≤ 10 ms',
      atMost(o, GOALS.activationMs),
      'Developer: Startup Performance',
    );
  } else {
    const why = act.find((h) => h.startupPerformance?.error)?.startupPerformance.error ?? hostProblem;
    row('2c', 'VS Code Load Code+Call Act.', 'n/a', 'n/a', '—', '≤ 10 ms', notMeasured(why));
  }
  const lazyOk =
    act.length > 0 &&
    act.every(
      (h) =>
        h.lazyAfterActivation &&
        !h.lazyAfterActivation.mainLoaded &&
        !h.lazyAfterActivation.transportLoaded &&
        !h.lazyAfterActivation.httpJsInRequireCache,
    );
  const firstOk =
    full?.lazyAfterFirstLookup?.transportLoaded === true && full?.lazyAfterFirstLookup?.httpJsInRequireCache === true;
  if (act.length && full?.lazyAfterFirstLookup) {
    row(
      '2d',
      'node-fetch until 1st lookup',
      lazyOk ? 'not loaded' : 'LOADED at activation',
      firstOk ? '1st lookup: loaded' : '1st lookup: NOT loaded',
      '—',
      'lazy',
      lazyOk && firstOk ? { met: true } : { met: false, by: 'not lazy' },
    );
  } else {
    row(
      '2d',
      'node-fetch until 1st lookup',
      lazyOk ? 'not loaded' : 'n/a',
      'n/a',
      '—',
      'lazy',
      notMeasured(hostProblem ?? 'the full launch did not reach the first lookup'),
    );
  }

  // Row 3: panel
  if (full?.openPanel && full?.newPanel) {
    const op = full.openPanel;
    const np = full.newPanel;
    row(
      '3a',
      `Panel open: resp→rendered n=${op.n}`,
      `${ms(op.p50, 1)} / ${ms(op.p95, 1)}`,
      `new panel ${ms(np.p50, 0)} / ${ms(np.p95, 0)}`,
      `p95 ${x(np.p95 / op.p95, 0)} lower`,
      'p95 ≤ 50 ms',
      atMost(op.p95, GOALS.openPanelP95Ms),
      'p50 / p95',
    );
    if (op.domP50 !== undefined)
      row(
        '3c',
        `Panel open: webview DOM build n=${op.n}`,
        `${ms(op.domP50, 1)} / ${ms(op.domP95, 1)}`,
        `round trip ${ms(op.p50, 1)} / ${ms(op.p95, 1)}`,
        `${x(op.domP95 / op.p95, 2)} of it`,
        'report',
        {},
        "the webview's own share of 3a",
      );
    if (op.messagingP50 !== undefined)
      row(
        '3d',
        `Panel open: host↔webview messaging n=${op.n}`,
        `${ms(op.messagingP50, 1)} / ${ms(op.messagingP95, 1)}`,
        `in webview ${ms(op.frameP50, 1)} / ${ms(op.frameP95, 1)}`,
        `${x(op.messagingP50 / op.p50, 2)} of 3a`,
        'report',
        {},
        'the rest of 3a: VS Code carrying the model to the webview and the ack back',
      );
    row(
      '3b',
      `Panel new: before response n=${np.n}`,
      `${np.beforeResponse}/${np.n} first`,
      `webview boot ≈${ANCHORS.webviewBootMs} ms*`,
      `p50 ${x(np.p50 / ANCHORS.webviewBootMs)} boot`,
      'all before resp.',
      np.beforeResponse === np.n && np.n > 0
        ? { met: true }
        : { met: false, by: `${np.n - np.beforeResponse} of ${np.n} late` },
    );
  } else {
    row(
      '3a',
      'Panel open: resp→rendered',
      'n/a',
      'n/a',
      '—',
      'p95 ≤ 50 ms',
      notMeasured(hostProblem ?? 'the full launch did not reach the panel rows'),
    );
    row(
      '3b',
      'Panel new: before response',
      'n/a',
      'n/a',
      '—',
      'all before resp.',
      notMeasured(hostProblem ?? 'the full launch did not reach the panel rows'),
    );
  }

  // Row 4: batch
  const b = N.batch;
  const batchRatio = b.wallMs / b.idealMs;
  const batchCheck = atMost(batchRatio, GOALS.batchVsIdeal);
  const flightOk = b.maxInFlight <= GOALS.batchMaxInFlight;
  row(
    '4',
    `Batch 1,000 × 50 ms, conc. 8`,
    `${(b.wallMs / 1000).toFixed(2)} s, ${b.maxInFlight} in flight`,
    `ideal ${(b.idealMs / 1000).toFixed(2)} s`,
    x(batchRatio),
    '≤ 1.15×, ≤ 8 fl.',
    batchCheck.met && flightOk
      ? { met: true }
      : {
          met: false,
          by: [batchCheck.met ? '' : batchCheck.by, flightOk ? '' : `${b.maxInFlight} in flight`]
            .filter(Boolean)
            .join(', '),
        },
  );

  // Row 5: history
  const h = N.history;
  row(
    '5a',
    'History repair @200 (cap)',
    ms(h.atCap.median, 3),
    `@10,000 ${ms(h.large.median)}`,
    x(h.atCap.median / h.large.median, 3),
    '≤ 2 ms',
    atMost(h.atCap.median, GOALS.historyMs),
  );
  if (full?.tree) {
    row(
      '5b',
      'Tree getChildren+Item @200',
      ms(full.tree.totalMs, 3),
      '—',
      '—',
      '≤ 2 ms',
      atMost(full.tree.totalMs, GOALS.historyMs),
      'extension host',
    );
  } else {
    row(
      '5b',
      'Tree getChildren+Item @200',
      'n/a',
      '—',
      '—',
      '≤ 2 ms',
      notMeasured(hostProblem ?? 'the full launch did not reach the tree row'),
    );
  }
  row(
    '5c',
    'globalState bytes @200',
    kb(h.capBytes),
    `VS Code warns ${ANCHORS.globalStateWarningBytes / KB} KB*`,
    x(h.capBytes / ANCHORS.globalStateWarningBytes),
    '≤ 64 KB',
    atMost(h.capBytes, GOALS.historyBytes),
  );

  // Row 6: sizes
  const s = N.sizes;
  const item = (k) => s.items.find((i) => i.key === k);
  const sizeRow = (id, metric, k, peer, ratio) => {
    const it = item(k);
    row(
      id,
      metric,
      kb(it.bytes),
      peer,
      ratio ?? '—',
      `≤ ${it.budget / KB} KB${k === 'main' ? ' fence' : ''}`,
      atMost(it.bytes, it.budget),
      `${it.bytes.toLocaleString('en-US')} B`,
    );
  };
  sizeRow(
    '6a',
    'dist/extension.js (activation)',
    'extension',
    `hello-world ${kb(helloBytes)}`,
    x(item('extension').bytes / helloBytes, 1),
  );
  sizeRow('6b', 'dist/main.js (first use)', 'main', '—');
  row(
    '6c',
    'dist/http.js: our transport',
    kb(s.http.ours),
    `node-fetch ${kb(s.http.nodeFetch)}`,
    x(s.http.ours / s.http.nodeFetch, 3),
    'report',
    { met: undefined },
    `total ${kb(s.http.total)}, esbuild wrappers ${kb(s.http.wrapper)}`,
  );
  sizeRow('6d', 'Report panel js+css', 'reportWebview', '—');
  sizeRow('6e', 'Batch panel js+css', 'batchWebview', '—');
  sizeRow('6g', 'Send panel js+css', 'sendWebview', '—');
  sizeRow('6h', 'dist/mcp.js (MCP server)', 'mcp', '—');
  sizeRow('6f', '.vsix', 'vsix', `ESLint ${ANCHORS.eslintBytes / KB} KB*`, x(item('vsix').bytes / ANCHORS.eslintBytes));

  // Row 11: the MCP server (#25), plain Node
  const m = N.mcp;
  if (m) {
    row(
      '11a',
      'MCP server: start → first tools/list',
      ms(m.startMs),
      '—',
      '—',
      `≤ ${GOALS.mcpStartMs} ms`,
      atMost(m.startMs, GOALS.mcpStartMs),
      `median of ${m.starts} starts, p95 ${ms(m.startP95Ms)}`,
    );
    row(
      '11b',
      'MCP tools/call report, over direct lookup (p50)',
      ms(m.overDirectMs),
      `direct ${ms(m.directP50Ms)}`,
      x(m.callP50Ms / m.directP50Ms),
      `≤ +${GOALS.mcpOverDirectMs} ms`,
      atMost(m.overDirectMs, GOALS.mcpOverDirectMs),
      `tools/call p50 ${ms(m.callP50Ms)} over ${m.calls} calls`,
    );
  }

  const later = { GOALS, hostRuns, hostProblem, full, row };
  rows7to10({ ...later, N });
  const rp = rowsPerceived(later);
  // the rows, and what the Markdown writer's details read beside them
  return { rows, c, full, act, OUR_ID, HELLO_ID, b, batchRatio, h, s, ...rp };
}
