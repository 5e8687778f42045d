import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aap, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { DeclarationError, UnknownPackageError } from "../declaration/errors.ts";
import { ExtractError } from "../extract/types.ts";
import { createError, DescriptorError, TableReadError, type CheckContext } from "../frictionless/index.ts";
import { HttpError } from "../http/errors.ts";
import { renderRunReport } from "../orchestrate/run-report.ts";
import { DatagouvError } from "../publish/datagouv/errors.ts";
import { PublishError } from "../publish/errors.ts";
import { ScheduleError } from "../schedule/daemon.ts";
import { SiteError } from "../site/errors.ts";
import { WatchError } from "../watch/errors.ts";
import { LockError } from "../state/lock.ts";
import { StateError } from "../state/store.ts";
import { columnParam } from "../validate/checks/params.ts";
import { report } from "./execute.ts";
import type { CliIo } from "./io.ts";
import { ERROR_CATALOGUE, type ErrorFamilies, type ErrorFamily } from "../failures/catalogue.ts";
import { describeFailure, formatFailure } from "../failures/describe.ts";
import { EXIT } from "../failures/exit.ts";
import { ReportError } from "../watch/report-error.ts";
import { ReleaseError } from "../release/git-schemas.ts";
import { StopRequest } from "../failures/stop-request.ts";
import { UsageError } from "../failures/usage-error.ts";

const CALL = { method: "GET", url: "https://example.test/api/fictive?token=***" };
const CHECK_CONTEXT: CheckContext = { schema: { name: "fictif", fields: [{ name: "siren", type: "string" }], missingValues: [""] }, resource: { name: "fictif", path: "fictif.csv" }, readRows: async function* () {} };

/**
 * One real error of each family for any of its codes, made as the code that throws it makes it.
 * Typed by family: a family added to the catalogue fails to compile until it has its maker here.
 */
const MAKE: { readonly [F in ErrorFamily]: (code: ErrorFamilies[F]) => unknown } = {
  table: (code) => new TableReadError(code, { place: "sources/fictif.csv", rowNumber: 3, note: "a fictitious problem" }),
  descriptor: (code) => new DescriptorError([createError(code, { note: "a fictitious problem", jsonPath: "/fields/0" })], "schemas/fictif.json"),
  http: (code) => new HttpError({ code, message: `GET ${CALL.url}: a fictitious failure`, call: CALL }),
  extract: (code) => new ExtractError({ code, source: "sources/fictif.csv", message: "sources/fictif.csv: a fictitious failure" }),
  check: () => catchFrom(() => columnParam("french-siren-value", {}, "column", CHECK_CONTEXT)),
  datagouv: (code) => new DatagouvError({ code, message: `GET ${CALL.url}: a fictitious failure`, call: CALL }),
  publish: (code) => new PublishError({ code, package: "paquet-fictif", message: 'package "paquet-fictif": a fictitious failure' }),
  declaration: (code) =>
    code === "unknown-package"
      ? new UnknownPackageError(["paquet-inconnu"], ["paquet-fictif"], "datapackages")
      : new DeclarationError([{ file: "datapackages/paquet-fictif/datapackage.yaml", line: 4, jsonPath: "/datagouv", message: 'unknown property "frequence"' }]),
  state: () => new StateError(".aap/sources.json", "the state file .aap/sources.json is not valid JSON", "fix it or delete it"),
  lock: () => new LockError(".aap/locks/paquet-fictif.lock", undefined, 600_000),
  release: () => new ReleaseError("git show base:schemas failed: unknown revision", "fetch the base ref"),
  report: () => new ReportError("reports/output-paquet-fictif/run-report.json", "not JSON"),
  schedule: () => new ScheduleError('unknown time zone "Europe/Pariss"', "use an IANA name such as Europe/Paris"),
  site: () => new SiteError("output/site/ could not be written: EACCES", "output/site", new Error("EACCES")),
  watch: (code) => new WatchError({ code, message: "could not open an issue in equipe-fictive/depot-fictif: a fictitious failure" }),
  usage: () => new UsageError('--log-format takes "human" or "json", not "xml"'),
  stop: () => new StopRequest("SIGTERM"),
  bug: () => new TypeError("Cannot read properties of undefined (reading 'id')"),
};

function catchFrom(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const EVERY_CODE = (Object.keys(ERROR_CATALOGUE) as ErrorFamily[]).flatMap((family) =>
  Object.keys(ERROR_CATALOGUE[family]).map((code) => ({ family, code, error: (MAKE[family] as (code: string) => unknown)(code) })),
);

/** A CLI's outside world whose stderr is kept. */
function memoryIo(env: Record<string, string> = {}): { cli: CliIo; readonly text: string } {
  let text = "";
  return { cli: { env, cwd: "/", stdout: { write: () => true }, stderr: { write: (written: string) => (text += written) } }, get text() { return text; } };
}

describe("the error catalogue", () => {
  it("gives each code to one family only", () => {
    const codes = EVERY_CODE.map(({ code }) => code);
    expect(codes.length).toBeGreaterThan(60);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(EVERY_CODE)("tells $code ($family) with its code, message and hint, and the exit status of its entry", ({ family, code, error }) => {
    const entry = (ERROR_CATALOGUE[family] as Record<string, (typeof ERROR_CATALOGUE)["bug"]["internal-error"]>)[code]!;
    const failure = describeFailure(error);
    expect(failure.code).toBe(code);
    expect(failure.exit).toBe(entry.exit === "signal" ? 143 : entry.exit);
    expect(failure.hint.length).toBeGreaterThan(0);
    expect(entry.title.length).toBeGreaterThan(0);
    const own = error instanceof Error && "hint" in error ? error.hint : undefined;
    expect(failure.hint).toBe(own ?? entry.hint);

    // As the CLI tells it: the command, the code, the message's first line, the hint; the entry's status.
    const io = memoryIo();
    expect(report(error, "aap run", "run", io.cli)).toBe(failure.exit);
    const [first, ...rest] = io.text.trimEnd().split("\n");
    expect(first).toBe(`aap run: ${code}: ${failure.message.split("\n")[0]}`);
    expect(rest.at(-1)).toBe(`  hint: ${failure.hint.replaceAll("{command}", "run")}`);
    expect(io.text).not.toMatch(/\n\s+at /);

    // As a package's failure in the run report.
    const text = formatFailure(failure);
    const run = renderRunReport({ ok: false, startedAt: "2024-01-01T00:00:00.000Z", finishedAt: "2024-01-01T00:00:01.000Z", packages: [{ name: "paquet-fictif", status: "failed", stages: [], packageDir: "output/paquet-fictif", sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [], failure: text }] });
    expect(run).toContain(`${code}: ${failure.message}`);
    expect(run).toContain(`hint: ${failure.hint.replaceAll("{command}", "<command>")}`);
  });

  it("keeps the exit statuses the README promises", () => {
    const exits = Object.fromEntries(EVERY_CODE.map(({ code, error }) => [code, describeFailure(error).exit]));
    expect(exits).toMatchObject({
      "usage-error": 2, "declaration-error": 2, "unknown-package": 2, "datagouv-config": 2, "schedule-error": 2, "alert-config": 2, "run-report-unreadable": 2, "github-api": 1, "webhook-failed": 1,
      "scheme-error": 2, "format-error": 2, "compression-error": 2, "schema-error": 2,
      locked: 1, "state-error": 1, "datagouv-unauthorized": 1, "invalid-package": 1, malformed: 1, "missing-secret": 1, "encoding-error": 1, "internal-error": 1,
      stopped: 143,
    });
  });

  it("tells a usage error with the command to ask for help, and a stop with the signal's status", () => {
    const io = memoryIo();
    expect(report(new UsageError("give exactly one datapackage.json or table to validate"), "aap validate", "validate", io.cli)).toBe(EXIT.usage);
    expect(io.text).toBe('aap validate: usage-error: give exactly one datapackage.json or table to validate\n  hint: run "aap validate --help" for its usage\n');
    expect(describeFailure(new StopRequest("SIGINT")).exit).toBe(130);
  });

  it("tells a bug in one line, and its stack only with AAP_DEBUG=1", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')\nsecond line");
    const quiet = memoryIo();
    expect(report(bug, "aap run", "run", quiet.cli)).toBe(EXIT.failed);
    expect(quiet.text).toBe(`aap run: internal-error: Cannot read properties of undefined (reading 'id')\n  hint: ${ERROR_CATALOGUE.bug["internal-error"].hint}\n`);
    const debug = memoryIo({ AAP_DEBUG: "1" });
    report(bug, "aap run", "run", debug.cli);
    expect(debug.text).toContain(String(bug.stack));
    // Anything thrown, not only errors; and a code no family declares is a bug too.
    expect(describeFailure("a string")).toMatchObject({ code: "internal-error", message: "a string", exit: EXIT.failed });
    expect(describeFailure(Object.assign(new ExtractError({ code: "io", source: "x", message: "m" }), { code: "no-such-code" }))).toMatchObject({ code: "internal-error", message: "no-such-code: m" });
  });
});

describe("the README", () => {
  it("lists every code of the catalogue with its exit status and meaning, and no other", async () => {
    const readme = await readFile(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Error codes"), readme.indexOf("</details>", readme.indexOf("### Error codes")));
    const listed = new Map([...section.matchAll(/^\| [^|]+ \| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$/gm)].map((row) => [row[1], { exit: row[2]!.trim(), title: row[3]!.trim() }]));
    const expected = new Map(EVERY_CODE.map(({ family, code }) => {
      const entry = (ERROR_CATALOGUE[family] as Record<string, (typeof ERROR_CATALOGUE)["bug"]["internal-error"]>)[code]!;
      return [code, { exit: entry.exit === "signal" ? "128 + signal" : String(entry.exit), title: entry.title }];
    }));
    expect(listed).toEqual(expected);
  });
});

describe("every thrown error class", () => {
  it("extends CodedError and has a family in the catalogue", async () => {
    const root = join(import.meta.dirname, "..");
    const declared = new Set<string>();
    for (const file of await sources(root)) {
      for (const match of (await readFile(file, "utf8")).matchAll(/class (\w+) extends (\w+)\b/g)) {
        if (match[2] === "CodedError") declared.add(match[1]!);
        // An Error subclass outside the model must be one of the core's internal signals, caught where they are thrown.
        else if (match[2] === "Error") expect(INTERNAL_SIGNALS, `${relative(root, file)}: ${match[1]} extends Error`).toContain(match[1]);
      }
    }
    const made = new Set(EVERY_CODE.map(({ error }) => (error instanceof Error ? error.name : "")));
    for (const name of declared) expect(made, `${name} extends CodedError but no family of the catalogue makes it`).toContain(name);
  });
});

/**
 * Errors the Table Schema core throws and catches within a few lines to turn into report errors
 * (data): they never reach a caller of the core.
 */
const INTERNAL_SIGNALS = ["NotADate", "StrptimeError", "FieldDefinitionError", "DecodeFailure", "CsvProblem"];

async function sources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

describe("failures told by the aap command", () => {
  let root: string;
  beforeAll(async () => {
    root = await makeWorkspace();
  });

  it("an unknown option: usage-error, the option named, the command's help as the hint, exit 2", async () => {
    const result = await aap(["build", "--forse"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`aap build: usage-error: Unknown option '--forse'.\n  hint: run "aap build --help" for its usage\n`);
  });

  it("an unknown command: usage-error, then the list of commands, exit 2", async () => {
    const result = await aap(["frobnicate"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aap: usage-error: unknown command "frobnicate"\n {2}hint: run "aap --help" for the commands\n\nUsage: aap <command>/);
  });

  it("a package that has no declaration, and a missing packages folder: exit 2 before anything runs", async () => {
    const unknown = await aap(["build", "paquet-inconnu"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^aap build: unknown-package: unknown package "paquet-inconnu"; packages under datapackages\/: .+\n {2}hint: name one of the packages listed/);
    const nowhere = await aap(["build", "--datapackages", "nulle-part"], { cwd: root });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/^aap build: usage-error: no .*nulle-part folder\n {2}hint: run aap from the repository root, or pass --datapackages DIR\n$/);
    expect(await readdir(root)).not.toContain("output");
  });

  it("a cron expression the daemon cannot use: schedule-error with what to write, exit 2", async () => {
    const result = await aap(["schedule", "--cron", "0 3 1 * 1"], { cwd: root, env: { DATAGOUV_API_KEY: "cle-fictive" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`aap schedule: schedule-error: "0 3 1 * 1" restricts both the day of the month and the day of the week, which node-cron and GitHub Actions read differently\n  hint: restrict only one of them\n`);
  });

  it("a failure inside a package (a corrupt state file): its code and hint in the log and the run report, exit 1", async () => {
    const workspace = await makeWorkspace();
    await mkdir(join(workspace, ".aap"), { recursive: true });
    await writeFile(join(workspace, ".aap", "sources.json"), "{pas du JSON");
    const result = await aap(["build"], { cwd: workspace });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/state-error: the state file .*sources\.json is not valid JSON\n {2}hint: fix it or delete it \(the next run then starts from scratch\)/);
    const runReport = await readFile(join(workspace, "output", "run-report.md"), "utf8");
    expect(runReport).toMatch(/```\nstate-error: the state file .*sources\.json is not valid JSON\n {2}hint: fix it or delete it/);
  });
});
