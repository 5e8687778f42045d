import { truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { folderWith } from "../../fakes/fixtures/temp-folder.ts";
import { dropEarlyValidationThreads, startEarlyThreads } from "./early-threads.ts";

afterEach(() => dropEarlyValidationThreads());

describe("the validation's threads, started by aap before it loads the program", () => {
  it("start for `validate` of a big local CSV or TSV file against a schema, and for nothing else", async () => {
    const dir = await folderWith({ "schema.json": "{}", "small.csv": "id\n1\n" });
    // 40 MB, past the 32 MB under which a table is read on one thread: only its size is read here.
    for (const name of ["big.csv", "big.tsv", "big.txt", "big.csv.gz"]) {
      await writeFile(join(dir, name), "");
      await truncate(join(dir, name), 40 * 1024 * 1024);
    }
    const starts = async (...argv: string[]): Promise<boolean> => {
      const started = startEarlyThreads(argv, dir);
      await dropEarlyValidationThreads();
      return started;
    };
    expect(await starts("validate", "big.csv", "--schema", "schema.json")).toBe(true);
    expect(await starts("validate", join(dir, "big.tsv"), "--json", "--schema=schema.json")).toBe(true);
    // An extension that names no format is read as CSV; a declared format is the one read.
    expect(await starts("validate", "big.txt", "--schema", "schema.json")).toBe(true);
    expect(await starts("validate", "big.csv", "--schema", "schema.json", "--source-format", "json")).toBe(false);
    expect(await starts("validate", "big.csv")).toBe(false);
    expect(await starts("validate", "big.csv", "--schema", "schema.json", "--limit-rows", "10")).toBe(false);
    expect(await starts("validate", "big.csv.gz", "--schema", "schema.json")).toBe(false);
    expect(await starts("validate", "small.csv", "--schema", "schema.json")).toBe(false);
    expect(await starts("validate", "absent.csv", "--schema", "schema.json")).toBe(false);
    expect(await starts("validate", "https://example.org/big.csv", "--schema", "schema.json")).toBe(false);
    expect(await starts("validate", "big.csv", "big.tsv", "--schema", "schema.json")).toBe(false);
    expect(await starts("validate", "big.csv", "--schema", "schema.json", "--help")).toBe(false);
    // A mistake is the command's to tell: nothing starts.
    expect(await starts("validate", "big.csv", "--schema", "schema.json", "--no-such-option")).toBe(false);
    expect(await starts("run", "big.csv", "--schema", "schema.json")).toBe(false);
    expect(await starts()).toBe(false);
  });
});
