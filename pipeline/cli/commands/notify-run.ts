import { resolve } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { readRunReport } from "../../orchestrate/merge-reports.ts";
import type { RunResult } from "../../orchestrate/run-report.ts";
import { summarizeRuns } from "../../orchestrate/summarize-runs.ts";
import { pathExists } from "../../shared/fs.ts";
import { UsageError } from "../../failures/usage-error.ts";
import { ALERT_LABEL } from "../../watch/alert-message.ts";
import { githubIssues, githubSettingsFromEnv } from "../../watch/github-issues.ts";
import { notifyRun, type NotifyResult } from "../../watch/notify.ts";
import type { ParsedArgs } from "../command.ts";
import { githubRunUrl } from "../context.ts";
import type { CliIo } from "../io.ts";
import { stringOption } from "../options.ts";

/** `aap notify`: the alert cycle of one run (or of the package jobs of one run). */
export async function notify(args: ParsedArgs, io: CliIo): Promise<number> {
  const reports = Array.isArray(args.values.report) ? args.values.report : [];
  if (reports.length === 0) throw new UsageError("aap notify needs --report FILE (the run-report.json that aap run wrote)");
  const settings = githubSettingsFromEnv(io.env);
  const found: RunResult[] = [];
  const missing: string[] = [];
  for (const file of reports.map((report) => resolve(io.cwd, report))) {
    if (await pathExists(file)) found.push(await readRunReport(file));
    else missing.push(file);
  }
  const summary = summarizeRuns(found, missing);
  const runUrl = stringOption(args, "run-url") ?? io.env.AAP_RUN_URL ?? githubRunUrl(io.env);
  const webhookUrl = io.env.AAP_ALERT_WEBHOOK_URL?.trim() || undefined;
  const result = await notifyRun(summary, { tracker: githubIssues(settings, ALERT_LABEL), webhookUrl }, { runUrl });
  io.stdout.write(`${describe(result, summary.ok)}\n`);
  return EXIT.ok;
}

function describe(result: NotifyResult, ok: boolean): string {
  const chat = result.webhook ? "; chat webhook told" : "";
  switch (result.action) {
    case "opened":
      return `run failed: issue #${result.issue?.number} opened (${result.commentUrl})${chat}`;
    case "commented":
      return `run failed: issue #${result.issue?.number} commented on (${result.commentUrl})${chat}`;
    case "closed":
      return `run succeeded: issue #${result.issue?.number} closed${chat}`;
    case "nothing":
      return ok ? `run succeeded: no open "${ALERT_LABEL}" issue, nothing to tell` : "nothing done";
  }
}
