import { type Field, type Schema, compileField, CAST_FAILED, type CompiledField } from "../frictionless/index.ts";
import type { MappingRule } from "../declaration/types.ts";
import { normalizeText } from "./text-normalizers.ts";

/**
 * Source records → rows of logical values in schema field order. Each field is read
 * with the schema's type and the source's own habits declared in the mapping (its date
 * format, its decimal comma), so "01/02/2021" becomes the date 2021-02-01 and
 * "6 000 000,00" the number 6000000. Constraints are not checked here: the validate
 * stage checks the table we write, and reports point back to the source row.
 */

export interface TransformIssue {
  code: "type-error" | "missing-column";
  /** The source, as the connector names it (path relative to the declaration, or URL). */
  source: string;
  /** Physical row in the source (the header is row 1), for cell errors. */
  rowNumber?: number;
  column?: string;
  fieldName: string;
  /** The source text that did not parse. */
  cell?: string;
  message: string;
}

export interface MappedTable {
  /** Logical values, one array per record, in schema field order. */
  rows: unknown[][];
  /** For each row, the physical row number in the source. */
  sourceRows: number[];
  issues: TransformIssue[];
}

export interface MapOptions {
  schema: Schema;
  mapping: Readonly<Record<string, string | MappingRule>>;
  /** Source name for messages. */
  source: string;
  /** Physical source row of a record, when the connector knows it. */
  rowNumberOf?: (record: Record<string, unknown>, index: number) => number;
  /** Stop collecting issues after this many (default 1000). */
  limitIssues?: number;
}

interface FieldPlan {
  field: Field;
  rule: MappingRule | undefined;
  /** The rule's `extract`, compiled once. */
  extract: RegExp | undefined;
  reader: CompiledField;
}

export async function mapRecords(records: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>, options: MapOptions): Promise<MappedTable> {
  const mapper = new RecordMapper(options);
  const rows: unknown[][] = [];
  const sourceRows: number[] = [];
  for await (const record of records) {
    rows.push(mapper.map(record));
    sourceRows.push(mapper.lastRowNumber);
  }
  return { rows, sourceRows, issues: mapper.finish() };
}

/**
 * Maps one record at a time, so that a large source streams through the transform stage:
 * the caller decides what to keep of each row (the package stage writes it and moves on).
 */
export class RecordMapper {
  private readonly plans: FieldPlan[];
  private readonly limit: number;
  private readonly rowNumberOf: (record: Record<string, unknown>, index: number) => number;
  private readonly issues: TransformIssue[] = [];
  private readonly columnsSeen = new Set<string>();
  private index = 0;
  /** The source row of the record mapped last. */
  lastRowNumber = 0;

  constructor(private readonly options: MapOptions) {
    this.plans = options.schema.fields.map((field, index) => planField(field, index, options));
    this.limit = options.limitIssues ?? 1000;
    this.rowNumberOf = options.rowNumberOf ?? ((_record, index) => index + 2);
  }

  /** Issues so far: cells that did not read as their field's type (missing columns are known at the end). */
  get issueCount(): number {
    return this.issues.length;
  }

  map(record: Record<string, unknown>): unknown[] {
    const plans = this.plans;
    const rowNumber = this.rowNumberOf(record, this.index++);
    this.lastRowNumber = rowNumber;
    const row = new Array<unknown>(plans.length);
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const rule = plan.rule;
      if (!rule) {
        row[i] = null;
        continue;
      }
      let raw: unknown;
      if (rule.column === undefined) {
        raw = rule.value;
      } else {
        const found = lookup(record, rule.column);
        if (found.present) this.columnsSeen.add(rule.column);
        raw = found.value;
      }
      const prepared = prepare(raw, rule, plan.extract);
      const value = prepared === null ? null : plan.reader.cast(prepared);
      if (value === CAST_FAILED) {
        row[i] = null;
        if (this.issues.length < this.limit) this.issues.push(typeIssue(plan, prepared, raw, rowNumber, this.options.source));
      } else {
        row[i] = value;
      }
    }
    return row;
  }

  /** Every issue, columns that no record had first; call once all records are mapped. */
  finish(): TransformIssue[] {
    if (this.index === 0) return [...this.issues];
    return [...missingColumns(this.plans, this.columnsSeen, this.options.source), ...this.issues];
  }
}

function planField(field: Field, index: number, options: MapOptions): FieldPlan {
  const declared = options.mapping[field.name];
  const rule: MappingRule | undefined = typeof declared === "string" ? { column: declared } : declared;
  // Read with the target type and the source's conventions; constraints belong to validation.
  const readingField: Field = { ...field, constraints: undefined, ...parseOverrides(rule) };
  const extract = rule?.extract === undefined ? undefined : new RegExp(rule.extract, "u");
  return { field, rule, extract, reader: compileField(readingField, options.schema, index) };
}

function parseOverrides(rule: MappingRule | undefined): Partial<Field> {
  if (!rule) return {};
  const overrides: Partial<Field> = {};
  for (const key of ["format", "decimalChar", "groupChar", "bareNumber", "trueValues", "falseValues", "missingValues"] as const) {
    if (rule[key] !== undefined) (overrides as Record<string, unknown>)[key] = rule[key];
  }
  return overrides;
}

/** Normalise text, extract the part asked for, recode it, and turn blanks into null; other values (numbers, dates from XLSX or JSON) pass through. */
function prepare(raw: unknown, rule: MappingRule, extract: RegExp | undefined): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") return raw;
  let text = normalizeText(raw, rule.normalize ?? []);
  if (extract) {
    // A cell the pattern does not match holds nothing of what the field wants: it stays empty, never the whole cell.
    const match = extract.exec(text);
    if (!match) return null;
    text = (match[1] ?? match[0]).trim();
  }
  if (rule.values && Object.hasOwn(rule.values, text)) text = rule.values[text]!;
  return text;
}

/** A column name first as written (CSV headers may contain dots), then as a dotted path into nested JSON. */
function lookup(record: Record<string, unknown>, column: string): { present: boolean; value: unknown } {
  if (Object.hasOwn(record, column)) return { present: true, value: record[column] };
  if (!column.includes(".")) return { present: false, value: undefined };
  let current: unknown = record;
  for (const part of column.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return { present: false, value: undefined };
    current = (current as Record<string, unknown>)[part];
  }
  return { present: true, value: current };
}

function typeIssue(plan: FieldPlan, prepared: unknown, raw: unknown, rowNumber: number, source: string): TransformIssue {
  const cell = typeof raw === "string" ? raw : JSON.stringify(raw);
  const options = Object.entries(parseOverrides(plan.rule))
    .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
    .join(", ");
  const rule = `${plan.reader.typeErrorNote(prepared)}${options ? `; mapping options: ${options}` : ""}`;
  const column = plan.rule?.column;
  return {
    code: "type-error",
    source,
    rowNumber,
    column,
    fieldName: plan.field.name,
    cell,
    message:
      `${source} row ${rowNumber}${column ? `, column "${column}"` : ""} → field "${plan.field.name}": ` +
      `${JSON.stringify(prepared)} cannot be read (${rule}). ` +
      `Fix the cell, or declare how this source writes the value in the mapping (format, decimalChar, trueValues, values…).`,
  };
}

function missingColumns(plans: FieldPlan[], seen: Set<string>, source: string): TransformIssue[] {
  return plans
    .filter((plan) => plan.rule?.column !== undefined && !seen.has(plan.rule.column))
    .map((plan) => ({
      code: "missing-column" as const,
      source,
      column: plan.rule!.column,
      fieldName: plan.field.name,
      message: `${source}: no record has the column "${plan.rule!.column}" mapped to field "${plan.field.name}"; check the header of the source and the mapping in the declaration.`,
    }));
}
