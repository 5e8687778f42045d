import { cp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathExists } from "../shared/fs.ts";
import { NOT_PACKAGES } from "../site/read-site-input.ts";

/** A Data Package name (lower case, digits, `-._`): a report's name is never a path. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * A fanned-out night's packages in one output folder, for the site: each job's artifact (one
 * sub-folder of `artifactsDir`) holds its own package's folder, validated; it is copied whole,
 * dates kept (the site dates a package by its datapackage.json). Returns the packages gathered.
 */
export async function gatherPackageOutputs(artifactsDir: string, outputDir: string, names: readonly string[]): Promise<string[]> {
  const gathered: string[] = [];
  const artifacts = (await readdir(artifactsDir, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  for (const name of names.filter((n) => PACKAGE_NAME.test(n) && !NOT_PACKAGES.has(n))) {
    for (const artifact of artifacts) {
      const dir = join(artifactsDir, artifact, name);
      if (!(await pathExists(join(dir, "datapackage.json")))) continue;
      await rm(join(outputDir, name), { recursive: true, force: true });
      await cp(dir, join(outputDir, name), { recursive: true, preserveTimestamps: true });
      gathered.push(name);
      break;
    }
  }
  return gathered;
}
