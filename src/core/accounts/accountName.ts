// What an account name may hold (src/core/accounts/accounts.ts checkName): letters, marks, digits, spaces and . _ - ( ) ' & +
// @ #. No brackets, colons, slashes, `$` or control characters, so a name is safe wherever VS Code renders links or
// icons (a notification, the status bar). No imports: the activation shell reads it too.
export const ACCOUNT_NAME = /^[\p{L}\p{M}\p{N} ._\-()'&+@#]{1,40}$/u;

/** The stored list as the activation shell needs it (no keyring, no repair beyond the shape): the active account's
 *  name when there are two or more accounts. */
export function activeAccountLabel(stored: unknown): string | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const { accounts, active } = stored as { accounts?: unknown; active?: unknown };
  if (!Array.isArray(accounts) || accounts.length < 2) return undefined;
  const a = accounts.find((x: unknown) => !!x && typeof x === 'object' && (x as { id?: unknown }).id === active) as
    { name?: unknown } | undefined;
  return typeof a?.name === 'string' && ACCOUNT_NAME.test(a.name) ? a.name : undefined;
}

/** How many accounts the stored list holds (its shape only). */
export function accountCount(stored: unknown): number {
  const accounts = stored && typeof stored === 'object' ? (stored as { accounts?: unknown }).accounts : undefined;
  return Array.isArray(accounts) ? accounts.length : 0;
}
