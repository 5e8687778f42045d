import type { Dialect } from "../descriptor/types.ts";

/** How a CSV dialect cuts text: what the tokenizer (`CsvParser`) needs of it. */
export interface CsvSyntax {
  delimiter: string;
  /** Undefined disables quoting. */
  quoteChar: string | undefined;
  doubleQuote: boolean;
  escapeChar: string | undefined;
  /** Undefined = any of `\n`, `\r\n`. */
  lineTerminator: string | undefined;
  skipInitialSpace: boolean;
}

export function csvSyntax(dialect: Dialect | undefined, format: "csv" | "tsv"): CsvSyntax {
  const d = dialect ?? {};
  const terminator = d.lineTerminator;
  return {
    delimiter: d.delimiter ?? (format === "tsv" ? "\t" : ","),
    // v1 dialects allowed `quoteChar: ""` to disable quoting.
    quoteChar: d.quoteChar === "" ? undefined : (d.quoteChar ?? '"'),
    doubleQuote: d.doubleQuote ?? true,
    escapeChar: d.escapeChar === "" ? undefined : d.escapeChar,
    lineTerminator: terminator === undefined || terminator === "\n" || terminator === "\r\n" ? undefined : terminator,
    skipInitialSpace: d.skipInitialSpace ?? false,
  };
}

/** skipInitialSpace: spaces after a delimiter are not part of the cell. */
export function trimInitialSpaces(cells: string[]): void {
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k] as string;
    if (cell.charCodeAt(0) === 32) cells[k] = cell.replace(/^ +/, "");
  }
}
