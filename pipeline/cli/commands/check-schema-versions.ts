import { EXIT } from "../../failures/exit.ts";
import { UsageError } from "../../failures/usage-error.ts";
import { escapeWorkflowData, escapeWorkflowProperty } from "../../frictionless/index.ts";
import { createMissingTags, schemasAtRef, schemasOnDisk } from "../../release/git-schemas.ts";
import { checkSchemaVersions, expectedTags, type SchemaProblem } from "../../release/schema-versions.ts";
import type { ParsedArgs } from "../command.ts";
import type { CliIo } from "../io.ts";
import { stringOption } from "../options.ts";

/** `aap schema-versions`: the pull-request check against --base, or the tags with --tag. */
export async function checkSchemaVersionsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = stringOption(args, "format") ?? "text";
  if (format !== "text" && format !== "github") throw new UsageError(`--format takes "text" or "github", not "${format}"`);
  const base = stringOption(args, "base");
  const head = await schemasOnDisk(io.cwd);
  if (args.values.tag) {
    const created = await createMissingTags(io.cwd, expectedTags(head));
    io.stdout.write(created.length > 0 ? `tagged: ${created.join(", ")}\n` : "every schema version is already tagged\n");
    return EXIT.ok;
  }
  if (base === undefined) throw new UsageError("aap schema-versions needs --base REF (or --tag)", 'e.g. "aap schema-versions --base origin/main"');
  const problems = checkSchemaVersions(await schemasAtRef(io.cwd, base), head);
  for (const problem of problems) io.stdout.write(format === "github" ? githubLine(problem) : textLines(problem));
  if (problems.length === 0) io.stdout.write(`schemas: ${head.size} checked against ${base}, versions and CHANGELOG entries in order\n`);
  return problems.length === 0 ? EXIT.ok : EXIT.failed;
}

function githubLine(p: SchemaProblem): string {
  return `::error file=${escapeWorkflowProperty(p.file)}${p.line === undefined ? "" : `,line=${p.line}`},title=${escapeWorkflowProperty(p.code)}::${escapeWorkflowData(`${p.message}. ${p.hint}`)}\n`;
}

function textLines(p: SchemaProblem): string {
  return `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.code}: ${p.message}\n  hint: ${p.hint}\n`;
}
