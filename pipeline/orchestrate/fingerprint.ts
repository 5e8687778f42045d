import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Declaration } from "../declaration/types.ts";

/**
 * Everything that decides a package's output: the content of its sources, its declaration,
 * its schemas, the pipeline's own version, and where the dataset is published (the
 * documentation's examples name its ids). When the fingerprint equals the one of the
 * last successful run for the same target, there is nothing to build or publish.
 */
export async function packageFingerprint(declaration: Declaration, pipelineVersion: string, sourceHashes: readonly string[], publication = "unpublished"): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`pipeline ${pipelineVersion}\n`);
  hash.update(`publication ${publication}\n`);
  for (const sourceHash of sourceHashes) hash.update(`source ${sourceHash}\n`);
  hash.update(await readFile(declaration.file));
  for (const resource of declaration.resources) {
    hash.update(`\nschema ${resource.schema}\n`);
    hash.update(await readFile(resolve(declaration.dir, resource.schema)));
  }
  return hash.digest("hex");
}
