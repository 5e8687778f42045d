import { join, resolve } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { UsageError } from "../../failures/usage-error.ts";
import { mergeRunReports, readRunReports } from "../../orchestrate/merge-reports.ts";
import { gatherPackageOutputs } from "../../orchestrate/gather-outputs.ts";
import { writeRunReport } from "../../orchestrate/run.ts";
import { publishedDatasets } from "../../orchestrate/run-site.ts";
import { datagouvConfigFromEnv } from "../../publish/index.ts";
import { writeSite } from "../../site/write-site.ts";
import type { ParsedArgs } from "../command.ts";
import { locations } from "../context.ts";
import type { CliIo } from "../io.ts";
import { listOption, stringOption } from "../options.ts";

/** `aap merge-reports`: the jobs' reports of a fanned-out run, as one report. */
export async function gatherReports(args: ParsedArgs, io: CliIo): Promise<number> {
  const [dir, ...extra] = args.positionals;
  if (dir === undefined || extra.length > 0) throw new UsageError("aap merge-reports takes one folder", 'e.g. "aap merge-reports reports --expect a,b"');
  const merged = mergeRunReports(await readRunReports(resolve(io.cwd, dir)), listOption(args, "expect") ?? []);
  const outputDir = resolve(io.cwd, stringOption(args, "output") ?? "output");
  await writeRunReport(outputDir, merged);
  if (args.values.site === true) {
    // One site for the night: every job's package, linked to the dataset its job published.
    const gathered = await gatherPackageOutputs(resolve(io.cwd, dir), outputDir, merged.packages.map((p) => p.name));
    const now = io.now?.() ?? new Date();
    const datasets = publishedDatasets(merged.packages, datagouvConfigFromEnv(io.env).baseUrl);
    const site = await writeSite({ outputDir, schemasDir: join(locations(io, {}).datapackagesDir, "..", "schemas"), now, datasets });
    io.stdout.write(`site: ${site.pages} pages written to ${site.dir} (packages: ${gathered.join(", ") || "none"})
`);
  }
  const failed = merged.packages.filter((p) => p.status === "failed" || p.status === "invalid").map((p) => p.name);
  io.stdout.write(merged.ok ? `${merged.packages.length} package(s), all succeeded\n` : `failed: ${failed.length > 0 ? failed.join(", ") : "no package report at all"}\n`);
  return merged.ok ? EXIT.ok : EXIT.failed;
}
