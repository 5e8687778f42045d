import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describeFailure, formatFailure } from "../failures/describe.ts";
import { formatDuration } from "../log/format.ts";
import { datagouvConfigFromEnv, readPackageState } from "../publish/index.ts";
import { NOT_PACKAGES } from "../site/read-site-input.ts";
import { writeSite } from "../site/write-site.ts";
import { withLock } from "../state/lock.ts";
import { PUBLICATION_STATE_FILE } from "./publish-stage.ts";
import { processPeakRssMB } from "./stage-clock.ts";
import type { PackageOutcome, RunContext } from "./run-package.ts";

/** Beside the packages' locks; the dot keeps it apart from any package name. */
const SITE_LOCK = ".site.lock";

/**
 * What the run did with output/site/: written (how much, how long, the process's peak RSS by
 * then, as for stages: stage-clock.ts), or why not.
 */
export type SiteOutcome = { status: "written"; dir: string; pages: number; files: number; milliseconds?: number; peakRssMB?: number } | { status: "failed"; failure: string };

/**
 * The static site, written at the end of every run from every package in output/ (those of
 * this run and those built before). A package's dataset link comes from this run's
 * publication, else from the publication state of the instance the run targets.
 */
export async function writeRunSite(ctx: RunContext, outcomes: readonly PackageOutcome[]): Promise<SiteOutcome> {
  const started = performance.now();
  try {
    // Runs of different packages may end together: one writes the site at a time.
    const lock = { waitMs: ctx.lockWaitMs, purpose: "writing output/site/", signal: ctx.signal };
    const written = await withLock(join(ctx.stateDir, "locks", SITE_LOCK), lock, async () =>
      writeSite({ outputDir: ctx.outputDir, schemasDir: join(ctx.repositoryRoot, "schemas"), now: ctx.now(), datasets: await knownDatasets(ctx, outcomes) }),
    );
    const milliseconds = Math.round(performance.now() - started);
    const peakRssMB = processPeakRssMB();
    const message = `site: ${written.pages} pages, ${written.files} files written to ${written.dir} in ${formatDuration(milliseconds)}`;
    ctx.logger.log({ level: "info", event: "site.written", message, data: { pages: written.pages, files: written.files, milliseconds, peakRssMB } });
    return { status: "written", dir: written.dir, pages: written.pages, files: written.files, milliseconds, peakRssMB };
  } catch (error) {
    const failure = formatFailure(describeFailure(error), { debug: Boolean(ctx.env.AAP_DEBUG) });
    ctx.logger.log({ level: "error", event: "site.failed", message: failure });
    return { status: "failed", failure };
  }
}

async function knownDatasets(ctx: RunContext, outcomes: readonly PackageOutcome[]): Promise<Record<string, { url: string; slug?: string }>> {
  const config = datagouvConfigFromEnv(ctx.env);
  const datasets: Record<string, { url: string; slug?: string }> = {};
  const names = (await readdir(ctx.outputDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && !e.name.startsWith(".") && !NOT_PACKAGES.has(e.name));
  for (const { name } of names) {
    const state = await readPackageState(join(ctx.stateDir, PUBLICATION_STATE_FILE), config.baseUrl, name);
    if (state.datasetId) datasets[name] = { url: `${config.baseUrl}/datasets/${encodeURIComponent(state.datasetId)}/` };
  }
  return { ...datasets, ...publishedDatasets(outcomes, config.baseUrl) };
}

/** The datasets a run published or checked, by package name, as the site links them. */
export function publishedDatasets(outcomes: readonly PackageOutcome[], baseUrl: string): Record<string, { url: string; slug?: string }> {
  const datasets: Record<string, { url: string; slug?: string }> = {};
  for (const outcome of outcomes) {
    const dataset = outcome.dataset;
    if (dataset) datasets[outcome.name] = { url: dataset.page ?? `${baseUrl}/datasets/${encodeURIComponent(dataset.slug)}/`, slug: dataset.slug };
  }
  return datasets;
}
