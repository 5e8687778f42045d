import { join } from "node:path";
import type { Declaration } from "../declaration/types.ts";
import { readRecords, type Package, type Resource } from "../frictionless/index.ts";
import { DOWNLOAD_FORMATS, downloadPath, XLSX_MAX_ROWS } from "../package/downloads/formats.ts";
import type { LocalResource, WithheldFile } from "../publish/index.ts";
import { pathExists } from "../shared/fs.ts";

/**
 * An SCDL file with no row is not offered: declared as conforming to scdl/subventions, an empty
 * file would feed data.gouv.fr's national consolidation of grants with nothing, as if it were
 * the whole truth. Its downloads go with it. It comes back by itself the night a row exists.
 */
export async function emptyScdlTables(declaration: Declaration, descriptor: Package, packageDir: string): Promise<WithheldFile[]> {
  const withheld: WithheldFile[] = [];
  for (const declared of declaration.resources.filter((r) => r.derive === "scdl-subventions")) {
    const resource = descriptor.resources.find((r) => r.name === declared.name);
    if (!resource || typeof resource.path !== "string" || (await hasRow(resource, packageDir))) continue;
    withheld.push({
      key: resource.path,
      cause: "empty-scdl",
      reason:
        "the SCDL export has no row (no lauréat has every fact SCDL requires, see the run report and the documentation): " +
        "an empty file declared as scdl/subventions would feed the national consolidation with nothing; it comes back when a row exists",
    });
  }
  return withheld;
}

async function hasRow(resource: Resource, packageDir: string): Promise<boolean> {
  for await (const _ of readRecords(resource, packageDir)) return true;
  return false;
}

/**
 * The downloads of one table (XLSX, JSON, NDJSON) as resources beside its CSV, titled and
 * described in French. A download absent from the folder is withheld with why: the package
 * stage writes no XLSX for a table longer than a spreadsheet.
 */
export async function downloadResources(
  table: LocalResource,
  packageDir: string,
  stable: Record<string, unknown>,
): Promise<{ resources: LocalResource[]; withheld: WithheldFile[] }> {
  const resources: LocalResource[] = [];
  const withheld: WithheldFile[] = [];
  for (const format of DOWNLOAD_FORMATS) {
    const key = downloadPath(table.key, format);
    const file = join(packageDir, key);
    if (!(await pathExists(file))) {
      const why = format.extension === "xlsx" ? `the package stage writes no XLSX for a table of more than ${XLSX_MAX_ROWS} rows` : "the package stage did not write it";
      withheld.push({ key, cause: "not-written", reason: `not in ${packageDir}: ${why}` });
      continue;
    }
    resources.push({
      key,
      file,
      title: `${table.title} (${format.label})`,
      description: `${format.description}${format.extension === "ndjson" ? NDJSON_NOTE : ""}`,
      type: "main",
      format: format.extension,
      extras: stable,
      provenance: table.provenance,
    });
  }
  return { resources, withheld };
}

/** udata's upload allow-list has no .ndjson (docs/datagouv-api.md §7.11): say why the file ends in .txt. */
const NDJSON_NOTE = " data.gouv.fr n'acceptant pas l'extension .ndjson, le fichier y est déposé avec l'extension .txt ; son contenu est du NDJSON.";
