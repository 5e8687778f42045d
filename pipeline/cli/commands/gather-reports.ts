import { resolve } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { UsageError } from "../../failures/usage-error.ts";
import { mergeRunReports, readRunReports } from "../../orchestrate/merge-reports.ts";
import { writeRunReport } from "../../orchestrate/run.ts";
import type { ParsedArgs } from "../command.ts";
import type { CliIo } from "../io.ts";
import { listOption, stringOption } from "../options.ts";

/** `aap merge-reports`: the jobs' reports of a fanned-out run, as one report. */
export async function gatherReports(args: ParsedArgs, io: CliIo): Promise<number> {
  const [dir, ...extra] = args.positionals;
  if (dir === undefined || extra.length > 0) throw new UsageError("aap merge-reports takes one folder", 'e.g. "aap merge-reports reports --expect a,b"');
  const merged = mergeRunReports(await readRunReports(resolve(io.cwd, dir)), listOption(args, "expect") ?? []);
  await writeRunReport(resolve(io.cwd, stringOption(args, "output") ?? "output"), merged);
  const failed = merged.packages.filter((p) => p.status === "failed" || p.status === "invalid").map((p) => p.name);
  io.stdout.write(merged.ok ? `${merged.packages.length} package(s), all succeeded\n` : `failed: ${failed.length > 0 ? failed.join(", ") : "no package report at all"}\n`);
  return merged.ok ? EXIT.ok : EXIT.failed;
}
