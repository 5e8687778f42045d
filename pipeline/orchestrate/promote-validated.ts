import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stripTimings, type Report } from "../frictionless/index.ts";
import { promoteStagingDir } from "../package/promote.ts";

export const VALIDATION_REPORT_FILE = "validation-report.json";

/**
 * The last step of a build: the validation report joins the package it vouches for (without
 * timings: an unchanged package keeps the same bytes), then the staging folder replaces
 * `packageDir` whole.
 */
export async function promoteValidated(stagingDir: string, packageDir: string, report: Report): Promise<void> {
  if (!report.valid) throw new Error(`${stagingDir}: an invalid package is never promoted`);
  await writeFile(join(stagingDir, VALIDATION_REPORT_FILE), `${JSON.stringify(stripTimings(report), null, 2)}\n`);
  await promoteStagingDir(stagingDir, packageDir);
}
