import type { Command } from "../command.ts";

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
  run: async (args, io) => (await import("./check-schema-versions.ts")).checkSchemaVersionsCommand(args, io),
};
