import { readFileSync } from "node:fs";
import { type Schema, validateTable } from "../pipeline/frictionless/index.ts";
import { FRENCH_CHECKS } from "../pipeline/validate/registry.ts";

/**
 * In-process validation passes (the whole-process ones run `aap validate`): the table read row
 * by row on one thread, against a bench schema, with our custom checks. Each returns the number
 * of data rows validated, and throws if the data is not valid.
 */
export const VALIDATE_PASSES: Record<string, (table: string, schemaPath: string) => Promise<number>> = {
  async "ours-one-thread"(table, schemaPath) {
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Schema;
    const task = await validateTable({ name: "laureats", path: table, schema }, { ...FRENCH_CHECKS, parallel: false });
    if (!task.valid) throw new Error(`bench data should be valid: ${JSON.stringify(task.errors.slice(0, 3))}`);
    return task.stats.rows;
  },
};
