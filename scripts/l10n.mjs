#!/usr/bin/env node
// Localization bundles, checked like code. Finds every l10n.t('…') / vscode.l10n.t('…') / own('…') message in src/ with the
// TypeScript compiler (the same job as @vscode/l10n-dev export, without its translation-service dependencies),
// writes l10n/bundle.l10n.json, and with --check verifies instead of writing:
//   - bundle.l10n.json is up to date with the source;
//   - bundle.l10n.tr.json translates every message, has no stale keys, and keeps the same {n} placeholders;
//   - package.nls.tr.json has exactly the keys of package.nls.json, and every %key% in package.json exists.
// Prints one JSON line of figures; exits 1 with a list of problems.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const problems = [];

function sourceFiles(dir) {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('webview'))
    .map((f) => join(root, dir, f));
}

const messages = new Map();
for (const file of sourceFiles('src')) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    // l10n.t('…'), vscode.l10n.t('…'), and own('…') (src/core/ownText.ts: l10n.t with typed placeholders)
    const isT =
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 't' &&
      ['l10n', 'vscode.l10n'].includes(node.expression.expression.getText(sf));
    const isOwn = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'own';
    if (isT || isOwn) {
      {
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
          messages.set(arg.text, arg.text);
        else if (arg && !(isT && file.endsWith(join('src', 'core', 'ownText.ts')) && arg.getText(sf) === 'message'))
          problems.push(
            `${file.slice(root.length + 1)}:${sf.getLineAndCharacterOfPosition(arg.getStart()).line + 1}: l10n.t needs a literal message`,
          );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
const sorted = Object.fromEntries([...messages.keys()].sort().map((k) => [k, k]));
const bundlePath = join(root, 'l10n', 'bundle.l10n.json');
const serialized = JSON.stringify(sorted, null, 2) + '\n';
if (check) {
  if (readFileSync(bundlePath, 'utf8') !== serialized)
    problems.push('l10n/bundle.l10n.json is out of date: run `npm run l10n`');
} else {
  writeFileSync(bundlePath, serialized);
}

const placeholders = (s) =>
  [...s.matchAll(/\{(\d+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
const tr = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.tr.json'), 'utf8'));
for (const k of messages.keys()) {
  if (typeof tr[k] !== 'string' || tr[k].trim() === '') problems.push(`no Turkish translation: ${JSON.stringify(k)}`);
  else if (placeholders(tr[k]) !== placeholders(k))
    problems.push(`placeholders differ in the Turkish translation of ${JSON.stringify(k)}`);
}
for (const k of Object.keys(tr))
  if (!messages.has(k)) problems.push(`stale Turkish key (not in the source): ${JSON.stringify(k)}`);

const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const nlsTr = JSON.parse(readFileSync(join(root, 'package.nls.tr.json'), 'utf8'));
for (const k of Object.keys(nls)) if (typeof nlsTr[k] !== 'string') problems.push(`package.nls.tr.json lacks ${k}`);
for (const k of Object.keys(nlsTr)) if (!(k in nls)) problems.push(`package.nls.tr.json has an unknown key ${k}`);
const manifest = readFileSync(join(root, 'package.json'), 'utf8');
for (const m of manifest.matchAll(/"%([^%"]+)%"/g))
  if (!(m[1] in nls)) problems.push(`package.json uses %${m[1]}% but package.nls.json lacks it`);

console.log(
  JSON.stringify({
    messages: messages.size,
    turkish: Object.keys(tr).length,
    manifestStrings: Object.keys(nls).length,
    problems: problems.length,
  }),
);
for (const p of problems) console.error(`- ${p}`);
process.exit(
  problems.length && (check || problems.some((p) => !p.startsWith('no Turkish') && !p.startsWith('stale'))) ? 1 : 0,
);
