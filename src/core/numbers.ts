// Numbers a user reads, in the display language's digits ("1.234" and "3,4" in Turkish, "1,234" and "3.4" in
// English), and the sentences that count something: each is written whole twice, once for one and once for many
// ("1 number", "2 numbers"), so no sentence is built from parts. Pure: the caller passes the language
// (vscode.env.language in the host, the model's `lang` in a page).
const formatters = new Map<string, Intl.NumberFormat>();

/** One formatter per language and precision: building one costs more than formatting (a tree formats many). */
function numberFormatter(lang: string, fractionDigits: number): Intl.NumberFormat {
  const id = `${lang}/${fractionDigits}`;
  let fmt = formatters.get(id);
  if (!fmt) {
    const options = { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits };
    try {
      fmt = new Intl.NumberFormat(lang, options);
    } catch {
      fmt = new Intl.NumberFormat('en', options); // a language tag Intl does not know
    }
    formatters.set(id, fmt);
  }
  return fmt;
}

/** A count or a measure as the display language writes it, with at most `fractionDigits` decimals. */
export function formatNumber(n: number, lang: string, fractionDigits = 0): string {
  return numberFormatter(lang, fractionDigits).format(n);
}

/** The sentence for `count`: `one` when it is 1, else `other`. Pass both as literal l10n.t (or own) messages at the
 *  call site: scripts/l10n.mjs reads the pair there and fails on a counted message that has no singular. */
export function plural<T extends string>(count: number, one: T, other: T): T {
  return count === 1 ? one : other;
}
