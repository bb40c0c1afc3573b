// Imported first by extension.ts, so this runs before any other module of the bundle: the benchmark and the
// integration tests report the bundle's evaluation time (from here to the end of extension.ts's top level) apart
// from activate() itself.
export const loadStart = performance.now();
