// Code snippets (src/core/snippets/snippets.ts): the languages offered and their labels, no redirect followed, the
// shape of the request each snippet sends, where the API key goes, and TLS checks left on. The string-literal quoting
// is snippetLiterals.test.ts; the snippets run against the sandbox, snippetsRun.test.ts; what they share, fixtures.ts.
import { strict as assert } from 'node:assert';
import { DEFAULT_API_ROOT } from '../../../../src/core/api/request';
import {
  curlFor,
  KEY_ENV_VAR,
  SNIPPET_LANGUAGES,
  snippet,
  snippetEditorLanguage,
  snippetLabel,
  stringLiteral,
  type SnippetLanguage,
} from '../../../../src/core/snippets/snippets';
import { SAMPLE } from '../../../sandbox/data';
import { useEnglish, useTurkish } from '../../l10nSetup';
import { INPUT, HOSTILE_KEY, SHAPE, TLS_OFF } from './fixtures';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

describe('code snippets', function () {
  this.timeout(15_000);
  afterEach(useEnglish);

  it('offers cURL (shell and PowerShell), TypeScript, PHP, Python and C#, each with a localized label and an editor language', () => {
    assert.deepEqual([...SNIPPET_LANGUAGES], ['curl', 'powershell', 'typescript', 'php', 'python', 'csharp']);
    const english = SNIPPET_LANGUAGES.map(snippetLabel);
    assert.deepEqual(english, [
      'cURL (shell)',
      'cURL (PowerShell)',
      'TypeScript (fetch)',
      'PHP (cURL)',
      'Python (requests)',
      'C# (HttpClient)',
    ]);
    assert.deepEqual(SNIPPET_LANGUAGES.map(snippetEditorLanguage), [
      'shellscript',
      'powershell',
      'typescript',
      'php',
      'python',
      'csharp',
    ]);
    useTurkish();
    assert.equal(snippetLabel('curl'), 'cURL (kabuk)');
    assert.equal(new Set(SNIPPET_LANGUAGES.map(snippetLabel)).size, 6);
  });

  it('Copy as cURL copies the PowerShell variant on Windows, the shell one elsewhere (row 26)', () => {
    assert.equal(curlFor('win32'), 'powershell');
    for (const p of ['linux', 'darwin', 'freebsd']) assert.equal(curlFor(p), 'curl');
  });

  it('no snippet follows a redirect: each turns it off, or never turns it on (row 26)', () => {
    const off: Record<SnippetLanguage, RegExp> = {
      curl: /follows no redirect/,
      powershell: /follows no redirect/,
      typescript: /redirect: 'manual'/,
      php: /CURLOPT_FOLLOWLOCATION => false/,
      python: /allow_redirects=False/,
      csharp: /AllowAutoRedirect = false/,
    };
    for (const lang of SNIPPET_LANGUAGES) {
      for (const apiKey of [undefined, 'k']) {
        const s = snippet(lang, { ...INPUT, apiKey });
        assert.match(s, off[lang], lang);
        assert.doesNotMatch(
          s,
          /--location|(^|\s)-L\b|CURLOPT_FOLLOWLOCATION => true|allow_redirects=True|MAXREDIRS/m,
          lang,
        );
      }
    }
  });

  describe('the request each snippet sends', () => {
    for (const lang of SNIPPET_LANGUAGES) {
      it(`${lang}: POST to NumaraRaporu/${SAMPLE.sendId}, both headers, the JSON body, a 30 s timeout, and prints the body`, () => {
        for (const apiKey of [undefined, 'abc123XYZ']) {
          const s = snippet(lang, { ...INPUT, apiKey });
          const shape = SHAPE[lang];
          assert.ok(s.includes(`https://vairosms.com/Panel/api/v1/NumaraRaporu/${SAMPLE.sendId}`), s);
          for (const part of [shape.method, ...shape.headers, shape.body, shape.timeout, shape.prints])
            assert.ok(s.includes(part), `${lang} lacks ${part}:\n${s}`);
          assert.ok(s.endsWith('\n'));
        }
      });
    }

    it('curl prints to standard output (no --output, no -o) and does not follow redirects to other hosts (no --location)', () => {
      for (const apiKey of [undefined, 'k']) {
        const s = snippet('curl', { ...INPUT, apiKey });
        assert.doesNotMatch(s, /--output|(^|\s)-o\s|--location|(^|\s)-L\b/m);
      }
    });

    it("takes the URL, headers and body from buildReportRequest (the extension's own request)", () => {
      const key = 'k&e#y %\'"';
      const req = buildReportRequest(DEFAULT_API_ROOT, SAMPLE.sendId, SAMPLE.number, key);
      for (const lang of SNIPPET_LANGUAGES) {
        const s = snippet(lang, { ...INPUT, apiKey: key });
        assert.ok(s.includes(stringLiteral(lang, req.url)), `${lang}: the URL literal`);
        assert.ok(s.includes(stringLiteral(lang, req.body)), `${lang}: the body literal`);
        for (const [name, value] of Object.entries(req.headers)) {
          // C# sets content-type through the ContentType property of the content headers.
          const nameShown = lang === 'csharp' && name === 'content-type' ? 'Headers.ContentType' : name;
          assert.ok(s.includes(nameShown) && s.includes(value), `${lang}: ${name}`);
        }
      }
    });
  });

  describe('the API key', () => {
    for (const lang of SNIPPET_LANGUAGES) {
      it(`${lang}: without a key, reads ${KEY_ENV_VAR} at run time, URL-encodes it, says so, and embeds no key`, () => {
        const s = snippet(lang, INPUT);
        assert.equal(snippet(lang, { ...INPUT, apiKey: undefined }), s);
        assert.equal(snippet(lang, { ...INPUT, apiKey: '' }), s, 'an empty key counts as none');
        assert.ok(s.includes(SHAPE[lang].readsEnv), `${lang} reads the variable:\n${s}`);
        assert.ok(s.includes(SHAPE[lang].encodesKey), `${lang} encodes the key:\n${s}`);
        assert.match(
          s,
          new RegExp(`^\\s*(#|//).*environment variable ${KEY_ENV_VAR}`, 'm'),
          'a comment names the variable',
        );
        assert.doesNotMatch(s, /undefined|contains your API key/);
        // The only api_key= in the snippet ends its string literal (or is curl's --url-query): nothing follows it.
        for (const m of s.matchAll(/api_key=(.)/g)) assert.match(m[1], /['"$]/, `${lang}: something follows api_key=`);
      });

      it(`${lang}: with a key, embeds it URL-encoded and warns that the snippet is secret`, () => {
        const plain = snippet(lang, { ...INPUT, apiKey: 'abc123XYZ' });
        assert.ok(plain.includes(`/NumaraRaporu/${SAMPLE.sendId}?api_key=abc123XYZ`), plain);
        assert.match(plain, /contains your API key/);
        assert.ok(!plain.includes(KEY_ENV_VAR), 'no environment variable when the key is embedded');

        const hostile = snippet(lang, { ...INPUT, apiKey: HOSTILE_KEY });
        const encoded = new URLSearchParams({ api_key: HOSTILE_KEY }).toString();
        assert.ok(hostile.includes(encoded), `${lang} embeds ${encoded}:\n${hostile}`);
        for (const raw of ["k'ey", '$(touch', '`touch', '"$'])
          assert.ok(!hostile.includes(raw), `${lang}: ${raw} appears unencoded`);
      });
    }
  });

  describe('TLS', () => {
    it('no snippet turns certificate verification off, with or without a key or hostile values', () => {
      for (const lang of SNIPPET_LANGUAGES) {
        for (const input of [INPUT, { ...INPUT, apiKey: HOSTILE_KEY }, { ...INPUT, apiKey: 'k' }]) {
          const s = snippet(lang, input);
          for (const re of TLS_OFF) assert.doesNotMatch(s, re, `${lang}: ${re}`);
        }
      }
    });
  });
});
