import type { CompiledField } from "../field/index.ts";

/**
 * Keys for unique, primary-key, unique-key and foreign-key checks: the canonical text of
 * each value (`CompiledField.write`), so that `01` and `1` in an integer field are one key.
 * They are kept as hashes in `KeyHashSet`s: memory grows with the distinct keys, not the file.
 */
export type KeyBuilder = (values: readonly unknown[]) => string | null;

/**
 * A key over `fields`, read from logical row values indexed by field position. Null when any
 * part is null (unique keys skip such rows), or with `keepNulls` only when every part is null
 * (a primary key compares partly empty keys, as frictionless-py does).
 */
export function keyBuilder(fields: readonly CompiledField[], keepNulls = false): KeyBuilder {
  if (fields.length === 1) {
    const field = fields[0] as CompiledField;
    const at = field.index;
    return (values) => {
      const value = values[at];
      return value === null || value === undefined ? null : field.write(value);
    };
  }
  const parts = fields.map((field) => ({ at: field.index, write: field.write }));
  return (values) => {
    const texts: (string | null)[] = [];
    let nulls = 0;
    for (const { at, write } of parts) {
      const value = values[at];
      if (value === null || value === undefined) {
        if (!keepNulls) return null;
        nulls++;
        texts.push(null);
      } else texts.push(write(value));
    }
    return nulls === parts.length ? null : JSON.stringify(texts);
  };
}

/**
 * Whether keys of these field types can ever be equal. Keys are compared as text here, but
 * frictionless-py compares them as values: 1 never equals "1", while 1 equals 1.0. So an
 * integer foreign key into a string key matches nothing; into a number key it matches.
 */
export function keyTypesMatch(referencing: readonly (string | undefined)[], referenced: readonly (string | undefined)[]): boolean {
  const kind = (type: string | undefined): string => (type === "integer" || type === "number" ? "number" : (type ?? "any"));
  return referencing.every((type, k) => kind(type) === kind(referenced[k]));
}

/** The texts of a composite key, for error notes (`values "1, 2"`). */
export function keyTexts(key: string, size: number): string[] {
  return size === 1 ? [key] : (JSON.parse(key) as (string | null)[]).map((text) => text ?? "");
}

/**
 * A flat copy of `text`. Cells are slices of the chunk they were read from, and a slice kept in
 * a Set would pin that whole chunk in memory: a million keys would pin the whole file.
 */
export function ownString(text: string): string {
  return (" " + text).slice(1);
}
