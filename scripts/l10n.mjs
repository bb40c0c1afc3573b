#!/usr/bin/env node
// Localization bundles, checked like code. Finds every l10n.t('…') / vscode.l10n.t('…') / own('…') message in src/ with the
// TypeScript compiler (the same job as @vscode/l10n-dev export, without its translation-service dependencies),
// writes l10n/bundle.l10n.json, and with --check verifies instead of writing:
//   - bundle.l10n.json is up to date with the source;
//   - bundle.l10n.tr.json translates every message, has no stale keys, and keeps the same {n} placeholders;
//   - package.nls.tr.json has exactly the keys of package.nls.json, and every %key% in package.json exists;
//   - the Turkish of both uses no term docs/terminology.md marks as avoided, and puts no placeholder where Turkish
//     grammar needs a case ending on it (the rules in that page's "Placeholders in Turkish").
// Prints one JSON line of figures; exits 1 with a list of problems. `--turkish <file>` and `--nls-turkish <file>`
// check another Turkish bundle or manifest file in place of the real one (the unit test feeds bad ones).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const problems = [];
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : undefined;
};

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
const tr = JSON.parse(readFileSync(option('--turkish') ?? join(root, 'l10n', 'bundle.l10n.tr.json'), 'utf8'));
for (const k of messages.keys()) {
  if (typeof tr[k] !== 'string' || tr[k].trim() === '') problems.push(`no Turkish translation: ${JSON.stringify(k)}`);
  else if (placeholders(tr[k]) !== placeholders(k))
    problems.push(`placeholders differ in the Turkish translation of ${JSON.stringify(k)}`);
}
for (const k of Object.keys(tr))
  if (!messages.has(k)) problems.push(`stale Turkish key (not in the source): ${JSON.stringify(k)}`);

const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const nlsTr = JSON.parse(readFileSync(option('--nls-turkish') ?? join(root, 'package.nls.tr.json'), 'utf8'));
for (const k of Object.keys(nls)) if (typeof nlsTr[k] !== 'string') problems.push(`package.nls.tr.json lacks ${k}`);
for (const k of Object.keys(nlsTr)) if (!(k in nls)) problems.push(`package.nls.tr.json has an unknown key ${k}`);
const manifest = readFileSync(join(root, 'package.json'), 'utf8');
for (const m of manifest.matchAll(/"%([^%"]+)%"/g))
  if (!(m[1] in nls)) problems.push(`package.json uses %${m[1]}% but package.nls.json lacks it`);

// Words. The avoided terms are the backticked ones in the "avoid" column of docs/terminology.md's tables; a backticked
// phrase in the "provider" column of the same row is the provider's own wording and may hold an avoided term.
const lowerTr = (s) => s.toLocaleLowerCase('tr');
const backticked = (cell) => [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
function avoidedTerms(markdown) {
  const terms = [];
  let header;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    const avoid = header.indexOf('avoid');
    const provider = header.indexOf('provider');
    if (avoid < 0 || cells.every((c) => /^:?-+:?$/.test(c))) continue;
    for (const term of backticked(cells[avoid]))
      terms.push({ term, row: cells[0], allowed: provider < 0 ? [] : backticked(cells[provider]) });
  }
  return terms;
}
const terms = avoidedTerms(readFileSync(join(root, 'docs', 'terminology.md'), 'utf8'));
if (terms.length === 0) problems.push('docs/terminology.md lists no avoided terms (a table with an "avoid" column)');

// Words that end like a locative or ablative case but are not one.
const NOT_A_CASE = new Set(['neden', 'birden', 'gerçekten', 'aslında', 'sonunda']);
/** The words of a Turkish text that break the placeholder rules, each with the rule. */
function placeholderProblems(text) {
  const found = [];
  for (const m of text.matchAll(/([\p{L}'’]+)\s+\{\d+\}/gu)) {
    const word = lowerTr(m[1]);
    // -da/-de/-ta/-te or -dan/-den/-tan/-ten, on a word of its own ("Sorgular'da") or a longer one ("gönderimde"),
    // not the conjunction "de"/"da"
    const suffixed = /['’]/.test(word) || word.length > 3;
    if (/[dt][ae]n?$/u.test(word) && suffixed && !NOT_A_CASE.has(word))
      found.push(
        `"${m[0]}": a placeholder right after a word in the locative or ablative case needs an ending it cannot carry; put it on a fixed word ("{0} numarasının …", "(gönderim {1})")`,
      );
  }
  for (const m of text.matchAll(/\{\d+\}['’]?\p{L}+/gu))
    found.push(
      `"${m[0]}": a suffix on a placeholder (its vowel depends on the value); put it on a fixed word ("{0} numarasını")`,
    );
  return found;
}
/** The avoided terms a Turkish text uses, outside code spans, codicons and link targets. */
function avoidedTermProblems(text) {
  const plain = lowerTr(text.replace(/`[^`]*`|\$\([^)]*\)|\]\([^)]*\)/g, ' '));
  const found = [];
  for (const { term, row, allowed } of terms) {
    let rest = plain;
    for (const phrase of allowed) rest = rest.split(lowerTr(phrase)).join(' ');
    const t = lowerTr(term);
    if (new RegExp(`(?<![\\p{L}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(rest))
      found.push(`uses "${term}", which docs/terminology.md avoids (row "${row}")`);
  }
  return found;
}
const wordsOf = (where, strings) => {
  for (const [k, v] of Object.entries(strings))
    if (typeof v === 'string')
      for (const p of [...placeholderProblems(v), ...avoidedTermProblems(v)])
        problems.push(`words in ${where} ${JSON.stringify(k)}: ${p}`);
};
wordsOf('the Turkish of', tr);
wordsOf('package.nls.tr.json', nlsTr);

console.log(
  JSON.stringify({
    messages: messages.size,
    turkish: Object.keys(tr).length,
    manifestStrings: Object.keys(nls).length,
    avoidedTerms: terms.length,
    problems: problems.length,
  }),
);
for (const p of problems) console.error(`- ${p}`);
process.exit(
  problems.length && (check || problems.some((p) => !p.startsWith('no Turkish') && !p.startsWith('stale'))) ? 1 : 0,
);
