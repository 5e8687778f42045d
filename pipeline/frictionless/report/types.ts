import type { ValidationError } from "../errors/index.ts";

/** frictionless-py's report shape. Row numbers are physical: the header is row 1. */
export interface Report {
  valid: boolean;
  stats: { tasks: number; errors: number; warnings: number; seconds: number };
  /** e.g. `reached error limit: 1000`. */
  warnings: string[];
  /** Errors not tied to one table: an unusable descriptor, a missing schema file. */
  errors: ValidationError[];
  tasks: ReportTask[];
}

export interface ReportTask {
  /** Resource name. */
  name: string;
  /** `file` for a resource that is not a table: only its presence, hash and size are checked. */
  type: "table" | "file";
  /** Path or URL of the table (URL without query string). */
  place: string;
  valid: boolean;
  /** Header labels as read. */
  labels: string[];
  stats: TaskStats;
  warnings: string[];
  errors: ValidationError[];
}

export interface TaskStats {
  errors: number;
  warnings: number;
  seconds: number;
  /** Data rows read. */
  rows: number;
  /** Fields of the schema. */
  fields: number;
  bytes: number;
  /** Hex digest, when the resource declares a hash or one was asked for. */
  sha256?: string;
  md5?: string;
}
