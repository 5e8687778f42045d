import { createReadStream } from "node:fs";
import { parse as csvParse } from "csv-parse";
import { createRequire } from "node:module";
import { inferSchema, initParser } from "udsv";
import { openTable } from "../pipeline/frictionless/index.ts";

// papaparse ships no types; this is the one call the bench makes.
const Papa = createRequire(import.meta.url)("papaparse") as {
  parse(input: NodeJS.ReadableStream, config: { step(): void; complete(): void; error(e: Error): void }): void;
};

/** Parse-only passes over one CSV file: each returns the number of data rows it saw. */
export const PARSE_PASSES: Record<string, (path: string) => Promise<number>> = {
  /** Our reader (the one the validator uses), batches of rows as the validator consumes them. */
  async ours(path) {
    const table = await openTable({ path });
    let rows = 0;
    for await (const batch of table.batches) rows += batch.length;
    return rows;
  },
  async "csv-parse"(path) {
    let rows = 0;
    for await (const _ of createReadStream(path).pipe(csvParse({ from_line: 2, relax_column_count: true }))) rows++;
    return rows;
  },
  papaparse(path) {
    return new Promise((resolve, reject) => {
      let rows = -1;
      Papa.parse(createReadStream(path, { encoding: "utf8" }), {
        step: () => {
          rows++;
        },
        complete: () => resolve(rows),
        error: reject,
      });
    });
  },
  async udsv(path) {
    let parser: ReturnType<typeof initParser> | undefined;
    let rows = 0;
    const count = (): void => {
      rows++;
    };
    for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      parser ??= initParser(inferSchema(chunk as string));
      parser.chunk<string[]>(chunk as string, parser.stringArrs, count);
    }
    parser?.end();
    return rows;
  },
};
