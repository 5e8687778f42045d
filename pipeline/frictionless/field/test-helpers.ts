import type { Field } from "../descriptor/types.ts";
import { compileField } from "./compile-field.ts";
import type { CompiledField } from "./types.ts";

/** Compiles one field with the default schema missing values, for the field tests. */
export function field(descriptor: Omit<Field, "name"> & { name?: string }, missingValues: string[] = [""]): CompiledField {
  return compileField({ name: "champ", ...descriptor } as Field, { missingValues }, 0);
}
