/** Rows per batch for in-memory tables: about the size of the CSV reader's batches. */
const BATCH = 4096;

/** An in-memory list of records as the batch stream `tabulate` consumes. */
export async function* batched(records: unknown[][]): AsyncGenerator<unknown[][]> {
  for (let k = 0; k < records.length; k += BATCH) yield records.slice(k, k + BATCH);
}
