#!/usr/bin/env node
// `npm run bench`: the performance figures of BENCHMARKS.md, each beside a peer and a goal, in one table.
//   1. the production build and the .vsix (what users install), then the bench bundles (test/bench/*.ts → .bench/)
//   2. plain Node (.bench/node.js): client ×3 ways, batch, history repair, sizes
//   3. the real extension host (code-server via scripts/code-server-test-host.mjs, runTests from
//      @vscode/test-electron): activation beside a generated hello-world extension over several launches, and in one
//      launch the lazy transport, panel render timings, heap growth and the Recent Lookups tree
//   4. one table on stdout, then BENCHMARKS.md rewritten
// Environment: BENCH_LAUNCHES (extension-host launches, default 3, at least 1), BENCH_SKIP_BUILD=1 (measure dist/
// as it is), BENCH_LOOKUPS / BENCH_ROUNDS (row 1, default 200 / 3), BENCH_PERCEIVED_N (P1, P2, default 20),
// BENCH_HOST_MODE=perceived (the first launch runs only the perceived-speed rows, while working on them).
// Timings depend on the machine and on what else runs: the table reports medians and ratios, and the exit code is 0
// whether or not a goal is met (a missed goal is printed plainly); it is 1 when a row could not be measured (said why).
//
// The runner is scripts/bench/run.mjs; the rows as data scripts/bench/rows.mjs (+ rows7to10.mjs, rowsPerceived.mjs);
// the Markdown writer scripts/bench/markdown.mjs (+ markdownDetails.mjs); figures and goal checks format.mjs.
import './bench/run.mjs';
