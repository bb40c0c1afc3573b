// What every part of the UI harness shares: where the repository and test-results/ are, and small string and
// timing helpers.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest)) {
        try {
          if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'vairosms-reports')
            return dir;
        } catch {
          /* not ours */
        }
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

export const REPO_ROOT = findRepoRoot();
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exactly = (s: string): RegExp => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);
export const cssString = (s: string): string => JSON.stringify(s);
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const safeName = (s: string): string =>
  s
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 120) || 'screenshot';
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
