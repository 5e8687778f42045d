import { readdir, readFile } from "node:fs/promises";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Test fakes live apart from production code, and each side keeps to itself:
 * - a production file of pipeline/ (anything but a test) imports nothing from fakes/;
 * - a file of fakes/ imports from pipeline/ only what ALLOWED lists, each with its reason.
 * The fakes of outside services (fakes/udata, fakes/sources, fakes/http) stand for the APIs as
 * their documentation describes them, so they import none of our clients' code or types.
 */

interface Allowance {
  /** A file of fakes/, or a folder ending with "/". */
  importer: string;
  /** A file of pipeline/, or a folder ending with "/". */
  imported: string;
  reason: string;
}

const ALLOWED: readonly Allowance[] = [
  {
    importer: "fakes/udata/",
    imported: "pipeline/publish/slugify.ts",
    reason: "udata and we must agree on slugs: one function, tested against udata's own rules (slugify.test.ts), not against our assumptions",
  },
  { importer: "fakes/fixtures/cli-workspace.ts", imported: "pipeline/cli/", reason: "runs the real CLI in-process: the code under test" },
  { importer: "fakes/fixtures/extract-context.ts", imported: "pipeline/extract/", reason: "builds the context the real connectors are given" },
  { importer: "fakes/fixtures/lock-holder.ts", imported: "pipeline/state/", reason: "a separate process holding the real lock, for the lock tests" },
  { importer: "fakes/fixtures/publish-workspace.ts", imported: "pipeline/publish/", reason: "makes the real client and the packages the publish stage takes" },
  { importer: "fakes/fixtures/run-request.ts", imported: "pipeline/", reason: "the orchestrator's run request and the in-memory logger, for the tests of the real orchestrator" },
  { importer: "fakes/fixtures/run-check.ts", imported: "pipeline/frictionless/", reason: "drives one real check over literal rows" },
  { importer: "fakes/fixtures/sample-checks.ts", imported: "pipeline/frictionless/", reason: "custom checks written to the engine's check interface, for the tests that run them on worker threads" },
  { importer: "fakes/fixtures/faulty-rows.ts", imported: "pipeline/frictionless/", reason: "types the schema of the faulty tables that compare checks on bytes with checks on text" },
  { importer: "fakes/fixtures/sample-check-tables.ts", imported: "pipeline/frictionless/", reason: "types the schemas of the tables the sample checks run on" },
  { importer: "fakes/fixtures/span-batches.ts", imported: "pipeline/frictionless/", reason: "lays out the engine's span batches by hand, for the span checks' tests" },
  { importer: "fakes/fixtures/cast-table.ts", imported: "pipeline/frictionless/", reason: "compiles real fields for the field tests" },
  { importer: "fakes/fixtures/flatten-report.ts", imported: "pipeline/frictionless/", reason: "flattens the engine's real reports and errors" },
  { importer: "fakes/fixtures/test-retry.ts", imported: "pipeline/http/", reason: "a retry policy of the real HTTP client, with short waits" },
  { importer: "fakes/fixtures/build-inputs.ts", imported: "pipeline/", reason: "reads the bundled package through the real declaration, connectors and orchestrator stages, the inputs of the build stages under test" },
];

interface Violation {
  file: string;
  imports: string;
  rule: string;
}

const covers = (pattern: string, path: string) => (pattern.endsWith("/") ? path.startsWith(pattern) : path === pattern);
const isTest = (path: string) => path.endsWith(".test.ts");

/** Relative imports of each file (static, `export … from`, dynamic), as paths from the repository root. */
function importsOf(files: Record<string, string>): { file: string; imports: string }[] {
  return Object.entries(files).flatMap(([file, text]) =>
    ts
      .preProcessFile(text, true, true)
      .importedFiles.map((entry) => entry.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => ({ file, imports: posix.join(posix.dirname(file), specifier) })),
  );
}

/** What breaks the boundary, and the allowances no import uses any more. */
function checkBoundary(files: Record<string, string>, allowed: readonly Allowance[]): { violations: Violation[]; unused: Allowance[] } {
  const used = new Set<Allowance>();
  const violations: Violation[] = [];
  for (const edge of importsOf(files)) {
    if (edge.file.startsWith("pipeline/") && !isTest(edge.file) && edge.imports.startsWith("fakes/")) {
      violations.push({ ...edge, rule: "production code imports a test fake" });
    }
    if (edge.file.startsWith("fakes/") && edge.imports.startsWith("pipeline/")) {
      const allowance = allowed.find((entry) => covers(entry.importer, edge.file) && covers(entry.imported, edge.imports));
      if (allowance) used.add(allowance);
      else violations.push({ ...edge, rule: "a fake imports production code that ALLOWED does not list" });
    }
  }
  return { violations, unused: allowed.filter((entry) => !used.has(entry)) };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function sources(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|js|mjs)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(ROOT, path).split("\\").join("/")] = await readFile(path, "utf8");
  }
  return files;
}

describe("the boundary between production code and test fakes", () => {
  it("holds in the repository, and every allowance is still needed", async () => {
    const { violations, unused } = checkBoundary({ ...(await sources("pipeline")), ...(await sources("fakes")) }, ALLOWED);
    expect(violations).toEqual([]);
    expect(unused).toEqual([]);
  });

  it("catches a fake importing a client, production code importing a fake, and a dynamic import", () => {
    const files = {
      "fakes/sources/grist/fake-grist.ts": 'import type { GristRecord } from "../../../pipeline/extract/sources/grist/grist-client.ts";',
      "pipeline/publish/plan.ts": 'const { startUdataServer } = await import("../../fakes/udata/udata-server.ts");',
      "pipeline/publish/plan.test.ts": 'import { startUdataServer } from "../../fakes/udata/udata-server.ts";',
      "fakes/udata/files.ts": 'export { slugify } from "../../pipeline/publish/slugify.ts";',
    };
    const { violations, unused } = checkBoundary(files, ALLOWED);
    expect(violations).toEqual([
      { file: "fakes/sources/grist/fake-grist.ts", imports: "pipeline/extract/sources/grist/grist-client.ts", rule: "a fake imports production code that ALLOWED does not list" },
      { file: "pipeline/publish/plan.ts", imports: "fakes/udata/udata-server.ts", rule: "production code imports a test fake" },
    ]);
    expect(unused.map((entry) => entry.importer)).not.toContain("fakes/udata/");
  });
});
