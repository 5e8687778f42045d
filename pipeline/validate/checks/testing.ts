import type { Package, Schema } from "../../frictionless/descriptor/types.ts";
import type { CheckFactory, CheckFinding } from "../../frictionless/validate/check.ts";

/**
 * Test support: drives one check over literal rows the way the validator does (rows
 * numbered from 2 after the header, `end()` after the last one), so each check's tests
 * need neither CSV files nor the core validator.
 */
export interface CheckRun {
  fields: string[];
  rows: Record<string, unknown>[];
  /** Other resources of the package, by name; when given, the table is validated as part of a package. */
  packageRows?: Record<string, Record<string, unknown>[]>;
}

export type LocatedFinding = CheckFinding & { rowNumber: number };

export async function runCheck(factory: CheckFactory, params: Record<string, unknown>, run: CheckRun): Promise<LocatedFinding[]> {
  const schema: Schema = { name: "table-de-test", fields: run.fields.map((name) => ({ name, type: "any" })), missingValues: [""] };
  const packageRows = run.packageRows;
  const pkg: Package | undefined = packageRows
    ? { resources: [{ name: "table-de-test", schema }, ...Object.keys(packageRows).map((name) => ({ name }))] }
    : undefined;
  const check = await factory(params, {
    schema,
    resource: { name: "table-de-test", schema },
    ...(pkg ? { package: pkg } : {}),
    async *readRows(name: string) {
      const rows = packageRows?.[name];
      if (!rows) throw new Error(`no resource "${name}" in this test package`);
      yield* rows;
    },
  });
  const findings: LocatedFinding[] = [];
  run.rows.forEach((values, index) => {
    const rowNumber = index + 2;
    for (const finding of check.row?.({ rowNumber, get: (field) => values[field] ?? null }) ?? []) {
      findings.push({ ...finding, rowNumber: finding.rowNumber ?? rowNumber });
    }
  });
  for (const finding of check.end?.() ?? []) findings.push({ ...finding, rowNumber: finding.rowNumber ?? 0 });
  return findings;
}
