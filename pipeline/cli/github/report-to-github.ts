import { appendFile } from "node:fs/promises";
import type { Declaration } from "../../declaration/types.ts";
import type { RunResult } from "../../orchestrate/run-report.ts";
import type { CliIo } from "../io.ts";
import { formatAnnotation, packageAnnotations } from "./annotations.ts";
import { stepSummary } from "./step-summary.ts";

/**
 * GitHub's view of a run: one `::error` line per problem on stdout (GitHub turns them into
 * annotations on the pull request's files), and the summary appended to $GITHUB_STEP_SUMMARY
 * when the step has one.
 */
export async function reportToGithub(result: RunResult, declarations: readonly Declaration[], io: CliIo): Promise<void> {
  const annotations = await packageAnnotations(result.packages, declarations, io.cwd);
  for (const annotation of annotations) io.stdout.write(`${formatAnnotation(annotation)}\n`);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, stepSummary(result, annotations));
}
