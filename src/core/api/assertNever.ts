// The default of an exhaustive switch: the compiler points here when a union grows and a case is missing.
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
