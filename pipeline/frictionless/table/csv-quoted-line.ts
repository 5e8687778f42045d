import { CsvProblem, type OpenQuote, type QuoteState } from "./csv-guard.ts";
import type { CsvSyntax } from "./csv-syntax.ts";

const LF = 10;
const CR = 13;
/** What `parse` returns when the text ends before the record does: the record waits for more text. */
export const UNFINISHED = -1;

/**
 * The path of the CSV tokenizer (`CsvParser`) for a record whose line holds a quote or escape
 * character. A record is read cell by cell: a quoted cell (`readQuoted`) and what follows its
 * closing quote (`readUnquoted`, kept as Python's csv module keeps it); an unquoted cell is cut
 * natively (`cutPlain`: `indexOf` + `slice`, as on a line without quotes), and read character by
 * character only when it holds an escape character or the text ends before it does. A quote
 * inside an unquoted cell is text, so a record's other cells cost what they cost on a plain line.
 * This runs on a third of the rows of a typical file: no closure is made per record or per cell,
 * and a reader returns its cell but keeps where the cell ends in a number field (storing each
 * cell's string in a field of this long-lived object cost 5 % of the parse, a write barrier per cell).
 */
export class QuotedLineParser {
  /** The quoted cell the text ended in, when the last `parse` returned `UNFINISHED` inside one. */
  open: OpenQuote | undefined;
  /** Where the last cell read ends: after its closing quote, delimiter or line terminator. */
  private at = 0;
  /** Whether the last cell read ended its record. */
  private recordEnded = false;
  /** Where the next escape character is at or after the cell being cut (-1: none in the text; -2: not looked for yet). */
  private nextEscape = -2;
  private readonly delimiterCode: number;
  private readonly quoteCode: number;
  private readonly escapeCode: number;
  private readonly terminatorCode: number;

  constructor(private readonly syntax: CsvSyntax) {
    this.delimiterCode = syntax.delimiter.charCodeAt(0);
    this.quoteCode = syntax.quoteChar === undefined ? -1 : syntax.quoteChar.charCodeAt(0);
    this.escapeCode = syntax.escapeChar === undefined ? -1 : syntax.escapeChar.charCodeAt(0);
    this.terminatorCode = syntax.lineTerminator === undefined ? LF : syntax.lineTerminator.charCodeAt(0);
  }

  /** To call before the records of a new text: positions found in the previous one no longer hold. */
  newText(): void {
    this.nextEscape = -2;
  }

  /**
   * Reads the record starting at `start` into `out`; returns the position after it, or
   * `UNFINISHED`. `lineEnd` is where the first line terminator after `start` starts (-1: none
   * in the text).
   */
  parse(s: string, start: number, lineEnd: number, final: boolean, out: string[][]): number {
    this.open = undefined;
    const skipInitialSpace = this.syntax.skipInitialSpace;
    const qc = this.quoteCode;
    const len = s.length;
    const cells: string[] = [];
    let i = start;
    for (;;) {
      if (skipInitialSpace) while (i < len && s.charCodeAt(i) === 32) i++;
      let cell: string | undefined;
      if (i < len && s.charCodeAt(i) === qc) {
        const quoted = this.readQuoted(s, i + 1, final, cells.length + 1);
        if (quoted === undefined) return UNFINISHED;
        cell = this.readUnquoted(s, this.at, final, quoted);
      } else {
        // A quoted or escaped line break in the cells before: the record's line ends further on.
        if (lineEnd !== -1 && lineEnd < i) lineEnd = this.indexOfTerminator(s, i);
        cell = this.cutPlain(s, i, lineEnd) ?? this.readUnquoted(s, i, final, "");
      }
      if (cell === undefined) return UNFINISHED;
      cells.push(cell);
      i = this.at;
      if (this.recordEnded) {
        out.push(cells);
        return i;
      }
    }
  }

  /**
   * An unquoted cell cut natively, as on a line without quotes: from `from` to the delimiter or
   * the line terminator that comes first. Undefined when the character-level path must read it:
   * it holds an escape character, or neither ends it in the text.
   */
  private cutPlain(s: string, from: number, lineEnd: number): string | undefined {
    const { delimiter, escapeChar, lineTerminator } = this.syntax;
    const d = s.indexOf(delimiter, from);
    // `\r\n` ends a line as `\n` does; a `\r` elsewhere is text.
    const stop = lineTerminator === undefined && lineEnd > from && s.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    // On a tie (a terminator that starts with the delimiter), the delimiter wins, as in `readUnquoted`.
    const recordEnded = d === -1 || (stop !== -1 && stop < d);
    const end = recordEnded ? stop : d;
    if (end === -1) return undefined;
    if (escapeChar !== undefined) {
      if (this.nextEscape !== -1 && this.nextEscape < from) this.nextEscape = s.indexOf(escapeChar, from);
      if (this.nextEscape !== -1 && this.nextEscape < end) return undefined;
    }
    const next = recordEnded ? lineEnd + (lineTerminator === undefined ? 1 : lineTerminator.length) : d + delimiter.length;
    return this.endCell(s.slice(from, end), recordEnded, next);
  }

  private indexOfTerminator(s: string, from: number): number {
    return s.indexOf(this.syntax.lineTerminator ?? "\n", from);
  }

  /**
   * A quoted cell's text, from `from` (after its opening quote) to its closing quote; `at` is
   * then after the closing quote. Undefined when the text ends first (the open quote is noted);
   * at the end of the file, a quote that never closes throws.
   */
  private readQuoted(s: string, from: number, final: boolean, field: number): string | undefined {
    const { quoteChar, doubleQuote, escapeChar } = this.syntax;
    const len = s.length;
    let value = "";
    let i = from;
    for (;;) {
      const q = s.indexOf(quoteChar as string, i);
      const e = escapeChar === undefined ? -1 : s.indexOf(escapeChar, i);
      if (e !== -1 && (q === -1 || e < q)) {
        if (e + 1 >= len) {
          if (!final) return this.openQuote(from, field, "after-escape");
          this.at = len;
          return value + s.slice(i, e);
        }
        value += s.slice(i, e) + s[e + 1];
        i = e + 2;
        continue;
      }
      if (q === -1) {
        if (!final) return this.openQuote(from, field, "inside");
        // Python's csv module would keep the rest of the file as one cell.
        throw new CsvProblem("unclosed-quote", field);
      }
      value += s.slice(i, q);
      i = q + 1;
      if (doubleQuote) {
        if (i >= len && !final) return this.openQuote(from, field, "after-quote");
        if (s.charCodeAt(i) === this.quoteCode) {
          value += quoteChar;
          i++;
          continue;
        }
      }
      this.at = i;
      return value;
    }
  }

  /**
   * Unquoted text from `start` up to the delimiter or the line terminator that ends the cell,
   * after `value` (the quoted part, if any): the cell, with `at` after what ended it and
   * `recordEnded` saying which it was; undefined when the text ends first.
   */
  private readUnquoted(s: string, start: number, final: boolean, value: string): string | undefined {
    const { delimiter, lineTerminator } = this.syntax;
    const singleDelimiter = delimiter.length === 1;
    const len = s.length;
    let i = start;
    for (;;) {
      if (i >= len) return final ? this.endCell(value, true, len) : undefined;
      const c = s.charCodeAt(i);
      if (c === this.delimiterCode && (singleDelimiter || s.startsWith(delimiter, i))) return this.endCell(value, false, i + delimiter.length);
      if (lineTerminator === undefined) {
        // `\n`, `\r\n`, or a `\r` that ends the file; any other `\r` is text.
        if (c === LF) return this.endCell(value, true, i + 1);
        if (c === CR) {
          if (i + 1 >= len && !final) return undefined;
          if (i + 1 >= len || s.charCodeAt(i + 1) === LF) return this.endCell(value, true, Math.min(i + 2, len));
        }
      } else if (s.startsWith(lineTerminator, i)) {
        return this.endCell(value, true, i + lineTerminator.length);
      } else if (!final && len - i < lineTerminator.length && lineTerminator.startsWith(s.slice(i))) {
        // The text ends in what may be the start of the terminator.
        return undefined;
      }
      if (c === this.escapeCode) {
        if (i + 1 >= len) {
          if (!final) return undefined;
          i++;
          continue;
        }
        value += s[i + 1];
        i += 2;
        continue;
      }
      const j = this.textEnd(s, i + 1);
      value += s.slice(i, j);
      i = j;
    }
  }

  private endCell(value: string, recordEnded: boolean, next: number): string {
    this.at = next;
    this.recordEnded = recordEnded;
    return value;
  }

  /** Where a run of plain text from `from` ends: at the next character that may end the cell or escape one. */
  private textEnd(s: string, from: number): number {
    const { delimiterCode, escapeCode, terminatorCode } = this;
    const len = s.length;
    let j = from;
    while (j < len) {
      const d = s.charCodeAt(j);
      if (d === delimiterCode || d === LF || d === CR || d === escapeCode || d === terminatorCode) break;
      j++;
    }
    return j;
  }

  /** Notes the quoted cell the text ends in; undefined, as for any unfinished cell. */
  private openQuote(from: number, field: number, state: QuoteState): undefined {
    this.open = { from, field, state };
    return undefined;
  }
}
