import { compileBytePattern } from "./byte-pattern.ts";
import { type BytePlan, encodesAsItself, plan, PlanKind, UTF8 } from "./byte-plan.ts";
import { isLetter, isSchemeChar } from "./string.ts";
import type { CompiledField } from "./types.ts";

/**
 * Byte checks of text fields (string without categories, default or uri format; any): a cell
 * whose bytes show it clean is `CELL_TEXT`, its string made only if something reads it (see
 * `checkBytes` for what the bytes can tell).
 */

/** string.ts's uri test on a plain cell's bytes: a scheme, a colon, something, no white space. */
export function isUriBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || !isLetter(bytes[start] as number)) return false;
  let i = start + 1;
  while (i < end && isSchemeChar(bytes[i] as number)) i++;
  if (i >= end - 1 || bytes[i] !== 58) return false;
  // A plain cell's bytes are ASCII: of JavaScript's white space, only tab to carriage return and the space.
  for (i++; i < end; i++) {
    const c = bytes[i] as number;
    if (c <= 32 && (c === 32 || (c >= 9 && c <= 13))) return false;
  }
  return true;
}

/**
 * An enum's string members: a cell that is one of them, byte for byte, has the member's own
 * verdict, `checkCell` of it worked out once. Any other cell needs text (it fails, or it
 * matches a member given as a number).
 */
function enumPlan(field: CompiledField, empty: BytePlan["empty"], members: readonly unknown[]): BytePlan {
  const texts = members.filter((member): member is string => typeof member === "string" && encodesAsItself(member));
  const found = plan(PlanKind.MEMBERS, empty);
  found.members = texts.map((text) => UTF8.encode(text));
  found.verdicts = texts.map((text) => field.checkCell(text));
  return found;
}

export function textPlan(field: CompiledField, empty: BytePlan["empty"]): BytePlan | undefined {
  const { descriptor, format } = field;
  if (Array.isArray(descriptor.categories)) return undefined;
  const constraints = descriptor.constraints ?? {};
  if (Array.isArray(constraints.enum)) return enumPlan(field, empty, constraints.enum);
  const text = plan(PlanKind.TEXT, empty);
  if (field.type === "string" && format === "uri") text.uri = true;
  else if (field.type === "string" && format !== "default") return undefined;
  const { maxLength, minLength, pattern } = constraints;
  if (typeof maxLength === "number") text.maxBytes = maxLength;
  if (typeof minLength === "number") text.minChars = minLength;
  if (typeof pattern === "string") {
    text.pattern = compileBytePattern(pattern);
    if (text.pattern === undefined) return undefined;
  }
  text.plainOnly = text.uri || text.minChars > 0 || text.pattern !== undefined;
  return text;
}
