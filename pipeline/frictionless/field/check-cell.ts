import type { CompiledConstraints } from "./constraints.ts";
import { CAST_FAILED, CELL_FAILED, type ConstraintFailure } from "./types.ts";

/** `CompiledField.checkCell` for any field: its cast, then its constraints. */
export function checkCellOf(cast: (raw: unknown) => unknown, first: (value: unknown) => ConstraintFailure | undefined): (raw: unknown) => unknown {
  return (raw) => {
    const value = cast(raw);
    return value === CAST_FAILED || first(value) !== undefined ? CELL_FAILED : value;
  };
}

export interface CellParts {
  cast: (raw: unknown) => unknown;
  parseText: (text: string) => unknown;
  constraints: CompiledConstraints;
  /** The field's only missing value is `""` (the default): a text cell is missing when empty, no lookup. */
  missingIsEmpty: boolean;
  /** `parseText` returns its text unchanged (a string without format or categories, `any`): no call to it. */
  textIsValue: boolean;
}

/**
 * `checkCell` specialised for text cells (CSV, every cell of a million-row table): as few calls
 * per cell as the field allows, down to none for an unconstrained text field. Other cells, and
 * fields with other missing values, take `checkCellOf`'s way.
 */
export function fastCheckCell(parts: CellParts): (raw: unknown) => unknown {
  const general = checkCellOf(parts.cast, parts.constraints.first);
  if (!parts.missingIsEmpty) return general;
  const { passes } = parts.constraints;
  const missing = parts.constraints.required ? CELL_FAILED : null;
  if (parts.textIsValue) {
    if (passes === undefined) return (raw) => (typeof raw === "string" ? (raw === "" ? missing : raw) : general(raw));
    return (raw) => (typeof raw === "string" ? (raw === "" ? missing : passes(raw) ? raw : CELL_FAILED) : general(raw));
  }
  const parseText = parts.parseText;
  return (raw) => {
    if (typeof raw !== "string") return general(raw);
    if (raw === "") return missing;
    const value = parseText(raw);
    if (value === CAST_FAILED) return CELL_FAILED;
    // A text that parses to null (JSON `null` in an object field) is missing too.
    if (value === null) return missing;
    return passes === undefined || passes(value) ? value : CELL_FAILED;
  };
}
