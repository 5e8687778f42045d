import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../../fakes/fixtures/cli-workspace.ts";
import { formatAnnotation } from "./annotations.ts";

const SOURCE = `datapackages/${BUNDLED_PACKAGE}/sources/laureats.csv`;

/**
 * The command the pull-request workflow runs for one package (validate.yml, step "Build,
 * validate and plan"), as aap's arguments: the test runs what GitHub runs.
 */
function validationStepArgs(pkg: string): string[] {
  const workflow = parse(readFileSync(join(import.meta.dirname, "..", "..", "..", ".github", "workflows", "validate.yml"), "utf8")) as { jobs: Record<string, { steps?: Array<{ name?: string; run?: string }> }> };
  const step = workflow.jobs.validate?.steps?.find((s) => s.name === "Build, validate and plan");
  const words = (step?.run ?? "").trim().split(/\s+/);
  expect(words.slice(0, 2)).toEqual(["node", "pipeline/cli/aap.js"]);
  return words.slice(2).map((word) => (word === '"$PACKAGE"' ? pkg : word));
}

/**
 * Sets one cell of the `;`-separated windows-1252 source, found by the start of its column's
 * label (read as latin1, "€" is not itself); `row` is physical (the header is row 1), in a file
 * with no quoted line break above it.
 */
async function setCell(file: string, row: number, labelStart: string, value: string): Promise<void> {
  const text = await readFile(file, "latin1");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const index = lines[0]!.split(";").findIndex((label) => label.startsWith(labelStart));
  if (index < 0) throw new Error(`no column ${labelStart}`);
  const cells = lines[row - 1]!.split(";");
  cells[index] = value;
  lines[row - 1] = cells.join(";");
  await writeFile(file, lines.join(eol), "latin1");
}

interface BrokenBuild {
  code: number;
  stdout: string;
  summary: string;
  /** output/run-report.md: what the pull-request comment shows. */
  report: string;
  /** 1-based line and column where a text is in the broken source file, found by reading the file itself. */
  placeOf(cellText: string): { line: number; col: number };
}

/** The pull request's validation step in a copy of the repository whose laureats source got these edits. */
async function brokenBuild(edits: Array<[row: number, labelStart: string, value: string]>): Promise<BrokenBuild> {
  const root = await makeWorkspace();
  const file = join(root, SOURCE);
  for (const [row, label, value] of edits) await setCell(file, row, label, value);
  const text = await readFile(file, "latin1");
  const summaryFile = join(await mkdtemp(join(tmpdir(), "aap-summary-")), "summary.md");
  await writeFile(summaryFile, "");
  const run = await aap([...validationStepArgs(BUNDLED_PACKAGE), "--log-format", "json"], { cwd: root, env: { GITHUB_STEP_SUMMARY: summaryFile } });
  const lines = text.split(/\r?\n/);
  return {
    ...run,
    summary: await readFile(summaryFile, "utf8"),
    report: await readFile(join(root, "output", "run-report.md"), "utf8"),
    placeOf(cellText) {
      const line = lines.findIndex((l) => l.includes(cellText));
      return { line: line + 1, col: lines[line]!.indexOf(cellText) + 1 };
    },
  };
}

// A description on two lines (a quoted line break) in row 3: from there on, row n starts on line n + 1.
const TWO_LINE_CELL: [number, string, string] = [3, "Description", '"Premi\u00e8re ligne\nseconde ligne"'];

describe("the pull request's validation step on a copy of the bundled package with a broken source cell", () => {
  let build: BrokenBuild;
  beforeAll(async () => {
    build = await brokenBuild([TWO_LINE_CELL, [5, "Montant accord", "beaucoup"]]);
  }, 120_000);

  it("fails, and names the source file and the line the team edits for a cell the transform could not read", () => {
    expect(build.code).toBe(1);
    const { line, col } = build.placeOf(";beaucoup;");
    expect(line).toBe(6); // row 5, one line down because of the quoted line break
    expect(build.stdout).toContain(`::error file=${SOURCE},line=${line},col=${col + 1},title=`);
  });

  it("writes a job summary listing the problems with their file and line", () => {
    expect(build.summary).toContain("❌");
    expect(build.summary).toContain(`| \`${SOURCE}\` | 6 |`);
  });
});

describe("the pull request's validation step on a copy whose source holds a value validation refuses", () => {
  it("traces the validation error back to its source line", async () => {
    const build = await brokenBuild([TWO_LINE_CELL, [6, "SIREN", "123456789"]]);
    expect(build.code).toBe(1);
    const { line, col } = build.placeOf(";123456789;");
    expect(line).toBe(7);
    expect(build.stdout.split("\n").some((l) => l.startsWith(`::error file=${SOURCE},line=${line},col=${col + 1},`))).toBe(true);
  }, 120_000);
});

describe("the pull request's validation step on the bundled package as it is", () => {
  it("succeeds with no annotation, and writes the plan the pull-request comment shows", async () => {
    const build = await brokenBuild([]);
    expect(build.code).toBe(0);
    expect(build.stdout).not.toContain("::error");
    expect(build.summary).toContain("✅");
    expect(build.report).toContain("Plan de publication");
  }, 120_000);
});

describe("formatAnnotation", () => {
  it("escapes GitHub's workflow-command separators in properties and line breaks and % in the message", () => {
    const line = formatAnnotation({ file: "a,b:c.csv", line: 3, title: "type-error: x, y", message: "100% faux\r\nligne 2" });
    expect(line).toBe("::error file=a%2Cb%3Ac.csv,line=3,title=type-error%3A x%2C y::100%25 faux%0D%0Aligne 2");
  });
});
