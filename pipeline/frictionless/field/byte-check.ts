import { booleanPlan, datePlan, decimalPlan, isPlainDate, scanDecimal } from "./byte-scalars.ts";
import { matchesBytes } from "./byte-pattern.ts";
import { isUriBytes, textPlan } from "./byte-text.ts";
import { type BytePlan, CELL_TEXT, indexOfBytes, NEEDS_TEXT, plan, PlanKind } from "./byte-plan.ts";
import { isEmpty } from "./missing-values.ts";
import { CELL_FAILED, type CompiledField } from "./types.ts";
import { SpanFlag } from "../table/span-batch.ts";

export { CELL_TEXT, NEEDS_TEXT, type BytePlan } from "./byte-plan.ts";

const BY_TYPE: Partial<Record<string, (field: CompiledField, empty: BytePlan["empty"]) => BytePlan | undefined>> = {
  string: textPlan,
  any: textPlan,
  number: decimalPlan,
  integer: decimalPlan,
  boolean: booleanPlan,
  date: datePlan,
};

/**
 * Plans made, per field: a checker of chunks makes its span checks for each chunk (a 1M-row
 * table has hundreds), and a plan (pattern automata, members' verdicts) is the same each time.
 * Plans are never changed once made.
 */
const PLANS = new WeakMap<CompiledField, BytePlan>();

/** The byte check of `field` (see byte-plan.ts): specialised for the common types, text for every other cell. */
export function compileByteCheck(field: CompiledField): BytePlan {
  let made = PLANS.get(field);
  if (made === undefined) PLANS.set(field, (made = planOf(field)));
  return made;
}

function planOf(field: CompiledField): BytePlan {
  // Other missing values than `""` are compared as texts.
  if (field.isMissing !== isEmpty) return plan(PlanKind.BY_TEXT, NEEDS_TEXT);
  const empty = field.descriptor.constraints?.required === true ? CELL_FAILED : null;
  // An empty cell is missing whatever the field's type: most cells of an optional field are.
  return BY_TYPE[field.type]?.(field, empty) ?? plan(PlanKind.BY_TEXT, empty);
}

/**
 * A cell's bytes `bytes[start..end)` and its span flags → its logical value (number, boolean,
 * null, an enum's member), `CELL_TEXT`, `CELL_FAILED` (not clean) or `NEEDS_TEXT`.
 */
export function checkBytes(check: BytePlan, bytes: Uint8Array, start: number, end: number, flags: number): unknown {
  if (end === start) return check.empty;
  switch (check.kind) {
    case PlanKind.TEXT:
      return textVerdict(check, bytes, start, end, flags);
    case PlanKind.DECIMAL: {
      const value = scanDecimal(bytes, start, end, check.decimalCode);
      // Not `value === NEEDS_TEXT`: a number compared with a symbol is V8's generic StrictEqual.
      if (typeof value !== "number") return NEEDS_TEXT;
      // As the text parser: an integer's -0 is 0.
      const logical = check.integer && value === 0 ? 0 : value;
      if (logical < check.minimum || logical > check.maximum) return CELL_FAILED;
      return check.constraints === undefined || check.constraints(logical) === undefined ? logical : CELL_FAILED;
    }
    case PlanKind.DATE:
      return end - start === 10 && isPlainDate(bytes, start) ? CELL_TEXT : NEEDS_TEXT;
    case PlanKind.MEMBERS: {
      if (flags & SpanFlag.ESCAPED) return NEEDS_TEXT;
      const k = indexOfBytes(check.members, bytes, start, end);
      return k < 0 ? NEEDS_TEXT : check.verdicts[k];
    }
    default:
      return NEEDS_TEXT;
  }
}

/**
 * A UTF-8 text has at least as many bytes as characters, and a cell with doubled quotes more
 * bytes than its text: a byte count within `maxLength` is within it whatever the cell holds.
 * The other tests read bytes as characters, which only a plain cell allows. Any other cell,
 * and any cell that fails, needs text.
 */
function textVerdict(check: BytePlan, bytes: Uint8Array, start: number, end: number, flags: number): unknown {
  if (check.maxBytes >= 0 && end - start > check.maxBytes) return NEEDS_TEXT;
  if (!check.plainOnly) return CELL_TEXT;
  // Escaped or non-ASCII: the bytes are not the text's code units one for one.
  if (flags & (SpanFlag.ESCAPED | SpanFlag.NON_ASCII) || end - start < check.minChars) return NEEDS_TEXT;
  if (check.uri && !isUriBytes(bytes, start, end)) return NEEDS_TEXT;
  return check.pattern === undefined || matchesBytes(check.pattern, bytes, start, end) ? CELL_TEXT : NEEDS_TEXT;
}
