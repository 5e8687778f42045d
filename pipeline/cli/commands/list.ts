import type { Command } from "../command.ts";

export const listCommand: Command = {
  name: "list",
  summary: "the declared packages, with their sources and the secrets they need",
  help: `Usage: aap list [options]

Lists every package declared under datapackages/ with its declaration file, its sources (each
with its connector) and the environment variables its sources read their tokens from. The
nightly workflow reads it to run one job per package, with only that package's secrets.
DATAGOUV_API_KEY is not listed: every package needs it to publish.

Options:
  --json                print a JSON array: [{ "name", "declaration", "sources": [{ "name", "connector" }], "secrets": [...] }]
  --datapackages DIR    where the declarations are (default: datapackages)
  -h, --help            show this help

Exit codes: 0 listed, 2 a broken declaration or no datapackages folder.
`,
  options: { json: { type: "boolean" }, datapackages: { type: "string" } },
  run: async (args, io) => (await import("./list-packages.ts")).listPackages(args, io),
};
