import { datagouvFrequency } from "../publish/vocabularies.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The longest gap each data.gouv.fr update frequency promises between two updates (our reading of
 * the ids, docs/datagouv-api.md §9.2): "fiveTimesAWeek" is every weekday, so a weekend is allowed;
 * "monthly" allows the longest month. Frequencies that promise no rhythm are not checked.
 */
const PERIOD_MS: Record<string, number> = {
  continuous: HOUR, oneMinute: 60_000, fiveMinutes: 5 * 60_000, tenMinutes: 10 * 60_000, fifteenMinutes: 15 * 60_000,
  thirtyMinutes: 30 * 60_000, hourly: HOUR, bihourly: 2 * HOUR, trihourly: 3 * HOUR, severalTimesADay: 8 * HOUR,
  threeTimesADay: 8 * HOUR, twelveHours: 12 * HOUR, semidaily: 12 * HOUR, daily: DAY, fiveTimesAWeek: 3 * DAY,
  threeTimesAWeek: 3 * DAY, semiweekly: 4 * DAY, weekly: 7 * DAY, biweekly: 14 * DAY, threeTimesAMonth: 11 * DAY,
  semimonthly: 16 * DAY, monthly: 31 * DAY, bimonthly: 62 * DAY, quarterly: 92 * DAY, threeTimesAYear: 123 * DAY,
  semiannual: 183 * DAY, annual: 366 * DAY, biennial: 731 * DAY, triennial: 1096 * DAY, quadrennial: 1461 * DAY,
  quinquennial: 1827 * DAY, decennial: 3653 * DAY, bidecennial: 7305 * DAY, tridecennial: 10_958 * DAY,
};

/** The fixed part of the grace margin: a nightly run that starts late or runs long is not stale. */
export const GRACE_MS = 12 * HOUR;
/** The proportional part: a tenth of the period. */
export const GRACE_SHARE = 0.1;

/**
 * How old a dataset may be under its declared frequency: the period, plus a tenth of it, plus
 * twelve hours (daily: 38.4 hours, so one missed night alerts by the next evening). Undefined
 * for a frequency without a rhythm (punctual, irregular, unknown…) or not data.gouv.fr's.
 */
export function allowedAgeMs(frequency: string): number | undefined {
  const id = datagouvFrequency(frequency);
  const period = id === undefined ? undefined : PERIOD_MS[id];
  return period === undefined ? undefined : period * (1 + GRACE_SHARE) + GRACE_MS;
}
