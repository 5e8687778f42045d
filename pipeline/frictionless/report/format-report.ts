import { isAbsolute, relative, sep } from "node:path";
import type { ValidationError } from "../errors/index.ts";
import { batchedPieces, jsonPieces } from "./json-pieces.ts";
import type { Report, ReportTask } from "./types.ts";

export type ReportFormat = "text" | "json" | "github";

/** Examples shown per error type in the text summary. */
const EXAMPLES = 5;

/** What to do about each kind of error, for the text summary. */
const ADVICE: Record<string, string> = {
  "type-error": "fix the cells, or the field's type/format in the schema if the data is right",
  "constraint-error": "fix the cells, or the constraint in the schema if it is too strict",
  "missing-cell": "every row needs as many cells as the header: check for lost delimiters",
  "extra-cell": "a row has more cells than the header: check for an unquoted delimiter in a value",
  "blank-row": "remove the empty rows",
  "primary-key": "make every row's key unique and non-empty",
  "unique-error": "remove the duplicate or fix the value",
  "foreign-key": "add the missing rows to the referenced table, or fix the reference",
  "missing-label": "add the column, or rename the header to the schema's field name",
  "extra-label": "remove the column, or add the field to the schema",
  "incorrect-label": "rename the header to the schema's field name (order matters with the default fieldsMatch)",
  "duplicate-label": "give each column a distinct name",
  "blank-label": "give every column a name",
  "encoding-error": 'declare the encoding, e.g. "encoding": "windows-1252", or re-save the file as UTF-8',
  "scheme-error": "check the path or URL",
  "format-error": "check the file format and the dialect",
  "hash-count": "the file changed since its hash was recorded: update hash or restore the file",
  "byte-count": "the file changed since its size was recorded: update bytes or restore the file",
};

/**
 * A report as text (a summary grouped by error type with counts, the first examples and what
 * to do), as JSON (frictionless-py's shape), or as GitHub Actions annotations.
 */
export function formatReport(report: Report, format: ReportFormat): string {
  return [...reportPieces(report, format)].join("");
}

/** The same text in pieces of at most about 64 kB, to write out one by one: JSON is serialised as it is written. */
export function* reportPieces(report: Report, format: ReportFormat): Generator<string> {
  if (format === "json") {
    yield* batchedPieces(jsonPieces(report));
    yield "\n";
  } else yield format === "github" ? githubAnnotations(report) : textSummary(report);
}

function textSummary(report: Report): string {
  const lines: string[] = [];
  const status = report.valid ? "valid" : "INVALID";
  const tables = report.tasks.filter((task) => task.type === "table").length;
  const files = report.tasks.length - tables;
  const counted = `${tables} table(s)${files > 0 ? `, ${files} other file(s)` : ""}`;
  lines.push(`${status}: ${counted}, ${report.stats.errors} error(s), ${report.stats.warnings} warning(s), ${report.stats.seconds} s`);
  if (report.errors.length > 0) {
    lines.push("", "Descriptor:");
    lines.push(...groupLines(report.errors));
  }
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  for (const task of report.tasks) lines.push("", ...taskLines(task));
  return `${lines.join("\n")}\n`;
}

function taskLines(task: ReportTask): string[] {
  const read = task.type === "table" ? `${task.stats.rows} row(s)` : "file";
  const lines = [`${task.valid ? "valid" : "INVALID"} ${task.name} (${task.place}): ${read}, ${task.stats.errors} error(s)`];
  for (const warning of task.warnings) lines.push(`  warning: ${warning}`);
  lines.push(...groupLines(task.errors));
  return lines;
}

function groupLines(errors: readonly ValidationError[]): string[] {
  const groups = new Map<string, ValidationError[]>();
  for (const error of errors) {
    const list = groups.get(error.type);
    if (list) list.push(error);
    else groups.set(error.type, [error]);
  }
  const lines: string[] = [];
  for (const [type, list] of groups) {
    const first = list[0] as ValidationError;
    lines.push(`  ${first.title} (${type}): ${list.length}`);
    for (const error of list.slice(0, EXAMPLES)) lines.push(`    - ${example(error)}`);
    if (list.length > EXAMPLES) lines.push(`    … and ${list.length - EXAMPLES} more`);
    const advice = ADVICE[type];
    if (advice) lines.push(`    → ${advice}`);
  }
  return lines;
}

function example(error: ValidationError): string {
  const where: string[] = [];
  if (error.rowNumber !== undefined) where.push(`row ${error.rowNumber}`);
  if (error.fieldName !== undefined) where.push(`field "${error.fieldName}"`);
  else if (error.fieldNumber !== undefined) where.push(`column ${error.fieldNumber}`);
  if (error.jsonPath !== undefined) where.push(`at ${error.jsonPath || "/"}`);
  const cell = error.cell !== undefined && error.cell !== "" ? ` "${truncate(error.cell)}"` : "";
  const note = error.note !== "" ? error.note : error.message;
  return `${where.join(", ")}${cell}${where.length > 0 || cell ? ": " : ""}${note}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `::error file=…,line=…,col=…,title=…::message`, one per error (GitHub caps them per step anyway). */
function githubAnnotations(report: Report): string {
  const lines: string[] = [];
  for (const error of report.errors) lines.push(annotation(undefined, error));
  for (const task of report.tasks) {
    for (const error of task.errors) lines.push(annotation(task.place, error));
    for (const warning of task.warnings) lines.push(`::warning file=${property(repositoryPath(task.place))}::${escapeData(warning)}`);
  }
  for (const warning of report.warnings) lines.push(`::warning::${escapeData(warning)}`);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

function annotation(place: string | undefined, error: ValidationError): string {
  const props: string[] = [];
  if (place !== undefined && place !== "" && place !== "inline") props.push(`file=${property(repositoryPath(place))}`);
  if (error.rowNumber !== undefined) props.push(`line=${error.rowNumber}`);
  if (error.fieldNumber !== undefined) props.push(`col=${error.fieldNumber}`);
  props.push(`title=${property(`${error.title} (${error.type})`)}`);
  return `::error ${props.join(",")}::${escapeData(error.message)}`;
}

/** GitHub places annotations by path from the checkout root (the working directory in Actions). */
function repositoryPath(place: string): string {
  if (!isAbsolute(place)) return place;
  const inside = relative(process.cwd(), place);
  return inside.startsWith("..") || isAbsolute(inside) ? place : inside.split(sep).join("/");
}

/** GitHub's workflow-command escaping for the message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** … and for property values, where `:` and `,` are separators. */
export function property(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
