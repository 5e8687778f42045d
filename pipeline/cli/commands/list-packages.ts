import { relative } from "node:path";
import { inputsOf } from "../../declaration/inputs.ts";
import type { Declaration } from "../../declaration/types.ts";
import { EXIT } from "../../failures/exit.ts";
import type { ParsedArgs } from "../command.ts";
import { locations } from "../context.ts";
import { commandDeclarations } from "../declarations.ts";
import type { CliIo } from "../io.ts";
import { stringOption } from "../options.ts";

/** One package as `aap list --json` prints it: the contract the nightly workflow's matrix reads. */
export interface ListedPackage {
  name: string;
  /** The declaration file, relative to the working directory, with forward slashes. */
  declaration: string;
  sources: { name: string; connector: string }[];
  /** Environment variables the sources read their tokens from, sorted, each once. */
  secrets: string[];
}

/** `aap list`: every declaration, checked (a broken one exits 2 as for aap run). */
export async function listPackages(args: ParsedArgs, io: CliIo): Promise<number> {
  const where = locations(io, { datapackages: stringOption(args, "datapackages") });
  const listed = (await commandDeclarations(io, where, [])).map((declaration) => listedPackage(declaration, io.cwd));
  io.stdout.write(args.values.json ? `${JSON.stringify(listed, null, 2)}\n` : listedText(listed));
  return EXIT.ok;
}

export function listedPackage(declaration: Declaration, cwd: string): ListedPackage {
  const sources: ListedPackage["sources"] = [];
  const secrets = new Set<string>();
  for (const resource of declaration.resources) {
    const inputs = inputsOf(resource);
    for (const [index, { source }] of inputs.entries()) {
      sources.push({ name: inputs.length > 1 ? `${resource.name} (source ${index + 1})` : resource.name, connector: source.connector });
      if (typeof source.tokenEnv === "string") secrets.add(source.tokenEnv);
    }
  }
  return { name: declaration.name, declaration: relative(cwd, declaration.file).split("\\").join("/"), sources, secrets: [...secrets].sort() };
}

function listedText(listed: readonly ListedPackage[]): string {
  if (listed.length === 0) return "no package declared\n";
  const blocks = listed.map((item) =>
    [
      `${item.name}  (${item.declaration})`,
      `  sources: ${item.sources.map((source) => `${source.name} (${source.connector})`).join(", ") || "none"}`,
      `  secrets: ${item.secrets.join(", ") || "none"}`,
    ].join("\n"),
  );
  return `${blocks.join("\n\n")}\n`;
}
