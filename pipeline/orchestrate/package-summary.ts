import { CoverageTally } from "../package/dataset-metadata/derive-dataset-metadata.ts";
import { CompletenessTally } from "../transform/completeness/list-completeness.ts";
import type { StreamedTable } from "../transform/table.ts";

/** Rows of a table the documentation lists; a longer table is listed in part and says so. */
export const DOCUMENTED_ROWS = 1000;

type Row = Record<string, unknown>;

/**
 * What the documentation and the dataset's metadata need to know of the tables, gathered as
 * their rows stream to the CSV files: row counts, the first rows, the completeness of the
 * lists of lauréats, the coverage and the sources cited. Bounded memory whatever the size.
 */
export class PackageSummary {
  readonly rowCounts = new Map<string, number>();
  readonly firstRows = new Map<string, Row[]>();
  readonly completeness = new CompletenessTally();
  readonly coverage = new CoverageTally();
  /** Every distinct `url_source`, then `url_source_resultats`, in the order rows cite them. */
  readonly cited = new Set<string>();

  get totalRows(): number {
    let total = 0;
    for (const count of this.rowCounts.values()) total += count;
    return total;
  }

  /** The table's rows, unchanged, tallied on their way. */
  async *tap(table: StreamedTable): AsyncGenerator<readonly unknown[]> {
    const names = table.schema.fields.map((field) => field.name);
    const first: Row[] = [];
    this.firstRows.set(table.name, first);
    let count = 0;
    for await (const values of table.rows) {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i] ?? null;
      this.add(table.name, row);
      if (first.length < DOCUMENTED_ROWS) first.push(row);
      this.rowCounts.set(table.name, ++count);
      yield values;
    }
    this.rowCounts.set(table.name, count);
  }

  private add(table: string, row: Row): void {
    if (table === "appels") {
      this.completeness.addAppel(row);
      this.coverage.addAppel(row);
    } else if (table === "laureats") {
      this.completeness.addLaureat(row);
      this.coverage.addLaureat(row);
    }
    for (const url of [row.url_source, row.url_source_resultats]) if (typeof url === "string" && url !== "") this.cited.add(url);
  }
}
