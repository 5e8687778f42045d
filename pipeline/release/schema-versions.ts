/**
 * The rule that keeps our schema URLs true: the resources we publish name their schema by a
 * tagged URL (`…/laureats-v1.0.0/schemas/laureats/schema.json`), so what a tag names must never
 * change. Any change to a schema's files (its README and CHANGELOG aside) needs a higher version
 * and a CHANGELOG entry for it, and every tagged URL inside the schema names its own version.
 */

/** One schema folder `schemas/<name>/` at one point in history. */
export interface SchemaSnapshot {
  name: string;
  /** File name → content, for every file of the folder. */
  files: Record<string, string>;
}

export type SchemaProblemCode = "schema-version-invalid" | "schema-version-not-bumped" | "schema-changelog-missing" | "schema-url-version-mismatch";

export interface SchemaProblem {
  code: SchemaProblemCode;
  schema: string;
  /** Repository path of the file to fix, and the line when one is at fault. */
  file: string;
  line?: number;
  message: string;
  hint: string;
}

/** Files whose change is not a change of the schema: the documentation generated from it, and its history. */
const NOT_THE_SCHEMA = new Set(["README.md", "CHANGELOG.md"]);

export function schemaVersion(snapshot: SchemaSnapshot): string | undefined {
  try {
    const version = (JSON.parse(snapshot.files["schema.json"] ?? "") as { version?: unknown }).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Problems of the schemas as they are now (`head`) against the base branch. */
export function checkSchemaVersions(base: ReadonlyMap<string, SchemaSnapshot>, head: ReadonlyMap<string, SchemaSnapshot>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const snapshot of head.values()) {
    if (snapshot.files["schema.json"] === undefined) continue;
    const { name } = snapshot;
    const schemaFile = `schemas/${name}/schema.json`;
    const text = snapshot.files["schema.json"];
    const version = schemaVersion(snapshot);
    const versionLine = lineOf(text, /"version"\s*:/);
    if (version === undefined || parseSemver(version) === undefined) {
      problems.push({ code: "schema-version-invalid", schema: name, file: schemaFile, line: versionLine, message: `schema "${name}" has no semantic version (x.y.z): ${JSON.stringify(version ?? null)}`, hint: 'set "version" to e.g. "1.2.0"' });
      continue;
    }
    for (const match of text.matchAll(new RegExp(`/${escapeRegExp(name)}-v(\\d+\\.\\d+\\.\\d+[^/]*)/`, "g"))) {
      if (match[1] === version) continue;
      problems.push({ code: "schema-url-version-mismatch", schema: name, file: schemaFile, line: lineAt(text, match.index), message: `schema "${name}" is version ${version} but names the tag ${name}-v${match[1]} in a URL`, hint: `write ${name}-v${version} in every URL of the schema` });
    }
    const before = base.get(name);
    const changed = before === undefined || changedFiles(before, snapshot).length > 0;
    if (!changed) continue;
    const previous = before === undefined ? undefined : schemaVersion(before);
    if (before !== undefined && previous !== undefined && compareSemver(version, previous) <= 0) {
      problems.push({
        code: "schema-version-not-bumped",
        schema: name,
        file: schemaFile,
        line: versionLine,
        message: `schema "${name}" changed (${changedFiles(before, snapshot).join(", ")}) but its version is still ${version} (base: ${previous})`,
        hint: "raise the version (patch: a fix; minor: a field added; major: a field removed or renamed, a type or constraint tightened) and the tag in its URLs",
      });
      continue;
    }
    if (!hasChangelogEntry(snapshot.files["CHANGELOG.md"] ?? "", version)) {
      problems.push({ code: "schema-changelog-missing", schema: name, file: `schemas/${name}/CHANGELOG.md`, message: `schema "${name}" is now version ${version}, and its CHANGELOG.md has no "## ${version}" entry`, hint: `add "## ${version} — <date>" to schemas/${name}/CHANGELOG.md with what changed for those who use the schema` });
    }
  }
  return problems;
}

/** The tags `<schema>-v<version>` the schemas as they are now must have. */
export function expectedTags(head: ReadonlyMap<string, SchemaSnapshot>): string[] {
  const tags: string[] = [];
  for (const snapshot of head.values()) {
    const version = schemaVersion(snapshot);
    if (version !== undefined && parseSemver(version) !== undefined) tags.push(`${snapshot.name}-v${version}`);
  }
  return tags.sort();
}

function changedFiles(before: SchemaSnapshot, after: SchemaSnapshot): string[] {
  const names = new Set([...Object.keys(before.files), ...Object.keys(after.files)]);
  return [...names].filter((file) => !NOT_THE_SCHEMA.has(file) && before.files[file] !== after.files[file]).sort();
}

function hasChangelogEntry(changelog: string, version: string): boolean {
  return new RegExp(`^##\\s+\\[?v?${escapeRegExp(version)}\\]?(\\s|$)`, "m").test(changelog);
}

function parseSemver(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareSemver(a: string, b: string): number {
  const x = parseSemver(a) ?? [0, 0, 0];
  const y = parseSemver(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
