// Rows of `npm run bench`'s plain-Node part that need no sandbox: 5. history (repairHistory at the cap and at 10,000
// entries, the stored bytes at the cap) and 10. terminal links (the link provider's cost per line). test/bench/node.ts runs them.
import { performance } from 'node:perf_hooks';
import { HARD_CAP, repairHistory, toStored } from '../../src/core/history/history';
import { realisticHistory } from './fixtures';
import { MAX_LINE, matchTerminalLine } from '../../src/core/match/terminalMatch';
import { median, percentile } from './stats';
import { relativeTime } from '../../src/core/providerTime';

/** One line of progress on stderr (the bench's own output is the JSON file). */
export const progress = (s: string) => process.stderr.write(`bench:   ${s}\n`);

// ---- row 5: history -------------------------------------------------------------------------------------------

function timeRepair(count: number, runs: number) {
  const stored = JSON.stringify(realisticHistory(count).map(toStored)); // what HistoryStore writes
  const times: number[] = [];
  let kept = 0;
  for (let i = 0; i < runs + 5; i++) {
    const copy = JSON.parse(stored) as unknown; // what globalState.get hands back: fresh objects
    const t0 = performance.now();
    const r = repairHistory(copy, HARD_CAP);
    const dt = performance.now() - t0;
    kept = r.entries.length;
    if (i >= 5) times.push(dt); // the first runs warm up the JIT
  }
  return {
    entries: count,
    runs,
    median: median(times),
    p95: percentile(times, 95),
    kept,
    storedBytes: Buffer.byteLength(stored),
  };
}

export function row5() {
  const atCap = timeRepair(HARD_CAP, 300);
  const large = timeRepair(10_000, 31);
  const kept = repairHistory(JSON.parse(JSON.stringify(realisticHistory(HARD_CAP))), HARD_CAP).entries;
  const json = JSON.stringify(kept.map(toStored)); // what HistoryStore writes to globalState
  // Diagnostic for the tree row: getTreeItem formats a relative time per entry; time that part alone, 200 times, beside
  // one shared Intl.RelativeTimeFormat doing the same formatting.
  const now = Date.now();
  const ats = realisticHistory(HARD_CAP).map((e) => e.checkedAt);
  const rt: number[] = [];
  const shared: number[] = [];
  for (let r = 0; r < 25; r++) {
    let t0 = performance.now();
    for (const at of ats) relativeTime(at, now, 'en');
    rt.push(performance.now() - t0);
    t0 = performance.now();
    const fmt = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    for (const at of ats) fmt.format(Math.round((at - now) / 86_400_000), 'day');
    shared.push(performance.now() - t0);
  }
  const relativeTime200 = { median: median(rt.slice(3)), sharedFormatter: median(shared.slice(3)) };
  progress(
    `history: repair ${atCap.median.toFixed(3)} ms at ${HARD_CAP}, ${large.median.toFixed(3)} ms at 10,000; ${Buffer.byteLength(json)} B stored at the cap`,
  );
  return { atCap, large, capBytes: Buffer.byteLength(json), capChars: json.length, relativeTime200 };
}

// ---- row 10: terminal links ---------------------------------------------------------------------------------

/** 10,000 lines as an app's terminal shows them: mostly noise, one in ten names a send ID and a number, one in ten a
 *  status code, one in fifty is a 5,000-character JSON dump. */
function terminalLines(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t = `2024-05-01T08:${String(i % 60).padStart(2, '0')}:12.345Z`;
    if (i % 10 === 3) lines.push(`${t} [sms] sent sms_gonderim_id=${4000 + i} numara=53${String(10000000 + i)} ok`);
    else if (i % 10 === 7) lines.push(`${t} [sms] report ${4000 + i}: ${i % 20 === 7 ? 'DELIVERED' : 'WAITING'}`);
    else if (i % 50 === 11)
      lines.push(
        `${t} payload ${JSON.stringify({ items: Array.from({ length: 120 }, (_, k) => ({ id: k, v: 'x'.repeat(20) })) })}`,
      );
    else
      lines.push(`${t} GET /api/orders/${i} 200 ${i % 97} ms user=${i % 13} path=/srv/app/node_modules/pkg/index.js`);
  }
  return lines;
}

export function row10() {
  const lines = terminalLines();
  const per = (fn: (line: string) => unknown) => {
    const samples: number[] = [];
    for (let r = 0; r < 25; r++) {
      for (let i = 0; i < lines.length; i += 100) {
        const t0 = performance.now();
        for (let j = i; j < i + 100; j++) fn(lines[j]);
        const dt = performance.now() - t0;
        if (r >= 3) samples.push((dt * 1000) / 100); // µs per line; the first rounds warm up the JIT
      }
    }
    return { median: median(samples), p95: percentile(samples, 95) };
  };
  let links = 0;
  for (const l of lines) links += matchTerminalLine(l).length;
  const ours = per(matchTerminalLine);
  // The floor: one regular expression test per line, what any link provider pays at least.
  const floor = per((l) => /\d/.test(l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l));
  progress(
    `terminal links: ${ours.median.toFixed(2)} µs per line (floor ${floor.median.toFixed(2)} µs), ${links} links`,
  );
  return { lines: lines.length, links, ours, floor };
}
