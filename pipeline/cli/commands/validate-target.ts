import { resolve } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { ERROR_CATALOGUE } from "../../failures/catalogue.ts";
import { stoppedExitCode } from "../../failures/stop-request.ts";
import { UsageError } from "../../failures/usage-error.ts";
import { reportPieces, validateSource, type Report, type ValidationProgress } from "../../frictionless/index.ts";
import { humanLogger, jsonLinesLogger } from "../../log/console-logger.ts";
import { progressMeter, type ProgressMeter } from "../../log/progress.ts";
import { FRENCH_CHECKS } from "../../validate/registry.ts";
import type { ParsedArgs } from "../command.ts";
import { type CliIo, defaultLogFormat } from "../io.ts";
import { integerOption, listOption, stringOption } from "../options.ts";
import { limitOptions } from "./validate-limits.ts";

/**
 * Report errors that mean the input could not be read at all (exit 2), rather than read and
 * found invalid (exit 1): the table read errors whose code the catalogue gives the usage status.
 */
const UNREADABLE: ReadonlySet<string> = new Set(Object.entries(ERROR_CATALOGUE.table).filter(([, entry]) => entry.exit === EXIT.usage).map(([code]) => code));

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

/** `aap validate`: a data package, or one table against its schema; the report on stdout. */
export async function validateTarget(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError("give exactly one datapackage.json or table to validate");
  const format = args.values.json ? "json" : (stringOption(args, "format") ?? "text");
  if (format !== "text" && format !== "json" && format !== "github") throw new UsageError(`--format takes text, json or github, not "${format}"`);
  const target = args.positionals[0]!;
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
      ...FRENCH_CHECKS,
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
}

function stopped(io: CliIo): number {
  const code = stoppedExitCode(io.signal?.reason);
  io.stderr.write(`\naap validate: stopped (exit ${code}) before the end of the validation: no report\n`);
  return code;
}

/**
 * How far a validation is: one status line rewritten on a terminal, a `validate.progress` JSON
 * event every few seconds in CI (the first as soon as rows are read); nothing on stdout, where
 * the report goes.
 */
function progressReporter(io: CliIo): { show: (progress: ValidationProgress) => void; done: () => void } {
  const logger = defaultLogFormat(io.env) === "json" ? jsonLinesLogger(io.stderr, { firstProgressAfterMs: 0 }) : humanLogger(io.stderr, { color: false });
  const meters = new Map<string, ProgressMeter>();
  const meterOf = (resource: string, totalBytes: number | undefined) => {
    let meter = meters.get(resource);
    if (meter === undefined) meters.set(resource, (meter = progressMeter(logger, { stage: "validate", subject: resource, totalBytes })));
    return meter;
  };
  return {
    show: (p) => meterOf(p.resource, p.expectedBytes).update({ rows: p.rows, bytes: p.bytes, totalBytes: p.expectedBytes }),
    done: () => logger.progress(""),
  };
}
