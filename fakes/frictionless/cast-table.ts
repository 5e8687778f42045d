import { expect } from "vitest";
import type { Field } from "../../pipeline/frictionless/descriptor/types.ts";
import { compileField } from "../../pipeline/frictionless/field/compile-field.ts";
import type { CompiledField } from "../../pipeline/frictionless/field/types.ts";

/** Compiles one field with the default schema missing values, for the field tests. */
export function field(descriptor: Omit<Field, "name"> & { name?: string }, missingValues: string[] = [""]): CompiledField {
  return compileField({ name: "champ", ...descriptor } as Field, { missingValues }, 0);
}

/** Casts each raw cell with one field and compares it with the value expected (CAST_FAILED for a type error). */
export function castTable(descriptor: Parameters<typeof field>[0], cases: [raw: unknown, expected: unknown][]): void {
  const compiled = field(descriptor);
  for (const [raw, expected] of cases) {
    const label = `${JSON.stringify(descriptor)} ${typeof raw === "string" ? JSON.stringify(raw) : String(raw)}`;
    expect(compiled.cast(raw), label).toEqual(expected);
  }
}
