import { join } from "node:path";
import { EXIT } from "../../failures/exit.ts";
import { PUBLICATION_STATE_FILE } from "../../orchestrate/publish-stage.ts";
import { DatagouvClient, datagouvConfigFromEnv } from "../../publish/index.ts";
import { ALERT_LABEL, issueBody } from "../../watch/alert-message.ts";
import { checkFreshness } from "../../watch/freshness.ts";
import { freshnessLine, staleMessage } from "../../watch/freshness-message.ts";
import { githubIssues, githubSettingsFromEnv } from "../../watch/github-issues.ts";
import { sendAlert } from "../../watch/notify.ts";
import type { ParsedArgs } from "../command.ts";
import { githubRunUrl, locations } from "../context.ts";
import { commandDeclarations } from "../declarations.ts";
import type { CliIo } from "../io.ts";
import { stringOption } from "../options.ts";

/** `aap freshness`: every package's age on data.gouv.fr against its declared frequency; exit 1 when one is late. */
export async function freshness(args: ParsedArgs, io: CliIo): Promise<number> {
  // Every setting is checked before anything is read: a watchdog that cannot bark must say so first.
  const github = args.values.notify ? githubSettingsFromEnv(io.env) : undefined;
  const config = datagouvConfigFromEnv(io.env);
  const where = locations(io, { datapackages: stringOption(args, "datapackages"), stateDir: stringOption(args, "state-dir") });
  const declarations = await commandDeclarations(io, where, []);
  const now = io.now ?? (() => new Date());
  const client = new DatagouvClient(config);
  const results = await checkFreshness({ declarations, client, publicationStateFile: join(where.stateDir, PUBLICATION_STATE_FILE), stateDir: where.stateDir, now });
  const checkedAt = now();
  io.stdout.write(args.values.json ? `${JSON.stringify({ instance: client.instance, checkedAt: checkedAt.toISOString(), packages: results }, null, 2)}\n` : `${results.map(freshnessLine).join("\n")}\n`);
  const late = results.some((r) => r.status === "stale" || r.status === "missing");
  if (late && github) {
    const tracker = githubIssues(github, ALERT_LABEL);
    const alerted = await sendAlert({ tracker, webhookUrl: io.env.AAP_ALERT_WEBHOOK_URL?.trim() || undefined }, staleMessage(results, client.instance, checkedAt), issueBody({ runUrl: io.env.AAP_RUN_URL ?? githubRunUrl(io.env) }));
    io.stderr.write(`alert: issue #${alerted.issue?.number} ${alerted.action} (${alerted.commentUrl})\n`);
  }
  return late ? EXIT.failed : EXIT.ok;
}
