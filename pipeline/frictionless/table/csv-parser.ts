import { checkRecords, checkUnfinished, CsvProblem, QuoteScan, type CsvLimits, type OpenQuote } from "./csv-guard.ts";
import { QuotedLineParser, UNFINISHED } from "./csv-quoted-line.ts";
import { DEFAULT_READ_LIMITS } from "./limits.ts";
import { trimInitialSpaces, type CsvSyntax } from "./csv-syntax.ts";

export { csvSyntax, type CsvSyntax } from "./csv-syntax.ts";

const CR = 13;

/**
 * A streaming CSV/TSV tokenizer over decoded text: push text chunks, get complete records.
 * Chosen over csv-parse/papaparse/udsv by measurement (bench/validate.bench.ts): lines
 * without a quote or escape character are cut with native `indexOf` + `split`, and only
 * lines holding a quote go through the character-level path (`QuotedLineParser`).
 * Header rows, comment rows and null sequences are handled one level up (`tabulate`).
 * A quote that never closes, a cell or a row past the limits throw a `CsvProblem` (csv-guard.ts).
 */
export class CsvParser {
  private rest = "";
  /** Text pushed after `rest` and not parsed yet: an unfinished record is parsed again only once the text has doubled. */
  private pending: string[] = [];
  private pendingLength = 0;
  private retryAt = 0;
  /** Records given so far. */
  private given = 0;
  private open: OpenQuote | undefined;
  /** Set once a quoted cell outgrew the cell limit: the text is then only scanned, not kept. */
  private scan: QuoteScan | undefined;
  private readonly quoted: QuotedLineParser;

  /**
   * @param keepUnfinished for a piece of a file (`unfinished` is then read): an unfinished record
   * is kept whole, however long, as the piece is in memory anyway.
   */
  constructor(
    private readonly syntax: CsvSyntax,
    private readonly limits: CsvLimits = DEFAULT_READ_LIMITS,
    private readonly keepUnfinished = false,
  ) {
    if (syntax.delimiter === "") throw new RangeError("CSV delimiter must not be empty");
    this.quoted = new QuotedLineParser(syntax);
  }

  /** Parses every record completed by `text`; an unfinished one waits for the next push. */
  push(text: string, out: string[][]): void {
    if (this.scan) return this.scan.push(text);
    if (this.rest !== "" && this.rest.length + this.pendingLength + text.length < this.retryAt) {
      this.pending.push(text);
      this.pendingLength += text.length;
      return;
    }
    if (this.rest === "") return this.take(text, 0, false, out);
    const { lineTerminator } = this.syntax;
    const lineEnd = this.open !== undefined ? -1 : text.indexOf(lineTerminator ?? "\n");
    if (lineEnd === -1) return this.take(this.rest + this.takePending() + text, 0, false, out);
    // The record the last text ended in, outside quotes, is parsed with this text up to its first
    // line terminator, as if the text had been pushed in two pieces: the rest of this text is then
    // parsed in place, not copied behind the record's start (a tenth of the parse).
    const from = lineEnd + (lineTerminator ?? "\n").length;
    this.take(this.rest + this.takePending() + text.slice(0, from), 0, false, out);
    // That record may have outgrown the cell limit inside a quoted cell: the text is then only scanned.
    const scan = this.scan as QuoteScan | undefined;
    if (scan) return scan.push(text.slice(from));
    // The record goes on past that line terminator: a quoted line break in its next cells.
    if (this.rest !== "") return this.take(this.rest + text.slice(from), 0, false, out);
    if (from < text.length) this.take(text, from, false, out);
  }

  /** Text pushed but not parsed yet: the start of a record that no line terminator has closed. */
  get unfinished(): string {
    return this.rest + this.pending.join("");
  }

  /**
   * For a piece of a file, at its end: parses the text held back while an unfinished record
   * waited for more, so that `unfinished` is only the record that the piece does not finish
   * (held back, the piece's last records would be read as unfinished too).
   */
  flush(out: string[][]): void {
    if (this.pending.length > 0) this.take(this.rest + this.takePending(), 0, false, out);
  }

  /** Flushes the last record (a file need not end with a line terminator). */
  end(out: string[][]): void {
    if (this.scan) this.scan.end();
    const s = this.rest + this.takePending();
    this.rest = "";
    if (s !== "") this.take(s, 0, true, out);
  }

  private takePending(): string {
    const text = this.pending.length === 0 ? "" : this.pending.join("");
    [this.pending, this.pendingLength] = [[], 0];
    return text;
  }

  /** Parses `s` from `from`, checks the records against the limits, and keeps or scans what is unfinished. */
  private take(s: string, from: number, final: boolean, out: string[][]): void {
    const before = out.length;
    this.open = undefined;
    let at: number;
    try {
      at = this.parse(s, from, final, out);
      checkRecords(out, before, this.limits, this.given, at - from);
    } catch (cause) {
      if (!(cause instanceof CsvProblem)) throw cause;
      // Only the records before the problem are given.
      if (cause.record === -1) cause.at(this.given + out.length - before);
      out.length = before + cause.record - this.given;
      throw cause;
    }
    this.given += out.length - before;
    this.rest = final ? "" : s.slice(at);
    this.retryAt = 2 * this.rest.length;
    if (this.keepUnfinished || this.rest.length <= this.limits.maxCellChars) return;
    const open = this.open as OpenQuote | undefined;
    if (open === undefined) return checkUnfinished(this.rest, this.syntax.delimiter, this.limits, this.given);
    if (s.length - open.from <= this.limits.maxCellChars) return;
    this.scan = new QuoteScan(this.syntax, open.state, new CsvProblem("cell-too-large", open.field).at(this.given));
    this.rest = "";
  }

  /** Parses `s` from `from`; returns where its unparsed rest starts. */
  private parse(s: string, from: number, final: boolean, out: string[][]): number {
    const { delimiter, quoteChar, escapeChar, lineTerminator, skipInitialSpace } = this.syntax;
    const len = s.length;
    const termLength = lineTerminator === undefined ? 1 : lineTerminator.length;
    // Positions of the next quote/escape character: searched once and reused for the
    // following lines, so a file without quotes is scanned once, not once per line.
    let nextQuote = -2;
    let nextEscape = -2;
    let nextDelimiter = -2;
    let pos = from;
    this.quoted.newText();
    while (pos < len) {
      const found = lineTerminator === undefined ? s.indexOf("\n", pos) : s.indexOf(lineTerminator, pos);
      let lineEnd = found;
      if (lineEnd === -1) {
        // A record not ended yet goes to the character-level path only when it holds a quote
        // or escape: it then tells whether the text ends inside a quoted cell.
        if (!final && !this.holdsSpecial(s, pos)) return pos;
        lineEnd = len;
      }
      if (quoteChar !== undefined && nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf(quoteChar, pos);
      if (escapeChar !== undefined && nextEscape !== -1 && nextEscape < pos) nextEscape = s.indexOf(escapeChar, pos);
      const special = (nextQuote >= 0 && nextQuote < lineEnd) || (nextEscape >= 0 && nextEscape < lineEnd);
      if (special) {
        const next = this.quoted.parse(s, pos, found, final, out);
        if (next === UNFINISHED) {
          this.open = this.quoted.open;
          return pos;
        }
        pos = next;
        continue;
      }
      let end = lineEnd;
      if (lineTerminator === undefined && end > pos && s.charCodeAt(end - 1) === CR) end--;
      const cells: string[] = [];
      let cellStart = pos;
      for (;;) {
        if (nextDelimiter !== -1 && nextDelimiter < cellStart) nextDelimiter = s.indexOf(delimiter, cellStart);
        if (nextDelimiter === -1 || nextDelimiter >= end) {
          cells.push(s.slice(cellStart, end));
          break;
        }
        cells.push(s.slice(cellStart, nextDelimiter));
        cellStart = nextDelimiter + delimiter.length;
      }
      if (skipInitialSpace) trimInitialSpaces(cells);
      out.push(cells);
      pos = lineEnd + termLength;
    }
    return pos;
  }

  private holdsSpecial(s: string, from: number): boolean {
    const { quoteChar, escapeChar } = this.syntax;
    return (quoteChar !== undefined && s.includes(quoteChar, from)) || (escapeChar !== undefined && s.includes(escapeChar, from));
  }
}
