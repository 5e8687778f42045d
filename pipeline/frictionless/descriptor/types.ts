/**
 * Data Package v2 descriptors, in the normalised shape the rest of the core works with.
 * v1 forms (string primaryKey, `url`, `profile`, `fmt:` formats...) are turned into these
 * by the normalisers in `descriptor/`, so no other module needs to know about v1.
 */

export type FieldType =
  | "string" | "number" | "integer" | "boolean" | "object" | "array" | "list"
  | "date" | "time" | "datetime" | "year" | "yearmonth" | "duration"
  | "geopoint" | "geojson" | "any";

export interface MissingValue {
  value: string;
  label?: string;
}

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: unknown;
  maximum?: unknown;
  exclusiveMinimum?: unknown;
  exclusiveMaximum?: unknown;
  pattern?: string;
  enum?: unknown[];
  jsonSchema?: Record<string, unknown>;
}

export interface Category {
  value: string | number;
  label?: string;
}

export interface Field {
  name: string;
  type: FieldType;
  format?: string;
  title?: string;
  description?: string;
  example?: unknown;
  rdfType?: string;
  constraints?: Constraints;
  missingValues?: string[];
  // type options
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  delimiter?: string;
  itemType?: FieldType;
  categories?: Category[];
  categoriesOrdered?: boolean;
  [extra: string]: unknown;
}

export interface ForeignKey {
  fields: string[];
  reference: {
    /** Absent for a self-reference. */
    resource?: string;
    fields: string[];
  };
}

export type FieldsMatch = "exact" | "equal" | "subset" | "superset" | "partial";

export interface Schema {
  $schema?: string;
  fields: Field[];
  fieldsMatch?: FieldsMatch;
  missingValues: string[];
  primaryKey?: string[];
  uniqueKeys?: string[][];
  foreignKeys?: ForeignKey[];
  [extra: string]: unknown;
}

export interface Dialect {
  $schema?: string;
  header?: boolean;
  headerRows?: number[];
  headerJoin?: string;
  commentRows?: number[];
  commentChar?: string;
  delimiter?: string;
  lineTerminator?: string;
  quoteChar?: string;
  doubleQuote?: boolean;
  escapeChar?: string;
  nullSequence?: string;
  skipInitialSpace?: boolean;
  property?: string;
  itemType?: "array" | "object";
  itemKeys?: string[];
  sheetNumber?: number;
  sheetName?: string;
  table?: string;
  [extra: string]: unknown;
}

export interface License {
  name?: string;
  path?: string;
  title?: string;
}

export interface Contributor {
  title?: string;
  givenName?: string;
  familyName?: string;
  path?: string;
  email?: string;
  roles?: string[];
  organization?: string;
}

export interface Source {
  title?: string;
  path?: string;
  email?: string;
  version?: string;
  [extra: string]: unknown;
}

export interface Resource {
  $schema?: string;
  name: string;
  /** One path, or several for a multipart resource. Exactly one of path / data. */
  path?: string | string[];
  data?: unknown;
  type?: "table" | string;
  title?: string;
  description?: string;
  homepage?: string;
  format?: string;
  mediatype?: string;
  encoding?: string;
  bytes?: number;
  hash?: string;
  sources?: Source[];
  licenses?: License[];
  dialect?: Dialect;
  schema?: Schema;
  [extra: string]: unknown;
}

export interface Package {
  $schema?: string;
  name?: string;
  id?: string;
  title?: string;
  description?: string;
  homepage?: string;
  version?: string;
  created?: string;
  keywords?: string[];
  image?: string;
  licenses?: License[];
  contributors?: Contributor[];
  sources?: Source[];
  resources: Resource[];
  [extra: string]: unknown;
}
