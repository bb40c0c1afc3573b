// Code snippets (src/core/snippets/snippets.ts): each language's string literal evaluates to exactly the value,
// proved with hostile strings in the real runtimes where they are installed and in reference decoders elsewhere.
import { strict as assert } from 'node:assert';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { SNIPPET_LANGUAGES, snippet, stringLiteral, type SnippetInput } from '../../../../src/core/snippets/snippets';
import { useEnglish } from '../../l10nSetup';
import {
  HOSTILE_STRINGS,
  useTmpDir,
  run,
  writeTemp,
  python,
  php,
  assertNoPwned,
  decodePhpSingleQuoted,
  decodeCsharpString,
} from './fixtures';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

describe('code snippets', function () {
  this.timeout(15_000);
  useTmpDir();
  afterEach(useEnglish);

  describe('string literals evaluate to exactly the value', () => {
    it("PowerShell: each single-quoted literal reads back unchanged under PowerShell's rules (a model: no pwsh here)", () => {
      // PowerShell's single-quoted string: everything is literal, and a pair of single-quote characters (any of
      // ' and U+2018–U+201B) stands for one. The model reads a literal from its start to the quote that ends it.
      const quote = /['\u2018-\u201b]/;
      const read = (src: string): { value: string; rest: string } => {
        assert.ok(quote.test(src[0]), `starts with a quote: ${src}`);
        let value = '';
        for (let i = 1; i < src.length; i++) {
          if (quote.test(src[i])) {
            if (quote.test(src[i + 1] ?? '')) {
              value += src[i];
              i++;
              continue;
            }
            return { value, rest: src.slice(i + 1) };
          }
          value += src[i];
        }
        throw new Error(`unterminated: ${src}`);
      };
      const hostile = [...HOSTILE_STRINGS, '\u2018x\u2019', 'it\u2019s', '\u201b\u201a', '$env:HOME', '`n', '@(1)'];
      for (const v of hostile) {
        const { value, rest } = read(stringLiteral('powershell', v) + ' tail');
        assert.equal(value, v);
        assert.equal(rest, ' tail', 'the literal ends where it should');
      }
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (v) => {
          const { value, rest } = read(stringLiteral('powershell', v) + '|');
          return value === v && rest === '|';
        }),
        { numRuns: 500 },
      );
    });

    it('shell: bash reads each single-quoted word back unchanged and runs nothing', async () => {
      const values = HOSTILE_STRINGS;
      const r = await run('bash', ['-c', `printf '%s\\0' ${values.map((v) => stringLiteral('curl', v)).join(' ')}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\0').slice(0, -1), values);
      assertNoPwned();
    });

    it('TypeScript/JavaScript: each literal evaluates to the value', () => {
      for (const v of [...HOSTILE_STRINGS, '\0', '\0' + '1', '\ud800 lone \udfff']) {
        const lit = stringLiteral('typescript', v);
        assert.equal(vm.runInNewContext(lit), v, lit);
        assert.doesNotMatch(lit, /[\n\r\u2028\u2029]/, 'no raw line break inside the literal');
      }
    });

    it('PHP: each single-quoted literal decodes to the value and ends where it should', () => {
      for (const v of HOSTILE_STRINGS) assert.equal(decodePhpSingleQuoted(stringLiteral('php', v)), v, v);
      assert.throws(() => decodePhpSingleQuoted("'a'b'"), /ends early/, 'the reference decoder catches a breakout');
    });

    it('PHP: the php interpreter reads them back', async () => {
      const file = writeTemp(
        'literals.php',
        `<?php echo json_encode([${HOSTILE_STRINGS.map((v) => stringLiteral('php', v)).join(', ')}]);\n`,
      );
      const r = await run(php(), [file]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), HOSTILE_STRINGS);
    });

    it('Python: python3 reads each literal back', async () => {
      const exe = python();
      const values = [...HOSTILE_STRINGS, '\0', '\0' + '1'];
      const file = writeTemp(
        'literals.py',
        `import json, sys\nvalues = [\n${values.map((v) => `    ${stringLiteral('python', v)},`).join('\n')}\n]\nsys.stdout.write(json.dumps(values))\n`,
      );
      const r = await run(exe, [file]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), values);
    });

    it('C#: each literal decodes to the value under the C# escape rules, with no raw line break', () => {
      for (const v of [...HOSTILE_STRINGS, '\0', '\x01' + 'abc', '\ud800 lone'])
        assert.equal(decodeCsharpString(stringLiteral('csharp', v)), v, JSON.stringify(v));
      assert.throws(
        () => decodeCsharpString('"a\nb"'),
        /raw line break/,
        'the reference decoder catches a raw newline',
      );
    });

    it('hostile values in the API root, send ID and number end up only inside literals, in every language', () => {
      const input: SnippetInput = {
        apiRoot: "https://vairosms.com/Pa'nel$(id)\\x/api/v1/",
        sendId: '187\'"$(id)',
        number: `53'"\\$(id)\`id\`\n`,
      };
      const req = buildReportRequest(input.apiRoot, input.sendId, input.number, 'k');
      for (const lang of SNIPPET_LANGUAGES) {
        const s = snippet(lang, { ...input, apiKey: 'k' });
        assert.ok(s.includes(stringLiteral(lang, req.url)), `${lang}: ${req.url}`);
        assert.ok(s.includes(stringLiteral(lang, req.body)), `${lang}: ${req.body}`);
      }
      assert.match(req.url, /'/, 'the vector keeps a quote in the URL');
    });
  });
});
