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
  appels: Iterable<Row>;
  laureats: Iterable<Row>;
  declaration: { keywords?: string[]; datagouv?: { tags?: string[] } };
}

const TAG_MIN_LENGTH = 3;
const TAG_MAX_LENGTH = 96;

export function deriveDatasetMetadata({ appels, laureats, declaration }: DatasetMetadataInput): DatasetMetadata {
  const coverage = new CoverageTally();
  for (const appel of appels) coverage.addAppel(appel);
  for (const laureat of laureats) coverage.addLaureat(laureat);
  return metadataFrom(coverage, declaration);
}

/** The dataset's metadata from a coverage tallied elsewhere (rows streamed from the package's files). */
export function metadataFrom(coverage: CoverageTally, declaration: DatasetMetadataInput["declaration"]): DatasetMetadata {
  return {
    ...coverage.result(),
    tags: tags([...(declaration.datagouv?.tags ?? []), ...(declaration.keywords ?? [])]),
    // The pipeline republishes every night; data.gouv.fr checks updates against this.
    frequency: "daily",
  };
}

/**
 * The temporal and spatial coverage, tallied as rows go by (a table of a million lauréats is
 * never held): the first and last ISO date, the distinct territory codes.
 *
 * Spatially, the finest level the rows carry: regions, else departments, else the whole
 * country. Calls have no territory of their own (they are national), so only lauréats count.
 */
export class CoverageTally {
  private start: string | undefined;
  private end: string | undefined;
  private readonly regions = new Set<string>();
  private readonly departments = new Set<string>();

  addAppel(appel: Row): void {
    this.addDate(appel.date_ouverture);
    this.addDate(appel.date_cloture);
  }

  addLaureat(laureat: Row): void {
    this.addDate(laureat.date_decision);
    addCode(this.regions, laureat.code_region);
    addCode(this.departments, laureat.code_departement);
  }

  result(): Pick<DatasetMetadata, "temporalCoverage" | "spatial"> {
    return { temporalCoverage: this.start === undefined || this.end === undefined ? undefined : { start: this.start, end: this.end }, spatial: this.spatial() };
  }

  private addDate(value: unknown): void {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    if (this.start === undefined || value < this.start) this.start = value;
    if (this.end === undefined || value > this.end) this.end = value;
  }

  private spatial(): { zones: string[]; granularity: string } {
    if (this.regions.size > 0) return { zones: [...this.regions].sort().map((code) => `fr:region:${code}`), granularity: "fr:region" };
    if (this.departments.size > 0) return { zones: [...this.departments].sort().map((code) => `fr:departement:${code}`), granularity: "fr:departement" };
    return { zones: ["country:fr"], granularity: "country" };
  }
}

function addCode(codes: Set<string>, code: unknown): void {
  if (typeof code === "string" && code !== "") codes.add(code);
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
