/**
 * Frictionless licence names → data.gouv.fr licence ids (docs/datagouv-api.md §9.1). Keys are
 * compared case-insensitively; the list covers the names the Frictionless and SPDX
 * registries use for the licences data.gouv.fr knows.
 */
const LICENSES: Record<string, string> = {
  "etalab-2.0": "lov2",
  "lo-2.0": "lov2",
  "lov2": "lov2",
  "etalab-1.0": "fr-lo",
  "fr-lo": "fr-lo",
  "odbl-1.0": "odc-odbl",
  "odc-odbl-1.0": "odc-odbl",
  "odc-odbl": "odc-odbl",
  "odc-by-1.0": "odc-by",
  "odc-by": "odc-by",
  "pddl-1.0": "odc-pddl",
  "odc-pddl-1.0": "odc-pddl",
  "odc-pddl": "odc-pddl",
  "cc-by-4.0": "cc-by",
  "cc-by": "cc-by",
  "cc-by-sa-4.0": "cc-by-sa",
  "cc-by-sa": "cc-by-sa",
  "cc0-1.0": "cc-zero",
  "cc-zero": "cc-zero",
};

/** The data.gouv.fr licence id, or undefined when the name is not one we can map. */
export function datagouvLicense(name: string): string | undefined {
  return LICENSES[name.trim().toLowerCase()];
}

/** Update frequency ids of udata (docs/datagouv-api.md §9.2). */
const FREQUENCIES = new Set([
  "continuous", "oneMinute", "fiveMinutes", "tenMinutes", "fifteenMinutes", "thirtyMinutes", "hourly", "bihourly",
  "trihourly", "twelveHours", "severalTimesADay", "threeTimesADay", "semidaily", "daily", "fiveTimesAWeek",
  "threeTimesAWeek", "semiweekly", "weekly", "biweekly", "threeTimesAMonth", "semimonthly", "monthly", "bimonthly",
  "quarterly", "threeTimesAYear", "semiannual", "annual", "biennial", "triennial", "quadrennial", "quinquennial",
  "decennial", "bidecennial", "tridecennial", "punctual", "irregular", "never", "notPlanned", "other", "unknown",
]);

/** Old ids the server converts on input: we send the new id so that the comparison holds. */
const LEGACY_FREQUENCIES: Record<string, string> = {
  realtime: "continuous",
  fourTimesADay: "severalTimesADay",
  fourTimesAWeek: "other",
  fortnighly: "biweekly",
  biannual: "semiannual",
};

/** The current udata frequency id, or undefined when udata would refuse it. */
export function datagouvFrequency(frequency: string): string | undefined {
  const current = LEGACY_FREQUENCIES[frequency] ?? frequency;
  return FREQUENCIES.has(current) ? current : undefined;
}
