import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'l10n.mjs');

function runCheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [script, '--check', ...args], { encoding: 'utf8' });
}

const figuresOf = (stdout: string): Record<string, number> => JSON.parse(stdout.trim().split('\n').pop() ?? '{}');

/** The keys the check names under "words in …", each with the reasons it gives. */
function wordProblems(stderr: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of stderr.matchAll(
    /^- words in (?:the Turkish of|package\.nls\.tr\.json) ("(?:[^"\\]|\\.)*"): (.*)$/gm,
  )) {
    const key = JSON.parse(m[1]) as string;
    found.set(key, [...(found.get(key) ?? []), m[2]]);
  }
  return found;
}

describe('localization', () => {
  it('translates every message and manifest string into Turkish, with matching placeholders and the words of docs/terminology.md, and the English bundle is current', () => {
    const r = runCheck();
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const figures = figuresOf(r.stdout);
    assert.ok(figures.messages > 150 && figures.turkish === figures.messages && figures.problems === 0, r.stdout);
    assert.ok(figures.avoidedTerms >= 30, `avoided terms read from docs/terminology.md: ${figures.avoidedTerms}`);
  });

  describe('words (docs/terminology.md)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'vairosms-l10n-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the check on the real Turkish with `bundle` and `manifest` overriding some of its strings. */
    function checkWith(bundle: Record<string, string>, manifest: Record<string, string> = {}) {
      const tr = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.tr.json'), 'utf8')) as Record<string, string>;
      const nls = JSON.parse(readFileSync(join(root, 'package.nls.tr.json'), 'utf8')) as Record<string, string>;
      for (const k of [...Object.keys(bundle), ...Object.keys(manifest)])
        assert.ok(k in tr || k in nls, `the test overrides a key that exists: ${k}`);
      const trFile = join(dir, 'bundle.l10n.tr.json');
      const nlsFile = join(dir, 'package.nls.tr.json');
      writeFileSync(trFile, JSON.stringify({ ...tr, ...bundle }));
      writeFileSync(nlsFile, JSON.stringify({ ...nls, ...manifest }));
      return runCheck('--turkish', trFile, '--nls-turkish', nlsFile);
    }

    it('fails on a placeholder right after a case-marked word, on a suffix on a placeholder, and names the keys', () => {
      const r = checkWith({
        'Look up {0} in send #{1}': '{1} numaralı gönderimde {0} sorgula',
        'Status changed from {0} to {1}: {2}.': 'Durum {0} değerinden {1} değerine değişti: {2}.',
        'Account {0} removed.': "{0}'ın hesabı kaldırıldı.",
        '{0} of {1} numbers looked up…': '{1} numaradan {0} tanesi sorgulandı…',
        'Showing the lookups of {0} only.': "Son Sorgular'da {0} hesabının sorguları gösteriliyor.",
      });
      assert.equal(r.status, 1, r.stdout);
      const found = wordProblems(r.stderr);
      assert.deepEqual(
        [...found.keys()].sort(),
        [
          '{0} of {1} numbers looked up…',
          'Account {0} removed.',
          'Look up {0} in send #{1}',
          'Showing the lookups of {0} only.',
          'Status changed from {0} to {1}: {2}.',
        ].sort(),
        r.stderr,
      );
      assert.match(found.get('Look up {0} in send #{1}')!.join(' '), /"gönderimde \{0\}": a placeholder right after/);
      assert.match(found.get('Look up {0} in send #{1}')!.join(' '), /uses "numaralı gönderimde"/);
      assert.match(found.get('Status changed from {0} to {1}: {2}.')!.join(' '), /"değerinden \{1\}"/);
      assert.match(found.get('Account {0} removed.')!.join(' '), /"\{0\}'ın": a suffix on a placeholder/);
      assert.equal(figuresOf(r.stdout).problems, [...found.values()].flat().length, 'and nothing else');
    });

    it('fails on a term docs/terminology.md avoids, in the bundle and in the manifest, in any case and with a suffix', () => {
      const r = checkWith(
        {
          Export: 'Dışa Aktar',
          'Message from VairoSMS': "VairoSMS'in mesajı",
          'Check your internet connection, proxy settings (http.proxy) and vairosms.apiRoot.':
            'İnternet bağlantınızı, vekil sunucu ayarlarını (http.proxy) ve vairosms.apiRoot ayarını kontrol edin.',
          'The operator confirmed delivery to the handset.': 'Operatör, mesajın cihaza teslim edildiğini teyit etti.',
        },
        { 'command.copyAsSnippet': 'KOD PARÇASI Olarak Kopyala…' },
      );
      assert.equal(r.status, 1, r.stdout);
      const found = wordProblems(r.stderr);
      assert.deepEqual(
        [...found.keys()].sort(),
        [
          'Check your internet connection, proxy settings (http.proxy) and vairosms.apiRoot.',
          'Export',
          'Message from VairoSMS',
          'The operator confirmed delivery to the handset.',
          'command.copyAsSnippet',
        ].sort(),
        r.stderr,
      );
      assert.match(found.get('Export')![0], /uses "Dışa Aktar", which docs\/terminology\.md avoids/);
      assert.match(found.get('command.copyAsSnippet')![0], /uses "kod parçası"/);
      assert.match(found.get('The operator confirmed delivery to the handset.')![0], /uses "teslim"/);
    });

    it('fails on the second word of a concept that has one (#26): each avoided term of the second pass, in the bundle and the manifest', () => {
      const r = checkWith(
        {
          'The server redirected the request to a location that is not a URL; it was not followed.':
            'Sunucu isteği URL olmayan bir konuma yönlendirdi; yönlendirme izlenmedi.',
          'The input needs "sendId": the digits of the send ID.':
            'Girdide "sendId" olmalı: gönderim ID\'sinin rakamları.',
          'The connection broke after the request was sent. It was not retried automatically.':
            'İstek gönderildikten sonra bağlantı koptu. Otomatik olarak yinelenmedi.',
          'Invisible and control characters are shown as ⟨U+XXXX⟩.':
            'Görünmeyen ve kontrol karakterleri ⟨U+XXXX⟩ olarak gösterilir.',
          'Log of the failed send (as received)': 'Başarısız gönderimin günlüğü (alındığı gibi)',
          'Unknown send state': 'Bilinmeyen gönderim durumu',
          Diagnosis: 'Teşhis',
          'Shown as received; not a date we can read.': 'Geldiği gibi gösteriliyor; okuyabildiğimiz bir tarih değil.',
        },
        {
          'walkthrough.whileCoding.description':
            "Sohbette bir ajana bir SMS'in neden ulaşmadığını sorun: VairoSMS araçları onun için sorgular.",
        },
      );
      assert.equal(r.status, 1, r.stdout);
      const found = wordProblems(r.stderr);
      const expected: Array<[string, string]> = [
        ['The server redirected the request to a location that is not a URL; it was not followed.', 'izlenmedi'],
        ['The input needs "sendId": the digits of the send ID.', 'girdi'],
        ['The connection broke after the request was sent. It was not retried automatically.', 'yinelenmedi'],
        ['Invisible and control characters are shown as ⟨U+XXXX⟩.', 'kontrol karakter'],
        ['Log of the failed send (as received)', 'alındığı gibi'],
        ['Unknown send state', 'gönderim durumu'],
        ['Diagnosis', 'teşhis'],
        ['Shown as received; not a date we can read.', 'okuyabildiğimiz'],
        ['walkthrough.whileCoding.description', 'ajan'],
      ];
      assert.deepEqual([...found.keys()].sort(), expected.map(([k]) => k).sort(), r.stderr);
      for (const [key, term] of expected)
        assert.match(found.get(key)!.join(' '), new RegExp(`uses "${term}", which docs/terminology\\.md avoids`), key);
    });

    it("lets an avoided term stand inside the provider's own phrase, and passes the placeholder forms the page asks for", () => {
      const r = checkWith({
        // EXPIRED: the provider's "alıcısına teslim edilemedi", while "teslim" is avoided elsewhere
        'The message was not delivered within its validity period (often: phone off or out of coverage).':
          'Mesaj geçerlilik süresi içinde alıcısına teslim edilemedi (çoğu zaman: telefon kapalı veya kapsama alanı dışında).',
        'Look up {0} in send #{1}': '{0} numarasını sorgula (gönderim {1})',
        'In your time zone: {0} ({1}).': 'Sizin saat diliminizde: {0} ({1}).',
        'Scheduled for {0}; not sent yet.': 'Gönderim zamanı: {0}; henüz gönderilmedi.',
      });
      assert.equal(r.status, 0, r.stderr + r.stdout);
    });
  });

  describe('counts (a singular for every counted message)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'vairosms-l10n-src-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** The check's complaints about counts, for a source folder holding `source` alone. */
    function countProblems(source: string): string[] {
      writeFileSync(join(dir, 'a.ts'), source);
      const r = runCheck('--src', dir);
      assert.equal(r.status, 1, r.stdout);
      return [...r.stderr.matchAll(/^- (a count .*|.*plural\(\) takes .*)$/gm)].map((m) => m[1]);
    }

    it('fails on a counted message without a singular, on a singular that is the same text, and on a plural() without literals', () => {
      const found = countProblems(`
        import * as l10n from '@vscode/l10n';
        export const a = (n: number) => l10n.t('Exported {0} rows.', n);
        export const b = (n: number) => l10n.t('Stopped watching {0} after {1} minutes.', 'x', n);
        export const c = (n: number) => l10n.t('{0} more invalid lines are not listed.', n);
        export const d = (n: number) => plural(n, l10n.t('{0} checks', n), l10n.t('{0} checks', n));
        export const e = (n: number, s: string) => plural(n, s, l10n.t('Watching {0} reports', n));
      `);
      assert.deepEqual(
        found.map((p) =>
          p.replace(
            /^.*?(a count without a singular: "[^"]*"|a count whose singular is itself: "[^"]*"|plural\(\) takes).*$/,
            '$1',
          ),
        ),
        [
          'plural() takes',
          'a count without a singular: "Exported {0} rows."',
          'a count without a singular: "Stopped watching {0} after {1} minutes."',
          'a count without a singular: "{0} more invalid lines are not listed."',
          'a count whose singular is itself: "{0} checks"',
          'a count without a singular: "Watching {0} reports"',
        ],
      );
    });

    it('passes a count chosen by plural() with its singular, a unit abbreviation and a cap listed with its reason', () => {
      const found = countProblems(`
        import * as l10n from '@vscode/l10n';
        export const a = (n: number) => plural(n, own('Exported {0} row.', n), own('Exported {0} rows.', n));
        export const b = (n: number) => l10n.t('VairoSMS did not answer within {0} s.', n);
        export const c = (n: number) => l10n.t('At most {0} characters.', n);
        export const d = (n: number) => l10n.t('Lines that are not phone numbers: {0}.', n);
      `);
      assert.deepEqual(found, []);
    });
  });
});
