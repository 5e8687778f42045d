import type { Field } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { CAST_FAILED } from "./types.ts";

/** boolean with trueValues/falseValues (French schemas add `oui`/`non`, `vrai`/`faux`). */

export const DEFAULT_TRUE: readonly string[] = ["true", "True", "TRUE", "1"];
export const DEFAULT_FALSE: readonly string[] = ["false", "False", "FALSE", "0"];

function valueList(field: Field, key: "trueValues" | "falseValues", fallback: readonly string[]): readonly string[] {
  const list = field[key];
  if (list === undefined) return fallback;
  if (!Array.isArray(list) || list.some((v) => typeof v !== "string")) {
    throw new FieldDefinitionError(`"${key}" must be an array of strings, e.g. ["oui", "Oui"]`, `/${key}`);
  }
  return list;
}

export function booleanCodec(field: Field): Codec {
  const trueList = valueList(field, "trueValues", DEFAULT_TRUE);
  const falseList = valueList(field, "falseValues", DEFAULT_FALSE);
  const both = trueList.find((v) => falseList.includes(v));
  if (both !== undefined) throw new FieldDefinitionError(`"${both}" is in both "trueValues" and "falseValues"`, "/falseValues");
  const trueValues = new Set(trueList);
  const falseValues = new Set(falseList);
  const parseText = (text: string): unknown => (trueValues.has(text) ? true : falseValues.has(text) ? false : CAST_FAILED);
  // Written text must read back: `true`/`false` when declared, else the first declared value.
  const trueText = trueValues.has("true") ? "true" : (trueList[0] ?? "true");
  const falseText = falseValues.has("false") ? "false" : (falseList[0] ?? "false");
  return {
    parseText,
    parseValue: (value) => (typeof value === "boolean" ? value : typeof value === "number" ? parseText(String(value)) : CAST_FAILED),
    write: (value) => (value ? trueText : falseText),
  };
}
