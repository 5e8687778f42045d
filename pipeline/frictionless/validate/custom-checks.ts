import type { Schema } from "../descriptor/types.ts";
import { createError, describeThrown, type ValidationError } from "../errors/index.ts";
import { CELL_TEXT, type CompiledField } from "../field/index.ts";
import type { Check, CheckContext, CheckFinding, CheckRegistry, CheckRow } from "./check.ts";
import { cellText } from "./key-checks.ts";

/** A custom check as a schema declares it (`custom_checks`, the Validata way): plain data, sent as is to worker threads. */
export interface DeclaredCheck {
  name: string;
  params: Record<string, unknown>;
}

/** A declared check, started: its factory ran. */
export interface StartedCheck extends DeclaredCheck {
  check: Check;
}

/**
 * What the checks found: an error of the check's type, or the check threw (at a row, or after
 * the last one) and stopped. `check` is its position among the started checks: a thread that
 * checked a chunk says which check, so that the merge stops a check that threw in an earlier chunk.
 */
export type CheckOutput = { check: number; error: ValidationError } | { check: number; threw: string; rowNumber?: number };

/** The checks a schema declares, in order. */
export function declaredChecks(schema: Schema): DeclaredCheck[] {
  const declared = Array.isArray(schema.custom_checks) ? (schema.custom_checks as { name: string; params?: Record<string, unknown> }[]) : [];
  return declared.map(({ name, params }) => ({ name, params: params ?? {} }));
}

/**
 * Starts the checks the schema declares, from the registry. A check the registry lacks is a
 * warning (it is skipped); a factory that throws is one `check-error` (bad params), and that
 * check is skipped: the others run.
 */
export async function startChecks(schema: Schema, registry: CheckRegistry | undefined, context: CheckContext, errors: { push(error: ValidationError): unknown }, warnings: string[]): Promise<StartedCheck[]> {
  const started: StartedCheck[] = [];
  for (const { name, params } of declaredChecks(schema)) {
    const factory = registry?.[name];
    if (factory === undefined) {
      warnings.push(`custom check "${name}" is not available: skipped`);
      continue;
    }
    try {
      started.push({ name, params, check: await factory(params, context) });
    } catch (cause) {
      const thrown = describeThrown(cause);
      errors.push(createError("check-error", { note: `custom check "${name}" could not start: ${thrown.message}; ${thrown.hint ?? "fix its params in custom_checks"}` }));
    }
  }
  return started;
}

/**
 * Starts again, on a worker thread, checks that started on the calling thread. Their factories
 * see the same params and the same rows of other tables: they start the same, and a failure
 * here is a bug worth a crash, not a report line.
 */
export async function restartChecks(declared: readonly DeclaredCheck[], registry: CheckRegistry, context: CheckContext): Promise<StartedCheck[]> {
  const started: StartedCheck[] = [];
  for (const { name, params } of declared) {
    const factory = registry[name];
    if (factory === undefined) throw new Error(`custom check "${name}" is not in the registry the worker threads load`);
    started.push({ name, params, check: await factory(params, context) });
  }
  return started;
}

/** Whether a check compares rows with each other (`end`): it must see every row, in one place. */
export function comparesRows(started: readonly StartedCheck[]): boolean {
  return started.some(({ check }) => check.end !== undefined);
}

/** The `check-error` of a check that threw, at a row or (without a row) after the last one. */
export function checkThrewError(name: string, message: string, rowNumber: number | undefined): ValidationError {
  const where = rowNumber === undefined ? "after the last row" : `at row ${rowNumber}`;
  const note = `custom check "${name}" threw ${where}: ${message}; this is a bug in the check, its remaining rows were not checked`;
  return createError("check-error", rowNumber === undefined ? { note } : { note, rowNumber });
}

/** A row's source cells, or how to make them (a record read as spans). */
export type RowCells = unknown[] | (() => unknown[]);

/**
 * Started checks, run on every row. Findings become errors of the check's type; an exception
 * inside a check is told once (never swallowed), and that check stops.
 */
export class CustomChecks {
  private failed: boolean[];
  private readonly keepsRows: boolean;
  private readonly view: RowView;

  constructor(
    readonly started: readonly StartedCheck[],
    private readonly fields: CompiledField[],
    private readonly columns: ArrayLike<number>,
    private readonly byName: ReadonlyMap<string, number>,
    private readonly output: (output: CheckOutput) => void,
  ) {
    this.failed = started.map(() => false);
    this.keepsRows = comparesRows(started);
    this.view = new RowView(byName);
  }

  /**
   * Runs the checks on a row. A record read as spans gives its cells as a function (made only
   * for a finding's `cell`), and `text` to read the values it left as `CELL_TEXT` (see `SpanChecks`).
   */
  row(rowNumber: number, values: unknown[], cells: RowCells, text?: UnmadeTexts): void {
    // A check that keeps rows until `end` gets a view of its own per row; the others share one (a million rows, a million objects fewer).
    const view = this.keepsRows ? new RowView(this.byName) : this.view;
    view.start(rowNumber, values, text);
    for (let k = 0; k < this.started.length; k++) {
      const { check } = this.started[k] as StartedCheck;
      if (this.failed[k] || check.row === undefined) continue;
      let findings: CheckFinding[] | undefined;
      try {
        findings = check.row(view);
      } catch (cause) {
        this.fail(k, cause, rowNumber);
        continue;
      }
      if (findings) for (const finding of findings) this.output({ check: k, error: this.findingError(check, finding, rowNumber, cells) });
    }
  }

  /**
   * Every check runs again, those that threw too: a new chunk. A chunk is checked apart from
   * the others, and the merge keeps a check's outputs only up to the row where it first threw.
   */
  restart(): void {
    this.failed = this.started.map(() => false);
  }

  end(): void {
    for (let k = 0; k < this.started.length; k++) {
      const { check } = this.started[k] as StartedCheck;
      if (this.failed[k] || check.end === undefined) continue;
      let findings: CheckFinding[] | undefined;
      try {
        findings = check.end();
      } catch (cause) {
        this.fail(k, cause, undefined);
        continue;
      }
      if (findings) for (const finding of findings) this.output({ check: k, error: this.findingError(check, finding, finding.rowNumber, undefined) });
    }
  }

  private fail(k: number, cause: unknown, rowNumber: number | undefined): void {
    this.failed[k] = true;
    this.output({ check: k, threw: describeThrown(cause).message, ...(rowNumber === undefined ? {} : { rowNumber }) });
  }

  private findingError(check: Check, finding: CheckFinding, rowNumber: number | undefined, cells: RowCells | undefined): ValidationError {
    const at = finding.fieldName === undefined ? -1 : this.fields.findIndex((field) => field.name === finding.fieldName);
    const column = at >= 0 ? (this.columns[at] as number) : -1;
    const row = finding.rowNumber ?? rowNumber;
    return createError(check.type, {
      title: check.title,
      description: check.description,
      note: finding.note,
      ...(row !== undefined ? { rowNumber: row } : {}),
      ...(finding.fieldName !== undefined ? { fieldName: finding.fieldName } : {}),
      ...(column >= 0 ? { fieldNumber: column + 1 } : {}),
      ...(column >= 0 && cells ? { cell: cellText((typeof cells === "function" ? cells() : cells)[column]) } : {}),
    });
  }
}

/** The values a record read as spans left as `CELL_TEXT`, read where they lie: as a string, or as digits without one. */
export interface UnmadeTexts {
  text(at: number): string;
  /** As `CheckRow.digits`, for the `CELL_TEXT` value at `at`. */
  digits(at: number, into: Uint8Array): number;
}

/** `CheckRow.digits` of a value at hand: a string of ASCII digits, as `/^\d+$/` reads it. */
export function textDigits(value: unknown, into: Uint8Array): number {
  if (typeof value !== "string" || value.length > into.length) return -1;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    into[i] = digit;
  }
  return value.length;
}

/**
 * Whether a row's value is `CELL_TEXT`. The type is tested first: V8 compiles a `===` between
 * symbols to a pointer comparison, and one between a value (a number, a string…) and a symbol
 * to a call of its generic StrictEqual, on every value a check reads.
 */
function isUnmade(value: unknown): boolean {
  return typeof value === "symbol" && value === CELL_TEXT;
}

/** Reads a row view remembers, in the order the checks made them (checks read a handful of columns, the same ones every row). */
const REMEMBERED_READS = 16;

/** A row as the checks see it: its logical values by field name. */
class RowView implements CheckRow {
  rowNumber = 0;
  values: unknown[] = [];
  text: UnmadeTexts | undefined;
  /**
   * The names read on the first rows, in the order read, and their positions. Checks read the
   * same names in the same order every row, each with the same string: the next read is
   * expected at `next`, one comparison by identity instead of a scan or a map lookup (several
   * reads a row, on millions of rows).
   */
  private readonly names: string[] = [];
  private readonly positions: number[] = [];
  private next = 0;

  constructor(private readonly byName: ReadonlyMap<string, number>) {}

  /** The view now shows row `rowNumber`: its reads start again from the first one remembered. */
  start(rowNumber: number, values: unknown[], text: UnmadeTexts | undefined): void {
    this.rowNumber = rowNumber;
    this.values = values;
    this.text = text;
    this.next = 0;
  }

  get(name: string): unknown {
    const at = this.position(name);
    return at < 0 ? undefined : this.valueAt(at);
  }

  digits(name: string, into: Uint8Array): number {
    const at = this.position(name);
    return at < 0 ? -1 : this.digitsAt(at, into);
  }

  at(position: number): unknown {
    return position >= 0 && position < this.values.length ? this.valueAt(position) : undefined;
  }

  digitsAt(position: number, into: Uint8Array): number {
    if (position < 0 || position >= this.values.length) return -1;
    const value = this.values[position];
    // A text not made yet is read on its bytes: no string for a value that is checked and found right.
    return isUnmade(value) ? (this.text as UnmadeTexts).digits(position, into) : textDigits(value, into);
  }

  /** Field `name`'s position, -1 when the schema has no such field. */
  private position(name: string): number {
    const names = this.names;
    const next = this.next;
    if (next < names.length && names[next] === name) {
      this.next = next + 1;
      return this.positions[next] as number;
    }
    // A read out of the usual order (a check that reads a column only on some rows): found anywhere, the order goes on from there.
    const k = names.indexOf(name);
    const at = k >= 0 ? (this.positions[k] as number) : this.byName.get(name);
    if (at === undefined) return -1;
    // Past the reads remembered, on the first rows: this one is learnt, even if an earlier check read the same name.
    if (next === names.length && names.length < REMEMBERED_READS) {
      names.push(name);
      this.positions.push(at);
      this.next = names.length;
    } else if (k >= 0) this.next = k + 1;
    return at;
  }

  private valueAt(at: number): unknown {
    const value = this.values[at];
    if (!isUnmade(value)) return value;
    // A clean text of a record read as spans, its string made now that a check reads it.
    const text = (this.text as UnmadeTexts).text(at);
    this.values[at] = text;
    return text;
  }
}

/** Each field name's first position: how custom checks read a row's values by name. */
export function fieldPositions(fields: readonly CompiledField[]): Map<string, number> {
  const byName = new Map<string, number>();
  fields.forEach((field, k) => {
    if (!byName.has(field.name)) byName.set(field.name, k);
  });
  return byName;
}
