import { describeThrown } from "../../../frictionless/index.ts";
import { ExtractError, type SourceRecord } from "../../types.ts";

/**
 * The records of a JSON answer: the array found at `recordsPath` (dotted, e.g. `data.items`),
 * or the answer itself. Each item must be an object; an answer of another shape is a
 * `malformed` error that shows what was found instead, so the declaration can be fixed.
 */
export function jsonRecords(bytes: Uint8Array, recordsPath: string | undefined, source: string): SourceRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (error) {
    throw new ExtractError({ code: "malformed", source, message: `${source}: the answer is not valid JSON (${describeThrown(error).message})`, hint: "open the URL to see what it returns, or declare its format", cause: error });
  }
  const path = recordsPath === undefined ? [] : recordsPath.split(".");
  let walked = "$";
  for (const key of path) {
    const next = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    if (next === undefined) {
      const keys = value !== null && typeof value === "object" ? Object.keys(value).slice(0, 10).join(", ") : typeof value;
      throw new ExtractError({ code: "malformed", source, message: `${source}: no "${key}" under ${walked} in the answer (found: ${keys})`, hint: "fix recordsPath in the source declaration" });
    }
    value = next;
    walked += `.${key}`;
  }
  if (!Array.isArray(value)) {
    throw new ExtractError({ code: "malformed", source, message: `${source}: ${walked} is ${value === null ? "null" : typeof value}, not an array of records`, hint: "point recordsPath at the array of records, e.g. recordsPath: data.items" });
  }
  return value.map((item, index) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new ExtractError({ code: "malformed", source, message: `${source}: ${walked}[${index}] is not an object`, hint: "the http connector reads arrays of objects; use the file connector for arrays of arrays" });
    }
    return item as SourceRecord;
  });
}
