import type { Package, Resource, Schema } from "../descriptor/types.ts";

/**
 * Custom checks: the rules a Table Schema cannot express (a SIREN checksum, an amount
 * not above a cost). Declared in a schema the Validata way:
 *   "custom_checks": [{ "name": "french-siren-value", "params": { "column": "siren" } }]
 * and resolved by name through the `checks` registry passed to the validator.
 * Their findings land in the report like any other error: type = check type, with
 * rowNumber, fieldName, fieldNumber and cell filled in by the validator.
 */

/** One data row as a check sees it: logical (cast) values; invalid cells read as null. */
export interface CheckRow {
  /**
   * Physical row number in the source (the header is row 1), for checks that compare rows and
   * report them from `end()`. On a worker thread (a big table checked in chunks, where no check has
   * `end()`) it counts from the chunk's start: findings are renumbered, but a note should not quote it.
   */
  readonly rowNumber: number;
  get(fieldName: string): unknown;
  /**
   * A string value made of ASCII digits only (what `/^\d+$/` accepts), as digit values 0–9 in
   * `into`: their count, or -1 when the value is not such a string or has more digits than
   * `into` holds. A check of identifiers (SIREN, SIRET) reads them so on every row of a big table
   * without a string per row; `get` gives the text for a finding's note.
   */
  digits(fieldName: string, into: Uint8Array): number;
  /**
   * `get` of the field at `position`, its index in the context's `schema.fields` (the first of
   * that name, as `get` reads): no lookup by name, for checks that run on every row of big tables.
   */
  at(position: number): unknown;
  /** `digits` of the field at `position` (see `at`). */
  digitsAt(position: number, into: Uint8Array): number;
}

export interface CheckFinding {
  /** The field the finding points at, if any (row-level findings leave it out). */
  fieldName?: string;
  /** Short detail, as frictionless-py's `note`. */
  note: string;
  /** Row number, for findings emitted by `end()`. Defaults to the current row in `row()`. */
  rowNumber?: number;
}

export interface Check {
  /** The error type this check emits, e.g. `french-siren-value`. */
  readonly type: string;
  /** Error title, e.g. `SIREN invalide`. */
  readonly title: string;
  /** What the error means and how to fix it. */
  readonly description: string;
  row?(row: CheckRow): CheckFinding[] | undefined;
  /** Called after the last row, for checks that compare rows with each other. */
  end?(): CheckFinding[] | undefined;
}

export interface CheckContext {
  readonly schema: Schema;
  readonly resource: Resource;
  /** The package being validated, when the table is part of one. */
  readonly package?: Package;
  /** Logical rows of another resource of the package, for cross-table checks. */
  readRows(resourceName: string): AsyncIterable<Record<string, unknown>>;
}

export type CheckFactory = (params: Record<string, unknown>, context: CheckContext) => Check | Promise<Check>;

export type CheckRegistry = Readonly<Record<string, CheckFactory>>;

/**
 * Where worker threads find a registry: an ES module (its URL) whose export `exportName` is the
 * same `CheckRegistry` as the `checks` option. Functions cannot be sent to a thread; a module
 * can be imported by it. The engine knows no check: the layer that registers checks says where
 * they live (for our French checks, `pipeline/validate/registry.ts`, built as `french-checks.js`).
 * From the sources (a `.ts` URL), the module is bundled in memory for the threads.
 */
export interface CheckModule {
  url: string;
  exportName: string;
}
