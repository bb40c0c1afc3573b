#!/usr/bin/env node
// Localization bundles, checked like code. Finds every l10n.t('…') / vscode.l10n.t('…') / own('…') message in src/ with the
// TypeScript compiler (the same job as @vscode/l10n-dev export, without its translation-service dependencies),
// writes l10n/bundle.l10n.json, and with --check verifies instead of writing:
//   - bundle.l10n.json is up to date with the source;
//   - bundle.l10n.tr.json translates every message, has no stale keys, and keeps the same {n} placeholders;
//   - package.nls.tr.json has exactly the keys of package.nls.json, and every %key% in package.json exists;
//   - the Turkish of both uses no term docs/terminology.md marks as avoided, and puts no placeholder where Turkish
//     grammar needs a case ending on it (the rules in that page's "Placeholders in Turkish");
//   - every English message that counts ("{0} numbers", "after {2} minutes") has a singular: it is the `other` of a
//     plural(count, one, other) call (src/core/numbers.ts) whose `one` is another literal message, or a cap that is
//     never 1 (CAPS below, each with its reason).
// Prints one JSON line of figures; exits 1 with a list of problems. `--turkish <file>` and `--nls-turkish <file>`
// check another Turkish bundle or manifest file in place of the real one, `--src <dir>` reads the messages of
// another source folder (the unit test feeds bad ones).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('webview'))
    .map((f) => join(dir, f));
}

const srcDir = option('--src');
const messages = new Map();
/** plural(count, one, other): the `other` message → its `one` message. */
const singulars = new Map();
/** The literal message of an l10n.t, vscode.l10n.t or own call, else undefined. */
function messageOf(node, sf) {
  if (!node || !ts.isCallExpression(node)) return undefined;
  const e = node.expression;
  const isT =
    ts.isPropertyAccessExpression(e) &&
    e.name.text === 't' &&
    ['l10n', 'vscode.l10n'].includes(e.expression.getText(sf));
  const isOwn = ts.isIdentifier(e) && e.text === 'own';
  const arg = node.arguments[0];
  return (isT || isOwn) && arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
    ? arg.text
    : undefined;
}
for (const file of sourceFiles(srcDir ?? join(root, 'src'))) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    // l10n.t('…'), vscode.l10n.t('…'), and own('…') (src/core/ownText.ts: l10n.t with typed placeholders)
    const isT =
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 't' &&
      ['l10n', 'vscode.l10n'].includes(node.expression.expression.getText(sf));
    const isOwn = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'own';
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'plural') {
      const [, one, other] = node.arguments.map((a) => messageOf(a, sf));
      if (one === undefined || other === undefined)
        problems.push(
          `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: plural() takes two literal messages (l10n.t or own), the singular first`,
        );
      else singulars.set(other, one);
    }
    if (isT || isOwn) {
      {
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
          messages.set(arg.text, arg.text);
        else if (arg && !(isT && file.endsWith(join('src', 'core', 'ownText.ts')) && arg.getText(sf) === 'message'))
          problems.push(
            `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(arg.getStart()).line + 1}: l10n.t needs a literal message`,
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
} else if (!srcDir) {
  writeFileSync(bundlePath, serialized);
}

// Counts. A placeholder before a counted noun in the plural ("{0} numbers", "{1} more numbers", "{0} more invalid
// lines") takes a count, and reads wrong at 1 ("1 numbers"): the message needs a singular beside it, chosen by
// plural(). Abbreviated units ("{0} s", "{0} MB") read right at 1 and are not counted nouns.
const COUNTED = [
  'number',
  'row',
  'lookup',
  'digit',
  'line',
  'check',
  'second',
  'minute',
  'hour',
  'day',
  'character',
  'field',
  'report',
  'credit',
  'part',
  'request',
  'attempt',
  'account',
  'send',
  'code',
  'entry',
  'file',
  'message',
  'time',
  'byte',
  'watch',
];
const pluralOf = (noun) =>
  noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : noun.endsWith('ch') ? `${noun}es` : `${noun}s`;
const COUNTED_RE = new RegExp(`\\{\\d+\\}(?: [a-z]+){0,2}? (?:${COUNTED.map(pluralOf).join('|')})\\b`);
// Messages whose counted placeholder is a fixed cap or a value that cannot be 1, so no singular is ever shown.
const CAPS = new Map([
  ['At most {0} characters.', 'the cap on an account name (40)'],
  ['At most {0} characters; pick a file for a longer list.', 'the cap on a typed list (100,000)'],
  [
    '(Cut here: the first {0} of {1} characters of the answer.)',
    'the kept part of a raw answer (64 KB) of a longer one',
  ],
  [
    'Shortened to its first {0} of {1} characters when saved; refresh for the full text.',
    "the stored message's cap of a longer text",
  ],
  [
    'The numbers were not read: they are {0} MB, and a batch reads at most {1} MB (up to {2} numbers). Split the list.',
    'the batch caps',
  ],
  ['The send ID has {0} digits; send IDs have at most {1}.', 'said only of a send ID longer than the cap (18)'],
]);
for (const m of messages.keys()) {
  const counted = COUNTED_RE.exec(m);
  if (!counted || CAPS.has(m)) continue;
  const one = singulars.get(m);
  const isSingular = [...singulars.values()].includes(m);
  if (isSingular && !singulars.has(m)) continue; // the `one` of a pair may keep a cap's plural ("At most {0} numbers…")
  if (one === undefined)
    problems.push(
      `a count without a singular: ${JSON.stringify(m)} ("${counted[0]}" reads wrong at 1): choose between it and a singular with plural(count, l10n.t('…'), l10n.t(${JSON.stringify(m)}))`,
    );
  else if (one === m) problems.push(`a count whose singular is itself: ${JSON.stringify(m)}`);
}
if (!srcDir)
  for (const m of CAPS.keys())
    if (!messages.has(m)) problems.push(`a cap listed in scripts/l10n.mjs is not in the source: ${JSON.stringify(m)}`);

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
