import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderWith } from "../../../../fakes/fixtures/temp-folder.ts";
import { stripTimings } from "../../report/build-report.ts";
import { validateSource } from "../validate-source.ts";
import { dropEarlyThreads, startThreadsEarly, workerThreads } from "./early-threads.ts";
import { ChunkWorkers } from "./worker-pool.ts";

const SCHEMA = {
  fields: [
    { name: "id", type: "integer" },
    { name: "projet", type: "string", constraints: { maxLength: 20 } },
  ],
  primaryKey: ["id"],
};

/** Synthetic rows, a duplicate key and a too-long cell among them. */
function csv(rows: number): string {
  const lines = ["id,projet"];
  for (let n = 1; n <= rows; n++) lines.push(n === 40 ? "7,Projet fictif doublon" : `${n},${n === 90 ? "Projet fictif bien trop long" : `Projet fictif ${n}`}`);
  return lines.join("\n") + "\n";
}

afterEach(() => dropEarlyThreads());

describe("threads started before the schema is read", () => {
  const parallel = { threads: 2, minBytes: 0, chunkBytes: 64 };

  it("are taken by the table's plan, and the report is the row-by-row one", async () => {
    const dir = await folderWith({ "laureats.csv": csv(150), "schema.json": JSON.stringify(SCHEMA) });
    const options = { path: join(dir, "laureats.csv"), schemaPath: join(dir, "schema.json") };
    const sequential = stripTimings(await validateSource({ ...options, parallel: false }));
    expect(sequential.tasks[0]?.errors.map((error) => error.type)).toEqual(["constraint-error", "primary-key", "constraint-error"]);
    expect(stripTimings(await validateSource({ ...options, parallel }))).toEqual(sequential);
  });

  it("start only for a local uncompressed CSV or TSV file big enough to be checked in chunks", async () => {
    const dir = await folderWith({ "t.csv": csv(10), "t.xlsx": "", "t.csv.gz": "" });
    // Started: the next spawn of as many threads (the calling thread is the second checker) takes those very threads.
    const started = async (path: string, options: Parameters<typeof startThreadsEarly>[2], format?: string): Promise<boolean> => {
      const early = startThreadsEarly(join(dir, path), format, options);
      const spawned = ChunkWorkers.spawn(workerThreads(parallel.threads));
      await spawned.close();
      return early !== undefined && spawned === early;
    };
    expect(await started("t.csv", { parallel })).toBe(true);
    expect(await started("t.csv", { parallel: { ...parallel, minBytes: 1e6 } })).toBe(false);
    expect(await started("t.csv", { parallel: false })).toBe(false);
    expect(await started("t.csv", { parallel, limitRows: 5 })).toBe(false);
    expect(await started("t.xlsx", { parallel })).toBe(false);
    expect(await started("t.csv", { parallel }, "json")).toBe(false);
    expect(await started("t.csv.gz", { parallel })).toBe(false);
    expect(await started("absent.csv", { parallel })).toBe(false);
  });

  it("are stopped when no table takes them (a schema that cannot be read)", async () => {
    const dir = await folderWith({ "laureats.csv": csv(150), "schema.json": "{ not json" });
    const early = startThreadsEarly(join(dir, "laureats.csv"), undefined, { parallel });
    expect(early).toBeDefined();
    const report = await validateSource({ path: join(dir, "laureats.csv"), schemaPath: join(dir, "schema.json"), parallel });
    expect(report.errors.length).toBeGreaterThan(0);
    const next = ChunkWorkers.spawn(workerThreads(parallel.threads));
    await next.close();
    expect(next).not.toBe(early);
  });

  it("are taken by a spawn of as many threads only", async () => {
    const dir = await folderWith({ "t.csv": csv(10) });
    const early = startThreadsEarly(join(dir, "t.csv"), undefined, { parallel });
    const other = ChunkWorkers.spawn(workerThreads(parallel.threads) + 1);
    await other.close();
    expect(other).not.toBe(early);
    // Stopped by that spawn: not waiting for the next one either.
    const next = ChunkWorkers.spawn(workerThreads(parallel.threads));
    await next.close();
    expect(next).not.toBe(early);
  });
});
