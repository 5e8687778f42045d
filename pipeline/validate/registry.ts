import type { CheckRegistry } from "../frictionless/index.ts";
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
