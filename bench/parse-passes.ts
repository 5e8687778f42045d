import { openTable } from "../pipeline/frictionless/index.ts";

/** In-process parse-only passes over one CSV file: each returns the number of data rows it saw. */
export const PARSE_PASSES: Record<string, (path: string) => Promise<number>> = {
  /** Our reader (the one the validator uses), batches of rows as the validator consumes them, on one thread. */
  async ours(path) {
    const table = await openTable({ path });
    let rows = 0;
    for await (const batch of table.batches) rows += batch.length;
    return rows;
  },
};
