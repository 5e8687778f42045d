import { checkRecords, checkUnfinished, CsvProblem, QuoteScan, type CsvLimits, type OpenQuote, type QuoteState } from "./csv-guard.ts";
import { DEFAULT_READ_LIMITS } from "./limits.ts";
import { trimInitialSpaces, type CsvSyntax } from "./csv-syntax.ts";

export { csvSyntax, type CsvSyntax } from "./csv-syntax.ts";

/**
 * A streaming CSV/TSV tokenizer over decoded text: push text chunks, get complete records.
 * Chosen over csv-parse/papaparse/udsv by measurement (see bench/parsers.bench.ts): lines
 * without a quote or escape character are cut with native `indexOf` + `split`, and only
 * lines holding a quote go through the character-level state machine.
 * Header rows, comment rows and null sequences are handled one level up (`tabulate`).
 * A quote that never closes, a cell or a row past the limits throw a `CsvProblem` (csv-guard.ts).
 */
const LF = 10;
const CR = 13;

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
  private readonly delimiterCode: number;
  private readonly quoteCode: number;
  private readonly escapeCode: number;

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
    this.delimiterCode = syntax.delimiter.charCodeAt(0);
    this.quoteCode = syntax.quoteChar === undefined ? -1 : syntax.quoteChar.charCodeAt(0);
    this.escapeCode = syntax.escapeChar === undefined ? -1 : syntax.escapeChar.charCodeAt(0);
  }

  /** Parses every record completed by `text`; an unfinished one waits for the next push. */
  push(text: string, out: string[][]): void {
    if (this.scan) return this.scan.push(text);
    if (this.rest !== "" && this.rest.length + this.pendingLength + text.length < this.retryAt) {
      this.pending.push(text);
      this.pendingLength += text.length;
      return;
    }
    this.take(this.rest + this.takePending() + text, false, out);
  }

  /** Text pushed but not parsed yet: the start of a record that no line terminator has closed. */
  get unfinished(): string {
    return this.rest + this.pending.join("");
  }

  /** Flushes the last record (a file need not end with a line terminator). */
  end(out: string[][]): void {
    if (this.scan) this.scan.end();
    const s = this.rest + this.takePending();
    this.rest = "";
    if (s !== "") this.take(s, true, out);
  }

  private takePending(): string {
    const text = this.pending.length === 0 ? "" : this.pending.join("");
    [this.pending, this.pendingLength] = [[], 0];
    return text;
  }

  /** Parses `s`, checks the records against the limits, and keeps or scans what is unfinished. */
  private take(s: string, final: boolean, out: string[][]): void {
    const before = out.length;
    this.open = undefined;
    let at: number;
    try {
      at = this.parse(s, final, out);
      checkRecords(out, before, this.limits, this.given, at);
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

  /** Returns where the unparsed rest of `s` starts. */
  private parse(s: string, final: boolean, out: string[][]): number {
    const { delimiter, quoteChar, escapeChar, lineTerminator, skipInitialSpace } = this.syntax;
    const len = s.length;
    const termLength = lineTerminator === undefined ? 1 : lineTerminator.length;
    // Positions of the next quote/escape character: searched once and reused for the
    // following lines, so a file without quotes is scanned once, not once per line.
    let nextQuote = -2;
    let nextEscape = -2;
    let nextDelimiter = -2;
    let pos = 0;
    while (pos < len) {
      let lineEnd = lineTerminator === undefined ? s.indexOf("\n", pos) : s.indexOf(lineTerminator, pos);
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
        const next = this.parseRecord(s, pos, final, out);
        if (next === -1) return pos;
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

  /** Notes the quoted cell the text ends in; -1, as for any unfinished record. */
  private openQuote(from: number, field: number, state: QuoteState): number {
    this.open = { from, field, state };
    return -1;
  }

  private holdsSpecial(s: string, from: number): boolean {
    const { quoteChar, escapeChar } = this.syntax;
    return (quoteChar !== undefined && s.includes(quoteChar, from)) || (escapeChar !== undefined && s.includes(escapeChar, from));
  }

  /**
   * When the line from `from` to its end holds no quote or escape character, appends its cells
   * to `cells`, emits the record and returns the position after it; else returns -1.
   */
  private splitPlainRest(s: string, from: number, cells: string[], out: string[][]): number {
    const { delimiter, quoteChar, escapeChar, lineTerminator, skipInitialSpace } = this.syntax;
    const lineEnd = lineTerminator === undefined ? s.indexOf("\n", from) : s.indexOf(lineTerminator, from);
    if (lineEnd === -1) return -1;
    const quote = quoteChar === undefined ? -1 : s.indexOf(quoteChar, from);
    if (quote !== -1 && quote < lineEnd) return -1;
    const escape = escapeChar === undefined ? -1 : s.indexOf(escapeChar, from);
    if (escape !== -1 && escape < lineEnd) return -1;
    let end = lineEnd;
    if (lineTerminator === undefined && end > from && s.charCodeAt(end - 1) === CR) end--;
    const rest = s.slice(from, end).split(delimiter);
    if (skipInitialSpace) trimInitialSpaces(rest);
    for (const cell of rest) cells.push(cell);
    out.push(cells);
    return lineEnd + (lineTerminator === undefined ? 1 : lineTerminator.length);
  }

  /**
   * The character-level path, for a record holding a quote or escape character.
   * Returns the position after the record, or -1 when the record is not complete yet.
   */
  private parseRecord(s: string, start: number, final: boolean, out: string[][]): number {
    const { delimiter, quoteChar, doubleQuote, escapeChar, lineTerminator, skipInitialSpace } = this.syntax;
    const dc = this.delimiterCode;
    const qc = this.quoteCode;
    const ec = this.escapeCode;
    const singleDelimiter = delimiter.length === 1;
    const len = s.length;
    const cells: string[] = [];
    let i = start;
    for (;;) {
      if (skipInitialSpace) while (i < len && s[i] === " ") i++;
      if (cells.length > 0 && s.charCodeAt(i) !== qc) {
        // The rest of the line may hold no quote at all (`"titre, cité",a,b,c`): cut it natively.
        const next = this.splitPlainRest(s, i, cells, out);
        if (next !== -1) return next;
      }
      let value = "";
      if (i < len && s.charCodeAt(i) === qc) {
        i++;
        const from = i;
        for (;;) {
          const q = s.indexOf(quoteChar as string, i);
          const e = escapeChar === undefined ? -1 : s.indexOf(escapeChar, i);
          if (e !== -1 && (q === -1 || e < q)) {
            if (e + 1 >= len) {
              if (!final) return this.openQuote(from, cells.length + 1, "after-escape");
              value += s.slice(i, e);
              i = len;
              break;
            }
            value += s.slice(i, e) + s[e + 1];
            i = e + 2;
            continue;
          }
          if (q === -1) {
            if (!final) return this.openQuote(from, cells.length + 1, "inside");
            // Python's csv module would keep the rest of the file as one cell.
            throw new CsvProblem("unclosed-quote", cells.length + 1);
          }
          value += s.slice(i, q);
          i = q + 1;
          if (doubleQuote) {
            if (i >= len && !final) return this.openQuote(from, cells.length + 1, "after-quote");
            if (s.charCodeAt(i) === qc) {
              value += quoteChar;
              i++;
              continue;
            }
          }
          break;
        }
      }
      // Unquoted text, or what follows a closing quote (kept, as Python's csv module does).
      for (;;) {
        if (i >= len) {
          if (!final) return -1;
          cells.push(value);
          out.push(cells);
          return len;
        }
        const c = s.charCodeAt(i);
        if (c === dc && (singleDelimiter || s.startsWith(delimiter, i))) {
          cells.push(value);
          i += delimiter.length;
          break;
        }
        if (lineTerminator === undefined) {
          if (c === LF) {
            cells.push(value);
            out.push(cells);
            return i + 1;
          }
          if (c === CR) {
            if (i + 1 >= len && !final) return -1;
            if (i + 1 >= len || s.charCodeAt(i + 1) === LF) {
              cells.push(value);
              out.push(cells);
              return Math.min(i + 2, len);
            }
          }
        } else if (s.startsWith(lineTerminator, i)) {
          cells.push(value);
          out.push(cells);
          return i + lineTerminator.length;
        } else if (!final && len - i < lineTerminator.length && lineTerminator.startsWith(s.slice(i))) {
          return -1;
        }
        if (c === ec) {
          if (i + 1 >= len) {
            if (!final) return -1;
            i++;
            continue;
          }
          value += s[i + 1];
          i += 2;
          continue;
        }
        let j = i + 1;
        while (j < len) {
          const d = s.charCodeAt(j);
          if (d === dc || d === LF || d === CR || d === ec) break;
          if (lineTerminator !== undefined && d === lineTerminator.charCodeAt(0)) break;
          j++;
        }
        value += s.slice(i, j);
        i = j;
      }
    }
  }
}
