import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap } from "../../../fakes/fixtures/cli-workspace.ts";
import { startLocalServer, type LocalServer } from "../../../fakes/http/local-server.ts";
import type { Reply } from "../../../fakes/http/reply.ts";

/**
 * The conformance corpus: each folder of `cases/` holds a table and its descriptors, and an
 * `expected.json` written from frictionless-py's behaviour (or the v2 spec where fpy lacks the
 * feature), never from our own output. Each case runs through `aap validate ... --json`.
 */

const CASES = join(dirname(fileURLToPath(import.meta.url)), "cases");

type Flat = [number | null, number | null, string];

interface Expected {
  description?: string;
  /** Arguments after `validate` (`--json` is added); `{base}` is the URL of the case folder when `remote`. */
  args?: string[];
  remote?: boolean;
  valid: boolean;
  exitCode?: number;
  /** Task errors as `[rowNumber, fieldNumber, type]`, over the tasks in order (fpy's `report.flatten`). */
  errors: Flat[];
  /** Types of the errors tied to no task (descriptor errors). */
  reportErrors?: string[];
  /** Properties the task errors must have, by position. */
  details?: Record<string, unknown>[];
  reportDetails?: Record<string, unknown>[];
  /** Subset of the first task's stats. */
  stats?: Record<string, unknown>;
  tasks?: Record<string, unknown>[];
  /** Warnings of every task, in order. */
  warnings?: string[];
}

interface ReportError {
  type: string;
  rowNumber?: number;
  fieldNumber?: number;
  [key: string]: unknown;
}

interface Report {
  valid: boolean;
  stats: { errors: number };
  errors: ReportError[];
  tasks: { stats: Record<string, unknown>; warnings: string[]; errors: ReportError[] }[];
}

/** The default command line: the package, else the resource descriptor, else the table with its schema. */
function defaultArgs(files: string[]): string[] {
  if (files.includes("datapackage.json")) return ["datapackage.json"];
  if (files.includes("resource.json")) return ["resource.json"];
  const table = files.find((file) => /^data\.\w+$/.test(file));
  if (table === undefined) throw new Error("a case needs a datapackage.json, a resource.json, a data.* table or explicit args");
  return files.includes("schema.json") ? [table, "--schema", "schema.json"] : [table];
}

/** Serves the cases folder read-only, as a remote data portal would. */
function serveCases(): Promise<LocalServer> {
  return startLocalServer(async ({ path }) => {
    const file = normalize(decodeURIComponent(path));
    if (file.includes("..")) return { status: 400 };
    return readFile(join(CASES, file)).then(
      (body): Reply => ({ status: 200, raw: body }),
      (): Reply => ({ status: 404, raw: "not found" }),
    );
  });
}

/** A copy of the case in which `{base}` (in its JSON files) is the URL of the case as served. */
async function remoteCopy(name: string, base: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `conformance-${name}-`));
  await cp(join(CASES, name), dir, { recursive: true });
  for (const file of await readdir(dir)) {
    if (!file.endsWith(".json")) continue;
    const text = await readFile(join(dir, file), "utf8");
    await writeFile(join(dir, file), text.replaceAll("{base}", base));
  }
  return dir;
}

const names = (await readdir(CASES, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe("conformance with frictionless-py through aap validate --json", () => {
  let server: LocalServer;
  let origin: string;
  const copies: string[] = [];

  beforeAll(async () => {
    server = await serveCases();
    origin = server.url;
  });

  afterAll(async () => {
    await server.close();
    await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("has a corpus", () => {
    expect(names.length).toBeGreaterThanOrEqual(80);
  });

  it.each(names)("%s", async (name) => {
    const expected = JSON.parse(await readFile(join(CASES, name, "expected.json"), "utf8")) as Expected;
    const base = `${origin}/${name}`;
    let cwd = join(CASES, name);
    if (expected.remote) {
      cwd = await remoteCopy(name, base);
      copies.push(cwd);
    }
    const args = (expected.args ?? defaultArgs(await readdir(cwd))).map((arg) => arg.replaceAll("{base}", base));
    const run = await aap(["validate", ...args, "--json"], { cwd });
    let report: Report;
    try {
      report = JSON.parse(run.stdout) as Report;
    } catch {
      throw new Error(`no JSON report (exit ${run.code}): ${run.stdout}${run.stderr}`);
    }
    const errors = report.tasks.flatMap((task) => task.errors);
    const flat = errors.map((error): Flat => [error.rowNumber ?? null, error.fieldNumber ?? null, error.type]);
    expect({ valid: report.valid, errors: flat, reportErrors: report.errors.map((error) => error.type) }).toEqual({
      valid: expected.valid,
      errors: expected.errors,
      reportErrors: expected.reportErrors ?? [],
    });
    expect(run.code).toBe(expected.exitCode ?? (expected.valid ? 0 : 1));
    expect(report.stats.errors).toBe(errors.length + report.errors.length);
    expected.details?.forEach((properties, k) => expect(errors[k]).toMatchObject(properties));
    expected.reportDetails?.forEach((properties, k) => expect(report.errors[k]).toMatchObject(properties));
    if (expected.stats) expect(report.tasks[0]?.stats).toMatchObject(expected.stats);
    if (expected.tasks) expect(report.tasks).toMatchObject(expected.tasks);
    if (expected.warnings) expect(report.tasks.flatMap((task) => task.warnings)).toEqual(expected.warnings);
  });
});
