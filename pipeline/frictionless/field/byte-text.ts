import { SPAN_ESCAPED } from "../table/span-batch.ts";
import { type ByteCheck, CELL_TEXT, indexOfBytes, NEEDS_TEXT, NOT_PLAIN } from "./byte-verdict.ts";
import { compileBytePattern } from "./byte-pattern.ts";
import { isSpaceUnit } from "./string.ts";
import type { CompiledField } from "./types.ts";

/**
 * Byte checks of text fields (string without categories, default or uri format; any): a cell
 * whose bytes show it clean is `CELL_TEXT`, its string made only if something reads it. A
 * UTF-8 text has at least as many bytes as characters, and a cell with doubled quotes more
 * bytes than its text: a byte count within `maxLength` is within it whatever the cell holds.
 * The other tests read bytes as characters, which only a plain cell (ASCII, no doubled quote)
 * allows; any other cell, and any cell that fails, needs text.
 */

type Test = (bytes: Uint8Array, start: number, end: number, flags: number) => boolean;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSchemeChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/** string.ts's uri test on a plain cell's bytes: a scheme, a colon, something, no white space. */
function isUriBytes(bytes: Uint8Array, start: number, end: number, flags: number): boolean {
  if (flags & NOT_PLAIN || end - start < 3 || !isLetter(bytes[start] as number)) return false;
  let i = start + 1;
  while (i < end && isSchemeChar(bytes[i] as number)) i++;
  if (i >= end - 1 || bytes[i] !== 58) return false;
  for (i++; i < end; i++) if (isSpaceUnit(bytes[i] as number)) return false;
  return true;
}

function tests(field: CompiledField): Test[] | undefined {
  const { format, descriptor } = field;
  const constraints = descriptor.constraints ?? {};
  const found: Test[] = [];
  if (field.type === "string" && format === "uri") found.push(isUriBytes);
  else if (field.type === "string" && format !== "default") return undefined;
  const { maxLength, minLength, pattern } = constraints;
  if (typeof maxLength === "number") found.push((_bytes, start, end) => end - start <= maxLength);
  if (typeof minLength === "number") found.push((_bytes, start, end, flags) => (flags & NOT_PLAIN) === 0 && end - start >= minLength);
  if (typeof pattern === "string") {
    const matches = compileBytePattern(pattern);
    if (matches === undefined) return undefined;
    found.push((bytes, start, end, flags) => (flags & NOT_PLAIN) === 0 && matches(bytes, start, end));
  }
  return found;
}

/**
 * An enum's string members: a cell that is one of them, byte for byte, has the member's own
 * verdict, `checkCell` of it worked out once. Any other cell needs text (it fails, or it
 * matches a member given as a number).
 */
function enumCheck(field: CompiledField, members: readonly unknown[]): ByteCheck {
  const texts = members.filter((member): member is string => typeof member === "string");
  const encoder = new TextEncoder();
  const encoded = texts.map((text) => encoder.encode(text));
  const verdicts = texts.map((text) => field.checkCell(text));
  return (bytes, start, end, flags) => {
    if (flags & SPAN_ESCAPED) return NEEDS_TEXT;
    const k = indexOfBytes(encoded, bytes, start, end);
    return k < 0 ? NEEDS_TEXT : verdicts[k];
  };
}

export function byteText(field: CompiledField): ByteCheck | undefined {
  const { descriptor } = field;
  if (Array.isArray(descriptor.categories)) return undefined;
  const members = descriptor.constraints?.enum;
  if (Array.isArray(members)) return enumCheck(field, members);
  const found = tests(field);
  if (found === undefined) return undefined;
  if (found.length === 0) return () => CELL_TEXT;
  if (found.length === 1) {
    const only = found[0] as Test;
    return (bytes, start, end, flags) => (only(bytes, start, end, flags) ? CELL_TEXT : NEEDS_TEXT);
  }
  return (bytes, start, end, flags) => {
    for (let k = 0; k < found.length; k++) if (!(found[k] as Test)(bytes, start, end, flags)) return NEEDS_TEXT;
    return CELL_TEXT;
  };
}
