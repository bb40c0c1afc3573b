// Helpers for running the pure modules in a chosen display language, the way activate() configures them.
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root, found from a test's bundle at any depth of out/unit/ (or from its source). */
export const projectRoot = ((): string => {
  for (let d = __dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'l10n'))) return d;
    if (dirname(d) === d) throw new Error(`no project root above ${__dirname}`);
  }
})();
const root = projectRoot;

export function useTurkish(): void {
  l10n.config({ contents: JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.tr.json'), 'utf8')) });
}

export function useEnglish(): void {
  l10n.config({ contents: {} });
}
