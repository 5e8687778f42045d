import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { aap } from "../../fakes/fixtures/cli-workspace.ts";

/** A fictitious schema, as our schemas are laid out: its version in its tagged URL too. */
function schemaJson(version: string, fields = [{ name: "id", type: "string" }]): string {
  return `${JSON.stringify({ name: "fictif", path: `https://raw.githubusercontent.com/exemple/depot/fictif-v${version}/schemas/fictif/schema.json`, version, fields }, null, 2)}\n`;
}

const CHANGELOG_1 = "# Changelog\n\n## 1.0.0 — 2000-01-01\n\n- Première version (fictive).\n";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** A throwaway repository whose first commit (the base) holds schema fictif 1.0.0. */
async function repository(): Promise<{ root: string; base: string }> {
  const root = await mkdtemp(join(tmpdir(), "aap-schemas-"));
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.name", "Test");
  git(root, "config", "user.email", "test@example.invalid");
  git(root, "config", "commit.gpgsign", "false");
  git(root, "config", "tag.gpgsign", "false");
  await mkdir(join(root, "schemas", "fictif"), { recursive: true });
  await writeFile(join(root, "schemas", "fictif", "schema.json"), schemaJson("1.0.0"));
  await writeFile(join(root, "schemas", "fictif", "CHANGELOG.md"), CHANGELOG_1);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "base");
  return { root, base: git(root, "rev-parse", "HEAD").trim() };
}

const WITH_FIELD = [{ name: "id", type: "string" }, { name: "montant", type: "number" }];

describe("aap schema-versions --base (the pull-request check)", () => {
  let root: string;
  let base: string;
  beforeEach(async () => {
    ({ root, base } = await repository());
  });

  it("passes a pull request that leaves the schemas alone, or only touches their README", async () => {
    await writeFile(join(root, "schemas", "fictif", "README.md"), "# fictif\n");
    const run = await aap(["schema-versions", "--base", base], { cwd: root });
    expect(run.code).toBe(0);
  });

  it("refuses a changed schema whose version did not move, with an annotation on its version line", async () => {
    await writeFile(join(root, "schemas", "fictif", "schema.json"), schemaJson("1.0.0", WITH_FIELD));
    const run = await aap(["schema-versions", "--base", base, "--format", "github"], { cwd: root });
    expect(run.code).toBe(1);
    const line = (await readFile(join(root, "schemas", "fictif", "schema.json"), "utf8")).split("\n").findIndex((l) => l.includes('"version"')) + 1;
    expect(run.stdout).toContain(`::error file=schemas/fictif/schema.json,line=${line},title=schema-version-not-bumped::`);
  });

  it("refuses a bumped version without its CHANGELOG entry, then accepts it with one", async () => {
    await writeFile(join(root, "schemas", "fictif", "schema.json"), schemaJson("1.1.0", WITH_FIELD));
    const missing = await aap(["schema-versions", "--base", base], { cwd: root });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("schemas/fictif/CHANGELOG.md: schema-changelog-missing");
    await writeFile(join(root, "schemas", "fictif", "CHANGELOG.md"), CHANGELOG_1.replace("## 1.0.0", "## 1.1.0 — 2000-02-01\n\n- Ajout de `montant` (fictif).\n\n## 1.0.0"));
    const fixed = await aap(["schema-versions", "--base", base], { cwd: root });
    expect(fixed.stdout).toBe("schemas: 1 checked against " + base + ", versions and CHANGELOG entries in order\n");
    expect(fixed.code).toBe(0);
  });

  it("refuses a URL that names another version than the schema's", async () => {
    await writeFile(join(root, "schemas", "fictif", "schema.json"), schemaJson("1.1.0", WITH_FIELD).replace('"version": "1.1.0"', '"version": "1.2.0"'));
    await writeFile(join(root, "schemas", "fictif", "CHANGELOG.md"), `## 1.2.0\n\n${CHANGELOG_1}`);
    const run = await aap(["schema-versions", "--base", base], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("schema-url-version-mismatch");
  });

  it("names an unknown base ref as a git error (exit 2), with no stack trace", async () => {
    const run = await aap(["schema-versions", "--base", "no-such-ref"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("git-error");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("aap schema-versions --tag (the release on the default branch)", () => {
  it("creates <schema>-v<version> once, on the commit that holds that version", async () => {
    const { root } = await repository();
    const first = await aap(["schema-versions", "--tag"], { cwd: root });
    expect(first).toMatchObject({ code: 0, stdout: "tagged: fictif-v1.0.0\n" });
    expect(git(root, "rev-parse", "fictif-v1.0.0^{commit}")).toBe(git(root, "rev-parse", "HEAD"));
    const again = await aap(["schema-versions", "--tag"], { cwd: root });
    expect(again.stdout).toBe("every schema version is already tagged\n");
  });
});

describe("the repository's own schemas", () => {
  it("each names its own version in its tagged URLs and has a CHANGELOG entry for it", async () => {
    const root = join(import.meta.dirname, "..", "..");
    const { checkSchemaVersions } = await import("./schema-versions.ts");
    const { schemasOnDisk } = await import("./git-schemas.ts");
    expect(checkSchemaVersions(new Map(), await schemasOnDisk(root))).toEqual([]);
  });
});
