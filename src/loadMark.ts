// Imported first by extension.ts, so this runs before any other module of the bundle: the benchmark and the
// integration tests report module load time (from here to activate()) apart from activate() itself.
export const loadStart = performance.now();
