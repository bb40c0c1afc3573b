// String literals of the snippets' languages (src/core/snippets/snippets.ts): every value a snippet carries (a URL, a header,
// the body, a key) is written as a literal of the target language by these functions, so nothing in it can end the
// string and become code. test/unit/core/snippets/snippetLiterals.test.ts proves each against hostile strings, with the real bash, php,
// python3 and node where they are installed, and with a model of PowerShell's single-quoted strings.

export type SnippetLanguage = 'curl' | 'powershell' | 'typescript' | 'php' | 'python' | 'csharp';

/** `value` as a string literal of the language: a single-quoted shell word, a single-quoted TS/JS, PHP or Python
 *  string, a regular C# string. The literal evaluates to exactly `value` (well-formed UTF-16; the shell cannot hold
 *  NUL). Exported so tests can prove the quoting with hostile strings. */
export function stringLiteral(language: SnippetLanguage, value: string): string {
  switch (language) {
    case 'curl':
      return `'${value.split("'").join(`'\\''`)}'`;
    // PowerShell single quotes: no escapes at all; a quote is doubled, and PowerShell counts the typographic single
    // quotes (U+2018–U+201B) as quotes too.
    case 'powershell':
      return `'${value.replace(/['\u2018-\u201b]/g, (q) => q + q)}'`;
    case 'php':
      return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
    case 'typescript':
      return `'${escapeCLike(value, "'", hex2)}'`;
    case 'python':
      return `'${escapeCLike(value, "'", hex2)}'`;
    // C# has no \x with a fixed length (\x1 and \x1234 are both valid), so control characters use \u.
    case 'csharp':
      return `"${escapeCLike(value, '"', hex4)}"`;
    default:
      throw new Error(`unexpected snippet language ${String(language satisfies never)}`);
  }
}

const hex2 = (code: number): string => `\\x${code.toString(16).padStart(2, '0')}`;
const hex4 = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;

/** Backslash escaping shared by TS/JS, Python and C#: the backslash, the quote, line breaks and every control
 *  character; U+0085, U+2028 and U+2029 (line breaks to C# and old JS engines) and lone surrogates as \uXXXX. Other
 *  characters stay as they are (the snippets are UTF-8 text). */
function escapeCLike(value: string, quote: '"' | "'", control: (code: number) => string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += control(code);
    else if (code === 0x2028 || code === 0x2029) out += hex4(code);
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && isLowSurrogate(value.charCodeAt(i + 1))) {
      out += ch + value[i + 1]; // a well-formed pair: the character as it is
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += hex4(code);
    else out += ch;
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
