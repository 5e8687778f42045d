import type { Command } from "../command.ts";

function gb(bytes: number): string {
  return `${bytes / 1e9} GB`;
}

export const validateCommand: Command = {
  name: "validate",
  summary: "validate a data package, or one table against a Table Schema",
  // The limits' defaults are the engine's: the help is written once its code is loaded.
  help: async () => {
    const { DEFAULT_READ_LIMITS, INFLATE_RATIO, MIN_INFLATED_BYTES } = await import("../../frictionless/index.ts");
    return `Usage: aap validate <datapackage.json> [options]
       aap validate <table> --schema <schema.json> [options]

Validates against Table Schema / Data Package v2 (v1 descriptors are read too): descriptors,
types and formats, constraints, primary, unique and foreign keys, header and row structure,
and the French checks our schemas declare in custom_checks (SIREN/SIRET checksums...).
Tables: CSV, TSV, JSON, NDJSON, XLSX, gzip- or zip-compressed. Rows are streamed: memory does not grow with the file.
Row numbers are physical: the header is row 1, as in a spreadsheet.

Options:
  --schema FILE         Table Schema of the table (local path or URL)
  --format FORMAT       text (default): a summary grouped by error type; json: the
                        frictionless-style report; github: GitHub Actions annotations
  --json                same as --format json
  --source-format FMT   csv, tsv, json, ndjson or xlsx (default: from the file extension)
  --encoding ENC        e.g. windows-1252 (default: UTF-8, checked strictly)
  --delimiter CHAR      CSV delimiter (default: sniffed among , tab ; | as frictionless-py does)
  --sheet NAME          XLSX sheet (default: the first)
  --limit-errors N      stop collecting errors after N per table (default 1000)
  --pick-errors LIST    only these error types or tags, comma-separated (e.g. type-error,#row)
  --skip-errors LIST    leave out these error types or tags
  --limit-rows N        read at most N data rows per table
  --first-error         stop at the first error
  -h, --help            show this help

Limits (a table past one stops with a source-error that names it; sizes take kB, MB, GB):
  --max-file-size SIZE      a table's file as stored (default ${gb(DEFAULT_READ_LIMITS.maxFileBytes)})
  --max-inflated-size SIZE  a .gz or .zip table, or an XLSX part, once decompressed
                            (default ${INFLATE_RATIO} times the stored file, at least ${MIN_INFLATED_BYTES / 1e6} MB: stops zip bombs)
  --max-columns N           cells in a row, labels in a header (default ${DEFAULT_READ_LIMITS.maxColumns.toLocaleString("en")})
  --max-cell-size N         characters in a cell (default ${(DEFAULT_READ_LIMITS.maxCellChars / 1e6).toString()}M): a quote that
                            never closes is told as such, in the time of a normal read
  Errors kept: --limit-errors (default 1000); each error quotes at most 100 cells or labels,
  of at most 1,000 characters.

SIGINT (Ctrl-C) or SIGTERM stop it at once: exit 130 or 143, and no report.
Exit codes: 0 valid, 1 invalid, 2 bad usage or unreadable input (a table that cannot be opened).
`;
  },
  options: {
    schema: { type: "string" },
    format: { type: "string" },
    json: { type: "boolean" },
    "source-format": { type: "string" },
    encoding: { type: "string" },
    delimiter: { type: "string" },
    sheet: { type: "string" },
    "limit-errors": { type: "string" },
    "pick-errors": { type: "string" },
    "skip-errors": { type: "string" },
    "limit-rows": { type: "string" },
    "first-error": { type: "boolean" },
    "max-file-size": { type: "string" },
    "max-inflated-size": { type: "string" },
    "max-columns": { type: "string" },
    "max-cell-size": { type: "string" },
  },
  run: async (args, io) => (await import("./validate-target.ts")).validateTarget(args, io),
};
