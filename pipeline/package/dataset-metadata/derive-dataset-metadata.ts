import { slugify } from "../../publish/slugify.ts";

/**
 * Dataset-level metadata for data.gouv.fr derived from the rows themselves, so that the
 * temporal and spatial coverage can never drift from what is published. Each of these
 * earns one point of data.gouv.fr's quality score.
 */

export type Row = Record<string, unknown>;

export interface DatasetMetadata {
  /** First to last date of the data (call openings and closings, decisions); undefined when no row has a date. */
  temporalCoverage: { start: string; end: string } | undefined;
  spatial: { zones: string[]; granularity: string };
  tags: string[];
  frequency: "daily";
}

export interface DatasetMetadataInput {
  appels: Row[];
  laureats: Row[];
  declaration: { keywords?: string[]; datagouv?: { tags?: string[] } };
}

const TAG_MIN_LENGTH = 3;
const TAG_MAX_LENGTH = 96;

export function deriveDatasetMetadata({ appels, laureats, declaration }: DatasetMetadataInput): DatasetMetadata {
  return {
    temporalCoverage: temporalCoverage([
      ...appels.flatMap((appel) => [appel.date_ouverture, appel.date_cloture]),
      ...laureats.map((laureat) => laureat.date_decision),
    ]),
    spatial: spatialCoverage(laureats),
    tags: tags([...(declaration.datagouv?.tags ?? []), ...(declaration.keywords ?? [])]),
    // The pipeline republishes every night; data.gouv.fr checks updates against this.
    frequency: "daily",
  };
}

function temporalCoverage(values: unknown[]): { start: string; end: string } | undefined {
  const dates = values.filter((value): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)).sort();
  const start = dates[0];
  const end = dates[dates.length - 1];
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * The finest level the rows carry: regions, else departments, else the whole country.
 * Calls have no territory of their own (they are national), so only lauréats count.
 */
function spatialCoverage(laureats: Row[]): { zones: string[]; granularity: string } {
  const regions = distinctCodes(laureats, "code_region");
  if (regions.length > 0) return { zones: regions.map((code) => `fr:region:${code}`), granularity: "fr:region" };
  const departments = distinctCodes(laureats, "code_departement");
  if (departments.length > 0) {
    return { zones: departments.map((code) => `fr:departement:${code}`), granularity: "fr:departement" };
  }
  return { zones: ["country:fr"], granularity: "country" };
}

function distinctCodes(rows: Row[], field: string): string[] {
  const codes = new Set<string>();
  for (const row of rows) {
    const code = row[field];
    if (typeof code === "string" && code !== "") codes.add(code);
  }
  return [...codes].sort();
}

/** data.gouv.fr tags are slugs of 3 to 96 characters; declared order is kept, duplicates dropped. */
function tags(candidates: string[]): string[] {
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const tag = slugify(candidate).slice(0, TAG_MAX_LENGTH).replace(/-+$/, "");
    if (tag.length >= TAG_MIN_LENGTH) seen.add(tag);
  }
  return [...seen];
}
