import type { CheckRegistry, ValidateOptions } from "../frictionless/index.ts";
import { amountNotAboveCost } from "./checks/amount-not-above-cost.ts";
import { decisionDateInCallWindow } from "./checks/decision-date-in-call-window.ts";
import { frenchSirenValue } from "./checks/french-siren-value.ts";
import { frenchSiretValue } from "./checks/french-siret-value.ts";
import { oneOfRequired } from "./checks/one-of-required.ts";
import { rateMatchesAmounts } from "./checks/rate-matches-amounts.ts";

/** The custom checks our schemas declare in `custom_checks`, by name. */
export const frenchChecks: CheckRegistry = {
  "french-siren-value": frenchSirenValue,
  "french-siret-value": frenchSiretValue,
  "amount-not-above-cost": amountNotAboveCost,
  "rate-matches-amounts": rateMatchesAmounts,
  "decision-date-in-call-window": decisionDateInCallWindow,
  "one-of-required": oneOfRequired,
};

/**
 * Where the validator's worker threads import `frenchChecks` from, so that a big table whose
 * schema declares them is still checked in chunks: this file when running from the sources; in
 * the build, `french-checks.js`, an entry of its own beside every module of the flat dist/
 * folder (pipeline/cli/build/build.js).
 */
const MODULE_URL = moduleUrl(import.meta.url);

function moduleUrl(here: string): string {
  // Bundled in memory for the threads of a run from the sources (a data: URL), this module is only read for its checks.
  if (here.endsWith(".ts") || !here.startsWith("file:")) return here;
  return new URL("./french-checks.js", here).href;
}

/** The validator's options for our checks: the registry, and its module for the worker threads. */
export const FRENCH_CHECKS: Required<Pick<ValidateOptions, "checks" | "checksModule">> = {
  checks: frenchChecks,
  checksModule: { url: MODULE_URL, exportName: "frenchChecks" },
};
