import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import type { Report } from "../../frictionless/index.ts";
import { runAap } from "../../../fakes/fixtures/aap-process.ts";

// Hostile files, generated here (never committed), checked through the real `aap` process:
// a report or one clear error, the right exit code, never a stack trace.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aap-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const STACK_TRACE = /\n\s+at .+[(:]\d+|Error: .*\n\s+at /;

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

describe("aap validate on hostile files", () => {
  it("a 200,000-column table whose every cell fails gives a bounded JSON report (it died in JSON.stringify at 1.9 GB)", async () => {
    const width = 200_000;
    const header = Array.from({ length: width }, (_, k) => `c${k}`).join(",");
    const numbers = Array.from({ length: width }, () => "7").join(",");
    const words = Array.from({ length: width }, () => "x").join(",");
    // Ten rows of integers make every column an integer for frictionless-py's inference; the last row fails everywhere.
    await writeFile(join(dir, "wide.csv"), `${header}\n${`${numbers}\n`.repeat(10)}${words}\n`);
    const run = await runAap(["validate", "wide.csv", "--json"], { cwd: dir });
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(1);
    const task = report(run.stdout).tasks[0];
    expect(task?.stats).toMatchObject({ fields: width, rows: 11, errors: 1000 });
    expect(task?.warnings).toEqual(["reached error limit: 1000"]);
    expect(task?.errors[0]).toMatchObject({ type: "type-error", rowNumber: 12, fieldNumber: 1, cell: "x" });
    // Each error quotes the first 100 cells of its row, not 200,000.
    expect(Math.max(...(task?.errors ?? []).map((error) => error.cells?.length ?? 0))).toBe(100);
    expect(run.stdout.length).toBeLessThan(50_000_000);
  }, 60_000);

  const SCHEMA = { fields: [{ name: "id", type: "integer" }, { name: "nom", type: "string" }, { name: "montant", type: "number" }] };
  /** A table whose row `opensAt` holds a quote that nothing after it closes, `bytes` long. */
  async function unclosedQuote(name: string, opensAt: number, bytes: number): Promise<void> {
    const lines = ["id,nom,montant"];
    for (let n = 1; n < opensAt - 1; n++) lines.push(`${n},Projet fictif ${n},${n * 100}`);
    lines.push(`${opensAt - 1},"Projet jamais fermé,100`);
    const head = `${lines.join("\n")}\n`;
    const row = (n: number): string => `${n},Projet fictif ${n},${n * 100}\n`;
    const rest: string[] = [];
    let size = Buffer.byteLength(head);
    for (let n = opensAt; size < bytes; n++) {
      rest.push(row(n));
      size += row(n).length;
    }
    await writeFile(join(dir, name), head + rest.join(""));
    await writeFile(join(dir, "schema.json"), JSON.stringify(SCHEMA));
  }

  for (const [path, bytes] of [["row by row", 2000], ["in parallel chunks", 33 * 1024 * 1024]] as const) {
    it(`a quote that never closes is one source-error naming its row, exit 1, no stack trace (${path})`, async () => {
      await unclosedQuote(`quote-${bytes}.csv`, 40, bytes);
      const run = await runAap(["validate", `quote-${bytes}.csv`, "--schema", "schema.json", "--json"], { cwd: dir });
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.code).toBe(1);
      const task = report(run.stdout).tasks[0];
      expect(task?.errors.map((error) => error.type)).toEqual(["source-error"]);
      expect(task?.errors[0]?.note).toMatch(/^the quoted cell that starts in row 40, field 2 is never closed/);
      expect(task?.stats.rows).toBe(38);
    }, 120_000);
  }
});

describe("aap validate limits", () => {
  it("each limit ends in a source-error naming it and the option that raises it; a bad value is a usage error", async () => {
    await writeFile(join(dir, "limites.csv"), `id,nom\n1,${"x".repeat(300)}\n2,${Array.from({ length: 30 }, () => "y").join(",")}\n`);
    const note = async (...options: string[]): Promise<string | undefined> => {
      const run = await runAap(["validate", "limites.csv", "--json", ...options], { cwd: dir });
      expect(run.stderr).not.toMatch(STACK_TRACE);
      return report(run.stdout).tasks[0]?.errors.find((error) => error.type === "source-error")?.note;
    };
    expect(await note("--max-cell-size", "100")).toBe(
      "the cell in row 2, field 2 is longer than the cell size limit (a quote that is not closed where it should be makes a cell run on): the limit is 100 characters; if the file is right, raise it with --max-cell-size",
    );
    expect(await note("--max-columns", "20")).toBe("row 3 has more than 20 cells: the limit is 20 columns; if the file is right, raise it with --max-columns");
    expect(await note("--max-file-size", "200")).toMatch(/^the file is \d+ bytes: the limit is 200 bytes; if the file is right, raise it with --max-file-size$/);
    expect(await note("--max-cell-size", "1kB", "--max-columns", "50")).toBeUndefined();
    const usage = await runAap(["validate", "limites.csv", "--max-file-size", "beaucoup"], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--max-file-size takes a size such as 500MB, 20GB or a number of bytes, not "beaucoup"');
  }, 60_000);
});

describe("aap validate on compressed bombs", () => {
  it("a 0.1 MB .zip or .gz that inflates to 101 MB stops with a source-error naming --max-inflated-size (it died of ERR_STRING_TOO_LONG at 1.3 GB)", async () => {
    // Long rows of zeros: a million rows to read before the limit, not 25 million.
    const table = Buffer.concat([Buffer.from("a,b\n"), Buffer.alloc(101_000_000, `${"0".repeat(49)},${"0".repeat(49)}\n`)]);
    const zip = new yazl.ZipFile();
    zip.addBuffer(table, "bombe.csv");
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(join(dir, "bombe.zip")));
    await writeFile(join(dir, "bombe.csv.gz"), gzipSync(table));
    for (const [file, code] of [["bombe.zip", 2], ["bombe.csv.gz", 1]] as const) {
      const run = await runAap(["validate", file, "--json"], { cwd: dir });
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.code).toBe(code);
      const errors = report(run.stdout).tasks[0]?.errors ?? [];
      expect(errors.map((error) => error.type)).toEqual(["source-error"]);
      expect(errors[0]?.note).toMatch(/a zip bomb\? .*: the limit is 100 MB; if the file is right, raise it with --max-inflated-size$/);
    }
    const raised = await runAap(["validate", "bombe.zip", "--max-inflated-size", "10kB"], { cwd: dir });
    expect(raised.stdout).toContain("the limit is 10 kB; if the file is right, raise it with --max-inflated-size");
  }, 60_000);
});

describe("aap validate stopped by a signal", () => {
  // Stopped once it reports progress (CI mode: JSON events, the first as soon as rows are
  // read), that is while it is busy checking rows: the command must end with 128 + the
  // signal's number and print no report, which would read as complete.
  const stopOn = { when: /"event":"validate\.progress"/ } as const;

  beforeAll(async () => {
    const rows: string[] = ["id,nom,montant"];
    for (let n = 1; n <= 1_200_000; n++) rows.push(`${n},Projet fictif ${n},${n}.5`);
    await writeFile(join(dir, "big.csv"), `${rows.join("\n")}\n`);
    await writeFile(join(dir, "big-schema.json"), JSON.stringify({ fields: [{ name: "id", type: "integer" }, { name: "nom", type: "string" }, { name: "montant", type: "number" }], primaryKey: ["id"] }));
    const width = 100_000;
    const line = (row: number) => Array.from({ length: width }, (_, k) => String((k + row) % 1000)).join(",");
    const wide = [Array.from({ length: width }, (_, k) => `colonne_${k}`).join(","), ...Array.from({ length: 30 }, (_, row) => line(row))];
    await writeFile(join(dir, "wide-100k.csv"), `${wide.join("\n")}\n`);
  }, 60_000);

  const cases = [
    ["SIGTERM", 143, ["big.csv", "--schema", "big-schema.json"], "a 34 MB table checked in parallel chunks"],
    ["SIGINT", 130, ["big.csv", "--schema", "big-schema.json", "--limit-rows", "100000000"], "the same table read row by row"],
    ["SIGTERM", 143, ["wide-100k.csv", "--json"], "a 100,000-column table"],
  ] as const;
  for (const [signal, code, args, what] of cases) {
    it(`${signal} ends the validation of ${what} with exit ${code} and no report`, async () => {
      const run = await runAap(["validate", ...args], { cwd: dir, env: { CI: "true" }, stop: { signal, ...stopOn } });
      expect(run.code).toBe(code);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`aap validate: stopped (exit ${code}) before the end of the validation: no report`);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    }, 60_000);
  }
});

describe("aap validate read through a pipe that closes early", () => {
  it("like `aap validate … --json | head -c 10`: no stack trace, the validation's own exit status (it crashed on EPIPE)", async () => {
    const rows = Array.from({ length: 50_000 }, (_, k) => `${k},${k % 7 === 0 ? "pas un nombre" : k}`).join("\n");
    await writeFile(join(dir, "tuyau.csv"), `id,valeur\n${rows}\n`);
    await writeFile(join(dir, "tuyau.schema.json"), JSON.stringify({ fields: [{ name: "id", type: "integer" }, { name: "valeur", type: "integer" }] }));
    const run = await runAap(["validate", "tuyau.csv", "--schema", "tuyau.schema.json", "--json"], { cwd: dir, closeStdoutEarly: true });
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toContain("EPIPE");
    expect(run.code).toBe(1);
  });
});
