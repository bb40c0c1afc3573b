// How the bench writes a figure (ms, KB, a ratio, a percentage) and checks it against a goal.
export const KB = 1024;
export const median = (a) => {
  const s = a.filter(Number.isFinite).sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const ms = (v, d = 2) => (Number.isFinite(v) ? `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : d)} ms` : 'n/a');
export const kb = (b) => `${(b / KB).toFixed(1)} KB`;
export const x = (v, d = 2) => `${v.toFixed(d)}×`;
export const pct = (v) => `${Math.max(0, Math.round(v * 100))} %`;
/** A "≤ goal" check: met, or by how much it is over. */
export const atMost = (value, goal) =>
  !Number.isFinite(value) ? { met: null } : value <= goal ? { met: true } : { met: false, by: pct(value / goal - 1) };
/** A "≥ goal" check: met, or by how much it falls short. */
export const atLeast = (value, goal) =>
  !Number.isFinite(value)
    ? { met: null }
    : value >= goal
      ? { met: true }
      : { met: false, by: pct((goal - value) / goal) };
export const notMeasured = (why) => ({ met: null, why });
export const metText = (r) =>
  r.met === true ? 'yes' : r.met === false ? `MISSED by ${r.by}` : r.met === null ? 'not measured' : 'report';
export const mdEscape = (t) => String(t).replace(/\|/g, '\\|');
export const fmtList = (a, d = 2) => a.map((v) => v.toFixed(d)).join(', ');
