import type { Schema } from "../descriptor/types.ts";
import { createError, describeThrown } from "../errors/index.ts";
import type { CompiledField } from "../field/index.ts";
import type { Check, CheckContext, CheckFinding, CheckRegistry, CheckRow } from "./check.ts";
import type { ErrorCollector } from "./error-collector.ts";
import { cellText } from "./key-checks.ts";

/** A schema's `custom_checks`, as Validata declares them. */
interface Declared {
  name: string;
  params?: Record<string, unknown>;
}

interface Running {
  name: string;
  check: Check;
  failed: boolean;
}

/**
 * The custom checks a schema declares, instantiated from the registry and run on every row.
 * Findings become errors of the check's type; an exception inside a check becomes one
 * `check-error` naming the check and the row (never swallowed), and that check stops.
 */
export class CustomChecks {
  private constructor(
    private readonly running: Running[],
    private readonly fields: CompiledField[],
    private readonly columns: number[],
    private readonly errors: ErrorCollector,
  ) {}

  static async create(
    schema: Schema,
    registry: CheckRegistry | undefined,
    context: CheckContext,
    fields: CompiledField[],
    columns: number[],
    errors: ErrorCollector,
    warnings: string[],
  ): Promise<CustomChecks | undefined> {
    const declared = Array.isArray(schema.custom_checks) ? (schema.custom_checks as Declared[]) : [];
    if (declared.length === 0) return undefined;
    const running: Running[] = [];
    for (const { name, params } of declared) {
      const factory = registry?.[name];
      if (factory === undefined) {
        warnings.push(`custom check "${name}" is not available: skipped`);
        continue;
      }
      try {
        running.push({ name, check: await factory(params ?? {}, context), failed: false });
      } catch (cause) {
        const thrown = describeThrown(cause);
        errors.push(createError("check-error", { note: `custom check "${name}" could not start: ${thrown.message}; ${thrown.hint ?? "fix its params in custom_checks"}` }));
      }
    }
    return running.length > 0 ? new CustomChecks(running, fields, columns, errors) : undefined;
  }

  row(rowNumber: number, values: unknown[], cells: unknown[], byName: ReadonlyMap<string, number>): void {
    const view: CheckRow = {
      rowNumber,
      get: (name) => {
        const at = byName.get(name);
        return at === undefined ? undefined : values[at];
      },
    };
    for (const item of this.running) {
      if (item.failed || item.check.row === undefined) continue;
      let findings: CheckFinding[] | undefined;
      try {
        findings = item.check.row(view);
      } catch (cause) {
        this.fail(item, cause, `at row ${rowNumber}`, rowNumber);
        continue;
      }
      for (const finding of findings ?? []) this.report(item.check, finding, rowNumber, cells);
    }
  }

  end(): void {
    for (const item of this.running) {
      if (item.failed || item.check.end === undefined) continue;
      let findings: CheckFinding[] | undefined;
      try {
        findings = item.check.end();
      } catch (cause) {
        this.fail(item, cause, "after the last row");
        continue;
      }
      for (const finding of findings ?? []) this.report(item.check, finding, finding.rowNumber, undefined);
    }
  }

  private fail(item: Running, cause: unknown, where: string, rowNumber?: number): void {
    item.failed = true;
    const message = describeThrown(cause).message;
    const note = `custom check "${item.name}" threw ${where}: ${message}; this is a bug in the check, its remaining rows were not checked`;
    this.errors.push(createError("check-error", rowNumber === undefined ? { note } : { note, rowNumber }));
  }

  private report(check: Check, finding: CheckFinding, rowNumber: number | undefined, cells: unknown[] | undefined): void {
    const at = finding.fieldName === undefined ? -1 : this.fields.findIndex((field) => field.name === finding.fieldName);
    const column = at >= 0 ? (this.columns[at] as number) : -1;
    const row = finding.rowNumber ?? rowNumber;
    this.errors.push(
      createError(check.type, {
        title: check.title,
        description: check.description,
        note: finding.note,
        ...(row !== undefined ? { rowNumber: row } : {}),
        ...(finding.fieldName !== undefined ? { fieldName: finding.fieldName } : {}),
        ...(column >= 0 ? { fieldNumber: column + 1 } : {}),
        ...(column >= 0 && cells ? { cell: cellText(cells[column]) } : {}),
      }),
    );
  }
}
