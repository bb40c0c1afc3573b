// Rows 7–10: the extension host's heap, a batch of 10,000 numbers, the report and the send summary together, and
// terminal links.
import { atMost, KB, kb, notMeasured, x } from './format.mjs';

export function rows7to10({ N, GOALS, hostProblem, full, row }) {
  // Row 7: memory
  if (full?.memory) {
    const m = full.memory;
    row(
      '7',
      `Host heap after ${m.lookups} lookups`,
      `${m.growth >= 0 ? '+' : ''}${kb(m.growth)}`,
      `idle host ${m.idleGrowth >= 0 ? '+' : ''}${kb(m.idleGrowth)}`,
      '—',
      '≤ +2 MB',
      atMost(m.growth, GOALS.heapGrowthBytes),
    );
  } else {
    row(
      '7',
      'Host heap after 100 lookups',
      'n/a',
      'n/a',
      '—',
      '≤ +2 MB',
      notMeasured(hostProblem ?? 'the full launch did not reach the memory row'),
    );
  }

  // Row 8: a batch's memory
  if (full?.batchMemory) {
    const b8 = full.batchMemory;
    const mb = (n) => `${n >= 0 ? '+' : ''}${(n / (1024 * KB)).toFixed(1)} MB`;
    row(
      '8',
      `Batch ${b8.numbers.toLocaleString('en-US')} × ${b8.answerBytes / KB} KB: host heap`,
      `peak live ${mb(b8.livePeakGrowth)}`,
      `after close ${mb(b8.retained)}`,
      '—',
      '≤ +64 MB, ≤ +8 MB',
      b8.livePeakGrowth <= GOALS.batchPeakBytes && b8.retained <= GOALS.batchRetainedBytes
        ? { met: true }
        : {
            met: false,
            by: [
              b8.livePeakGrowth > GOALS.batchPeakBytes ? `peak ${mb(b8.livePeakGrowth)}` : '',
              b8.retained > GOALS.batchRetainedBytes ? `retained ${mb(b8.retained)}` : '',
            ]
              .filter(Boolean)
              .join(', '),
          },
      `${b8.ok} answered in ${(b8.wallMs / 1000).toFixed(1)} s; heapUsed as sampled, garbage included, peaked at ${mb(b8.peakGrowth)}`,
    );
  } else {
    row(
      '8',
      'Batch 10,000 × 200 KB: host heap',
      'n/a',
      'n/a',
      '—',
      '≤ +64 MB, ≤ +8 MB',
      notMeasured(hostProblem ?? 'the full launch did not reach the batch memory row'),
    );
  }

  // Row 9: the report and the send's summary together
  if (full?.reportAndSummary) {
    const r9 = full.reportAndSummary;
    row(
      '9',
      `Report ${r9.reportLatencyMs} ms + summary ${r9.summaryLatencyMs} ms: wall per lookup`,
      `${r9.wallMedianMs.toFixed(1)} ms`,
      `one after the other ${r9.reportLatencyMs + r9.summaryLatencyMs} ms`,
      x(r9.wallMedianMs / r9.summaryLatencyMs, 2),
      `≤ ${GOALS.bothVsSlower}× ${r9.summaryLatencyMs} ms`,
      atMost(r9.wallMedianMs / r9.summaryLatencyMs, GOALS.bothVsSlower),
      `median of ${r9.lookups}; p95 ${r9.wallP95Ms.toFixed(1)} ms; the report alone ${r9.reportMedianMs.toFixed(1)} ms, the summary ${r9.summaryMedianMs.toFixed(1)} ms`,
    );
  } else {
    row(
      '9',
      'Report 50 ms + summary 80 ms: wall per lookup',
      'n/a',
      'n/a',
      '—',
      `≤ ${GOALS.bothVsSlower}× 80 ms`,
      notMeasured(hostProblem ?? 'the full launch did not reach the report-and-summary row'),
    );
  }

  // Row 10: terminal links
  if (N.terminal) {
    const t = N.terminal;
    row(
      '10',
      `Terminal links: cost per line (${t.lines.toLocaleString('en-US')} log lines)`,
      `${t.ours.median.toFixed(2)} µs`,
      `one regex test ${t.floor.median.toFixed(2)} µs`,
      x(t.ours.median / t.floor.median, 1),
      `≤ ${GOALS.terminalLineMicros} µs`,
      atMost(t.ours.median, GOALS.terminalLineMicros),
      `p95 ${t.ours.p95.toFixed(2)} µs; ${t.links} links found`,
    );
  }
}
