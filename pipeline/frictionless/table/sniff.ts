import type { Dialect } from "../descriptor/types.ts";

/**
 * What frictionless-py guesses of a CSV dialect the descriptor leaves out: it runs Python's
 * `csv.Sniffer` over the first 100 lines, the delimiter taken among `,`, tab, `;` and `|`, and
 * uses its delimiter, quote character and skipInitialSpace. French files are often `;`-separated
 * without saying so: this reads them as frictionless-py does. Same algorithm as the Sniffer
 * (quoted cells first, then how regularly each candidate occurs per line), our own code.
 */

export const SNIFF_LINES = 100;
const CANDIDATES = [",", "\t", ";", "|"];
/** The Sniffer's order of preference when several delimiters are as regular. */
const PREFERRED = [",", "\t", ";", " ", ":"];

export interface SniffedDialect {
  delimiter: string;
  quoteChar: string;
  skipInitialSpace: boolean;
}

/** The first `SNIFF_LINES` lines of `text` (or all of it), as the sample to sniff. */
export function sniffSample(text: string): string {
  let end = -1;
  for (let line = 0; line < SNIFF_LINES; line++) {
    end = text.indexOf("\n", end + 1);
    if (end < 0) return text;
  }
  return text.slice(0, end + 1);
}

/**
 * The dialect of a CSV sample: `delimiters` are the candidates (the declared delimiter alone
 * when there is one). Without any regular candidate, Python's default: `,`, `"`, no skipping.
 */
export function sniffCsv(sample: string, delimiters: readonly string[] = CANDIDATES): SniffedDialect {
  const quoted = guessFromQuotes(sample, delimiters);
  let delimiter = quoted.delimiter;
  let skipInitialSpace = quoted.skipInitialSpace;
  if (delimiter === "") ({ delimiter, skipInitialSpace } = guessFromFrequencies(sample, delimiters));
  if (delimiter === "") return { delimiter: ",", quoteChar: '"', skipInitialSpace: false };
  return { delimiter, quoteChar: quoted.quoteChar || '"', skipInitialSpace };
}

/** The sniffed values for what `declared` leaves unset: the dialect to read the file with. */
export function withSniffed(declared: Dialect | undefined, sniffed: SniffedDialect): Dialect {
  const d = declared ?? {};
  return {
    ...d,
    delimiter: d.delimiter ?? sniffed.delimiter,
    quoteChar: d.quoteChar ?? sniffed.quoteChar,
    skipInitialSpace: d.skipInitialSpace ?? sniffed.skipInitialSpace,
  };
}

// Python's \w is Unicode-aware: an accented letter is a word character, not a delimiter.
const QUOTE_PATTERNS = [
  /([^\p{L}\p{N}_\n"'])( ?)(["']).*?\3\1/gmsu, // ,"...",
  /(?:^|\n)(["']).*?\1([^\p{L}\p{N}_\n"'])( ?)/gmsu, // "...",  at a line start
  /([^\p{L}\p{N}_\n"'])( ?)(["']).*?\3(?:$|\n)/gmsu, // ,"..." at a line end
  /(?:^|\n)(["']).*?\1(?:$|\n)/gmsu, // "..." alone on its line
];

/** Quoted cells tell the quote character and the delimiter next to them. */
function guessFromQuotes(sample: string, delimiters: readonly string[]): { quoteChar: string; delimiter: string; skipInitialSpace: boolean } {
  for (let p = 0; p < QUOTE_PATTERNS.length; p++) {
    const matches = [...sample.matchAll(QUOTE_PATTERNS[p] as RegExp)];
    if (matches.length === 0) continue;
    const quotes = new Map<string, number>();
    const delims = new Map<string, number>();
    let spaces = 0;
    for (const m of matches) {
      const [quote, delim, space] = p === 0 || p === 2 ? [m[3], m[1], m[2]] : p === 1 ? [m[1], m[2], m[3]] : [m[1], undefined, undefined];
      if (quote) quotes.set(quote, (quotes.get(quote) ?? 0) + 1);
      if (delim === undefined) continue;
      if (delim && delimiters.includes(delim)) delims.set(delim, (delims.get(delim) ?? 0) + 1);
      if (space) spaces++;
    }
    const quoteChar = mostFrequent(quotes) ?? "";
    const delimiter = mostFrequent(delims);
    if (delimiter === undefined || delimiter === "\n") return { quoteChar, delimiter: "", skipInitialSpace: false };
    return { quoteChar, delimiter, skipInitialSpace: delims.get(delimiter) === spaces };
  }
  return { quoteChar: "", delimiter: "", skipInitialSpace: false };
}

/** The first key with the highest count (Python's `max(d, key=d.get)`). */
function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A delimiter occurs the same number of times on (nearly) every line: by chunks of 10 lines, the
 * candidates whose most frequent per-line count holds on at least 90 % of the lines read so far.
 */
function guessFromFrequencies(sample: string, delimiters: readonly string[]): { delimiter: string; skipInitialSpace: boolean } {
  const lines = sample.split("\n").filter((line) => line !== "");
  if (lines.length === 0) return { delimiter: "", skipInitialSpace: false };
  const first = lines[0] as string;
  const skipping = (delimiter: string) => count(first, delimiter) === count(first, `${delimiter} `);
  const chunk = Math.min(10, lines.length);
  const frequencies = new Map<string, Map<number, number>>(delimiters.map((d) => [d, new Map()]));
  const found = new Map<string, [number, number]>();
  for (let start = 0, iteration = 1; start < lines.length; start += chunk, iteration++) {
    for (const line of lines.slice(start, start + chunk)) {
      for (const d of delimiters) {
        const table = frequencies.get(d) as Map<number, number>;
        const n = count(line, d);
        table.set(n, (table.get(n) ?? 0) + 1);
      }
    }
    const modes = new Map<string, [number, number]>();
    for (const [d, table] of frequencies) {
      const items = [...table.entries()];
      if (items.length === 1 && (items[0] as [number, number])[0] === 0) continue;
      // The mode, less the lines that disagree with it.
      let mode = items[0] as [number, number];
      for (const item of items) if (item[1] > mode[1]) mode = item;
      const others = items.reduce((sum, item) => (item === mode ? sum : sum + item[1]), 0);
      modes.set(d, [mode[0], mode[1] - others]);
    }
    const total = Math.min(chunk * iteration, lines.length);
    for (let consistency = 1; found.size === 0 && consistency >= 0.9; consistency -= 0.01) {
      for (const [d, [n, lineCount]] of modes) {
        if (n > 0 && lineCount > 0 && lineCount / total >= consistency) found.set(d, [n, lineCount]);
      }
    }
    if (found.size === 1) {
      const delimiter = [...found.keys()][0] as string;
      return { delimiter, skipInitialSpace: skipping(delimiter) };
    }
  }
  if (found.size === 0) return { delimiter: "", skipInitialSpace: false };
  const preferred = PREFERRED.find((d) => found.has(d));
  if (preferred !== undefined) return { delimiter: preferred, skipInitialSpace: skipping(preferred) };
  const [delimiter] = [...found.entries()].sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1]).at(-1) as [string, [number, number]];
  return { delimiter, skipInitialSpace: skipping(delimiter) };
}

function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}
