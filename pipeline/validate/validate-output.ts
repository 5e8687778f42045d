import { join } from "node:path";
import { validateSource, type Report, type ValidationProgress } from "../frictionless/index.ts";
import { FRENCH_CHECKS } from "./registry.ts";

/** Validate a package folder as reusers will read it: its datapackage.json, every table, the French checks. */
export function validateOutput(packageDir: string, onProgress?: (progress: ValidationProgress) => void): Promise<Report> {
  return validateSource({ path: join(packageDir, "datapackage.json"), ...FRENCH_CHECKS, onProgress });
}
