import type { Declaration } from "../declaration/types.ts";
import { enrichBySiren } from "../extract/enrichment/enrich-by-siren.ts";
import type { Table } from "../transform/table.ts";

export interface EnrichmentSummary {
  sirens: number;
  found: number;
  cellsFilled: number;
}

/**
 * Fill empty cells from the national directory (Recherche d'entreprises), for the resources
 * that ask for it in their declaration: a holder's name from its SIREN, its legal category,
 * whether it is a public service. A value the source gives is never replaced.
 */
export async function enrichTables(declaration: Declaration, tables: Table[], options: { cacheFile: string; signal?: AbortSignal }): Promise<EnrichmentSummary> {
  const summary: EnrichmentSummary = { sirens: 0, found: 0, cellsFilled: 0 };
  for (const resource of declaration.resources) {
    const table = tables.find((t) => t.name === resource.name);
    if (!resource.enrich || !table) continue;
    const index = (name: string) => table.schema.fields.findIndex((field) => field.name === name);
    const sirenAt = index(resource.enrich.siren);
    const targets = Object.entries(resource.enrich.fill).map(([field, attribute]) => ({ at: index(field), attribute }));
    const needed = new Set<string>();
    for (const row of table.rows) {
      const siren = row[sirenAt];
      if (typeof siren === "string" && targets.some((t) => row[t.at] === null)) needed.add(siren);
    }
    if (needed.size === 0) continue;
    const found = await enrichBySiren([...needed], { baseUrl: resource.enrich.baseUrl, cacheFile: options.cacheFile, signal: options.signal });
    summary.sirens += needed.size;
    summary.found += found.size;
    for (const row of table.rows) {
      const info = found.get(row[sirenAt] as string);
      if (!info) continue;
      for (const target of targets) {
        const value = info[target.attribute];
        if (row[target.at] === null && value !== undefined && value !== null) {
          row[target.at] = value;
          summary.cellsFilled++;
        }
      }
    }
  }
  return summary;
}
