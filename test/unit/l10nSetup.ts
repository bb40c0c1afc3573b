// Helpers for running the pure modules in a chosen display language, the way activate() configures them.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export function useTurkish(): void {
  l10n.config({ contents: JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.tr.json'), 'utf8')) });
}

export function useEnglish(): void {
  l10n.config({ contents: {} });
}
