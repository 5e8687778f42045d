import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ValidationError } from "../../pipeline/frictionless/errors/index.ts";
import type { Report, ReportTask } from "../../pipeline/frictionless/report/types.ts";

/** A temporary folder holding `files` (name → text or bytes); returns its path. */
export async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "aap-validate-"));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** Errors as [rowNumber, fieldNumber, type] rows, the way frictionless-py's tests flatten them. */
export function flatten(source: ReportTask | Report | ValidationError[]): [number | undefined, number | undefined, string][] {
  const errors = Array.isArray(source) ? source : "tasks" in source ? [...source.errors, ...source.tasks.flatMap((t) => t.errors)] : source.errors;
  return errors.map((e) => [e.rowNumber, e.fieldNumber, e.type]);
}
