import { EXIT } from "../../failures/exit.ts";
import { UsageError } from "../../failures/usage-error.ts";
import type { Command } from "../command.ts";
import { stringOption } from "../options.ts";

export const schemaVersionsCommand: Command = {
  name: "schema-versions",
  summary: "refuse a schema change without a version bump and a CHANGELOG entry; tag new versions",
  help: `Usage: aap schema-versions --base REF [--format text|github]
       aap schema-versions --tag

Our resources name their schema by a tagged URL (…/laureats-v1.0.0/…): what a tag names must not
change. With --base (a pull request's base commit), each schema folder under schemas/ that
differs from the base (README.md and CHANGELOG.md aside) must carry a higher "version" and a
"## <version>" entry in its CHANGELOG.md, and every tagged URL in schema.json must name that
version. With --tag (on the default branch), creates the missing tags <schema>-v<version> on HEAD.

Options:
  --base REF        the commit to compare with (e.g. the pull request's base SHA)
  --format FORMAT   text (default), or github: one annotation per problem on the file to fix
  --tag             create the missing tags instead of checking
  -h, --help        show this help

Exit codes: 0 nothing to fix (or tags created), 1 a schema changed without its version and
CHANGELOG, 2 bad usage or a git command that failed.
`,
  options: { base: { type: "string" }, format: { type: "string" }, tag: { type: "boolean" } },
  run: async (args, io) => {
    const format = stringOption(args, "format") ?? "text";
    if (format !== "text" && format !== "github") throw new UsageError(`--format takes "text" or "github", not "${format}"`);
    const base = stringOption(args, "base");
    const { checkSchemaVersions, expectedTags } = await import("../../release/schema-versions.ts");
    const { createMissingTags, schemasAtRef, schemasOnDisk } = await import("../../release/git-schemas.ts");
    const head = await schemasOnDisk(io.cwd);
    if (args.values.tag) {
      const created = await createMissingTags(io.cwd, expectedTags(head));
      io.stdout.write(created.length > 0 ? `tagged: ${created.join(", ")}\n` : "every schema version is already tagged\n");
      return EXIT.ok;
    }
    if (base === undefined) throw new UsageError("aap schema-versions needs --base REF (or --tag)", 'e.g. "aap schema-versions --base origin/main"');
    const problems = checkSchemaVersions(await schemasAtRef(io.cwd, base), head);
    const { escapeWorkflowData, escapeWorkflowProperty } = await import("../../frictionless/index.ts");
    for (const p of problems) {
      io.stdout.write(format === "github"
        ? `::error file=${escapeWorkflowProperty(p.file)}${p.line === undefined ? "" : `,line=${p.line}`},title=${escapeWorkflowProperty(p.code)}::${escapeWorkflowData(`${p.message}. ${p.hint}`)}\n`
        : `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.code}: ${p.message}\n  hint: ${p.hint}\n`);
    }
    if (problems.length === 0) io.stdout.write(`schemas: ${head.size} checked against ${base}, versions and CHANGELOG entries in order\n`);
    return problems.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
