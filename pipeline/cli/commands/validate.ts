import { resolve } from "node:path";
import type { Report, ValidationProgress } from "../../frictionless/index.ts";
import { humanLogger, jsonLinesLogger } from "../../log/console-logger.ts";
import { integerOption, listOption, stringOption, type Command } from "../command.ts";
import { type CliIo, defaultLogFormat, EXIT, stoppedExitCode, UsageError } from "../io.ts";
import { LIMIT_FLAGS, limitOptions } from "./validate-limits.ts";

/** Errors that mean the input could not be read at all (exit 2), rather than read and found invalid (exit 1). */
const UNREADABLE = new Set(["scheme-error", "format-error", "compression-error"]);

/**
 * Whether the input could not be read at all: a descriptor that could not be read (it carries
 * its `place`), a table that could not be opened, or a `source-error` before any header was
 * read (an empty file). A `source-error` further on (a quote that never closes in row 5000)
 * is invalid data: the table was read up to it.
 */
function unreadable(report: Report): boolean {
  if (report.errors.some((error) => UNREADABLE.has(error.type) || error.place !== undefined)) return true;
  return report.tasks.some((task) => task.errors.some((error) => UNREADABLE.has(error.type) || (error.type === "source-error" && task.labels.length === 0)));
}

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
    ...LIMIT_FLAGS,
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError("give exactly one datapackage.json or table to validate");
    const format = args.values.json ? "json" : (stringOption(args, "format") ?? "text");
    if (format !== "text" && format !== "json" && format !== "github") throw new UsageError(`--format takes text, json or github, not "${format}"`);
    const target = args.positionals[0]!;
    // Loaded on use, as every command's code: `aap --help` and the other commands start without it.
    const [{ reportPieces, validateSource }, { frenchChecks }] = await Promise.all([import("../../frictionless/index.ts"), import("../../validate/registry.ts")]);
    const isUrl = /^https?:\/\//.test(target);
    const schema = stringOption(args, "schema");
    const dialect = {
      ...(stringOption(args, "delimiter") !== undefined ? { delimiter: stringOption(args, "delimiter") } : {}),
      ...(stringOption(args, "sheet") !== undefined ? { sheetName: stringOption(args, "sheet") } : {}),
    };
    const limits = limitOptions(args);
    const progress = progressReporter(io);
    let report: Report;
    try {
      report = await validateSource({
        path: isUrl ? target : resolve(io.cwd, target),
        place: target,
        schemaPath: schema === undefined || /^https?:\/\//.test(schema) ? schema : resolve(io.cwd, schema),
        format: stringOption(args, "source-format") as never,
        encoding: stringOption(args, "encoding"),
        dialect: Object.keys(dialect).length > 0 ? dialect : undefined,
        checks: frenchChecks,
        hashes: true,
        limitErrors: args.values["first-error"] ? 1 : integerOption(args, "limit-errors"),
        pickErrors: listOption(args, "pick-errors"),
        skipErrors: listOption(args, "skip-errors"),
        limitRows: integerOption(args, "limit-rows"),
        limits,
        signal: io.signal,
        onProgress: progress.show,
      });
    } catch (cause) {
      if (io.signal?.aborted) return stopped(io);
      throw cause;
    }
    progress.done();
    // A report of a validation cut short would read as complete: none.
    if (io.signal?.aborted) return stopped(io);
    // Written as it is serialised: the JSON of a huge report never becomes one string.
    for (const piece of reportPieces(report, format)) io.stdout.write(piece);
    if (report.valid) return EXIT.ok;
    return unreadable(report) ? EXIT.usage : EXIT.failed;
  },
};

function stopped(io: CliIo): number {
  const code = stoppedExitCode(io.signal as AbortSignal);
  io.stderr.write(`\naap validate: stopped (exit ${code}) before the end of the validation: no report\n`);
  return code;
}

/** Every this often, a JSON progress event in CI. */
const PROGRESS_EVERY_MS = 5000;

/**
 * How far a validation is: one status line rewritten on a terminal, a JSON event now and
 * then in CI (the first as soon as rows are read); nothing else, as the report goes to stdout.
 */
function progressReporter(io: CliIo): { show: (progress: ValidationProgress) => void; done: () => void } {
  const text = (p: ValidationProgress): string =>
    `validating ${p.resource}: ${p.rows.toLocaleString("en")} rows${p.expectedBytes ? ` (${Math.floor((100 * p.bytes) / p.expectedBytes)} %)` : ""}`;
  if (defaultLogFormat(io.env) === "json") {
    const logger = jsonLinesLogger(io.stderr);
    let last = -Infinity;
    return {
      show(p) {
        if (performance.now() - last < PROGRESS_EVERY_MS) return;
        last = performance.now();
        logger.log({ level: "info", event: "validate.progress", message: text(p), data: { ...p } });
      },
      done: () => undefined,
    };
  }
  const terminal = humanLogger(io.stderr, { color: false });
  return { show: (p) => terminal.progress(text(p)), done: () => terminal.progress("") };
}
