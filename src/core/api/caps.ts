// What an answer's parts may weigh, and the one way to cut a text to its cap. A server's answer is up to 1 MB (the
// transport's cap), and everything kept from it has a cap (the report's: src/core/report/reportBounds.ts; the
// provider's own text: the envelope and the errors; a pasted list's lines: src/core/batch/numberList.ts).
export const CAPS = {
  message: 131_072,
  storedMessage: 4096,
  batchMessage: 1024,
  field: 200,
  extraValue: 1024,
  extraName: 100,
  extraFields: 32,
  providerText: 2000,
  /** Recent Lookups keeps at most 8 undocumented fields of a report, each value up to 100 characters, its name up to
   *  40 (the panel of a fresh lookup shows up to 32 of 1 K): a stored entry stays within 16 KB. */
  storedExtraFields: 8,
  storedExtraValue: 100,
  storedExtraName: 40,
} as const;

/** `text` cut to `max` characters, never inside a surrogate pair, as a string of its own: V8 keeps the whole string a
 *  slice was cut from alive behind the slice, so a batch of cut 1 K messages would keep every 200 KB answer. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
  // Concatenating flattens into a new string; the slice of that one no longer refers to `text`.
  return (text.slice(0, end) + ' ').slice(0, -1);
}
