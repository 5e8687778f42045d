import type { Field, FieldType } from "../descriptor/types.ts";
import { type Codec, FieldDefinitionError } from "./codec.ts";
import { CAST_FAILED } from "./types.ts";

/** list (v2): delimited primitives, each read with its item type's default format. */

export const LIST_ITEM_TYPES: readonly FieldType[] = ["string", "integer", "boolean", "number", "datetime", "date", "time"];

export function listCodec(field: Field, itemCodecFor: (type: FieldType) => Codec): Codec {
  const delimiter = field.delimiter ?? ",";
  if (typeof delimiter !== "string" || delimiter.length === 0) throw new FieldDefinitionError('"delimiter" must be a non-empty string such as "," or ";"', "/delimiter");
  const itemType = field.itemType ?? "string";
  if (!LIST_ITEM_TYPES.includes(itemType)) {
    throw new FieldDefinitionError(`"itemType" "${String(itemType)}" is not allowed in a list: use one of ${LIST_ITEM_TYPES.join(", ")}`, "/itemType");
  }
  const item = itemCodecFor(itemType);
  const castItems = (items: readonly unknown[], fromText: boolean): unknown => {
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) {
      const raw = items[i];
      const value = fromText || typeof raw === "string" ? item.parseText(raw as string) : item.parseValue(raw);
      if (value === CAST_FAILED) return CAST_FAILED;
      out[i] = value;
    }
    return out;
  };
  return {
    parseText: (text) => castItems(text.split(delimiter), true),
    parseValue: (value) => (Array.isArray(value) ? castItems(value, false) : CAST_FAILED),
    write: (value) => (value as unknown[]).map((v) => item.write(v)).join(delimiter),
    length: (value) => (value as unknown[]).length,
  };
}
