import { quotedList, quotedText, type ErrorProps } from "../errors/index.ts";
import type { CompiledField, CompiledSchema } from "../field/index.ts";
import { hashKey, KeyHashSet } from "./key-hash-set.ts";
import { keyBuilder, keyTexts, ownString, type KeyBuilder } from "./key-set.ts";

/** A foreign key of a table, its fields known to exist: plain data, that a worker thread can receive. */
export interface ForeignKeyShape {
  fieldNames: string[];
  /** `""` for a reference to the table itself. */
  referenceName: string;
  referenceFieldNames: string[];
}

/** A foreign key resolved for one table: where its referenced keys are. */
export interface ForeignKeyCheck extends ForeignKeyShape {
  /** Keys of the referenced resource (the table itself for a self-reference), read beforehand. */
  index: KeyHashSet;
}

interface ForeignKeyMemory extends ForeignKeyCheck {
  build: KeyBuilder;
}

/** A key check that failed on a row; `keyErrorProps` turns it into an error once the row's cells are at hand. */
export type KeyFinding =
  | { check: "unique"; index: number; rowNumber: number; first: number }
  /** `first` is -1 when the key is entirely null. */
  | { check: "primary-key"; rowNumber: number; first: number }
  | { check: "unique-key"; index: number; rowNumber: number; first: number }
  | { check: "foreign-key"; index: number; rowNumber: number };

/**
 * Where a row was read as spans: hashes the text of field `field`'s cell, which its value
 * stands for (`CELL_TEXT`), without making its string.
 */
export interface KeyTexts {
  hashText(field: number, out: Int32Array, at: number): void;
}

interface KeyMemory {
  build: KeyBuilder;
  fields: CompiledField[];
  /** Keys with the row number of their last occurrence. */
  seen: KeyHashSet;
}

/**
 * Key sets are sized up front for at most this many rows (14.7 million slots, 176 MB each);
 * beyond, they grow. Growing from a smaller table would hold the old one and the new one at
 * once: 10 million keys then peaked at 300 MB instead of 201 MB (with the tables of then).
 */
const MAX_RESERVED_ROWS = 11_000_000;

/** The error type a finding reports. */
export function findingType(finding: KeyFinding): "unique-error" | "primary-key" | "foreign-key" {
  return finding.check === "unique" || finding.check === "unique-key" ? "unique-error" : finding.check;
}

/**
 * The checks that span rows: unique fields, primary key, unique keys and foreign keys. They
 * work on 64-bit hashes of the keys' canonical text, in two steps: `hashRow` (the costly part,
 * run wherever the row is read, possibly a worker thread) and `checkRow` (the key sets, run
 * once per table in row order). Findings carry row numbers only; the caller builds the error
 * from the row's cells, at once or, when the row was read elsewhere, after reading it again.
 */
export class KeyChecks {
  private readonly primaryKey: KeyMemory | undefined;
  /** A unique field that is the whole primary key shares its key set (ids are usually both). */
  private readonly uniques: (KeyMemory & { shared: boolean })[];
  private readonly uniqueKeys: KeyMemory[];
  /** Number of hashed keys per row (two words each): primary key, unique fields, unique keys, foreign keys. */
  readonly width: number;
  private readonly builders: KeyBuilder[];
  /** The key set each hashed key goes to, in `hashRow`'s order. */
  private readonly sets: KeyHashSet[];
  /**
   * Positions of the fields whose values the hashed keys read as strings: `hashRow` needs them as
   * values, not stand-ins. A string field that is a key on its own (and part of no other key) is
   * not among them: its stand-in is hashed where the row was read (`KeyTexts`).
   */
  readonly keyFields: readonly number[];
  /** Per hashed key, its field when `KeyTexts` may hash it (a string field, a key on its own), else -1. */
  private readonly textFields: Int32Array;
  /** What `prefetch` read, kept so that the reads are not optimised away. */
  private sink = 0;
  private readonly foreignKeys: ForeignKeyMemory[];

  constructor(
    compiled: CompiledSchema,
    private readonly columns: ArrayLike<number>,
    foreignKeys: ForeignKeyCheck[],
  ) {
    const pick = (names: readonly string[]): CompiledField[] => names.map((name) => compiled.field(name)).filter((f): f is CompiledField => f !== undefined);
    // As frictionless-py: only a foreign key whose every part is empty references nothing.
    this.foreignKeys = foreignKeys.map((fk) => ({ ...fk, build: keyBuilder(pick(fk.fieldNames), true) }));
    // As frictionless-py: a key with a field the data lacks (fieldsMatch by name) is not checked; the header reports it.
    const inData = (fields: CompiledField[]): boolean => fields.every((field) => (columns[field.index] as number) >= 0);
    const pk = compiled.schema.primaryKey?.length ? pick(compiled.schema.primaryKey) : [];
    this.primaryKey = pk.length > 0 && inData(pk) ? { build: keyBuilder(pk, true), fields: pk, seen: new KeyHashSet() } : undefined;
    this.uniques = compiled.fields
      .filter((field) => field.descriptor.constraints?.unique === true && inData([field]))
      .map((field) => {
        const shared = pk.length === 1 && pk[0] === field ? this.primaryKey : undefined;
        return { build: keyBuilder([field]), fields: [field], seen: shared?.seen ?? new KeyHashSet(), shared: shared !== undefined };
      });
    this.uniqueKeys = (compiled.schema.uniqueKeys ?? []).map((names) => {
      const fields = pick(names);
      return { build: keyBuilder(fields), fields, seen: new KeyHashSet() };
    });
    // The keys hashed per row, in `hashRow`'s order, each with the set it goes to and its fields.
    type Hashed = [KeyBuilder, KeyHashSet, CompiledField[]];
    const hashed: Hashed[] = [
      ...(this.primaryKey ? [this.primaryKey] : []).map((pk): Hashed => [pk.build, pk.seen, pk.fields]),
      ...this.uniques.filter((unique) => !unique.shared).map((unique): Hashed => [unique.build, unique.seen, unique.fields]),
      ...this.uniqueKeys.map((uniqueKey): Hashed => [uniqueKey.build, uniqueKey.seen, uniqueKey.fields]),
      ...this.foreignKeys.map((fk): Hashed => [fk.build, fk.index, pick(fk.fieldNames)]),
    ];
    const inCompound = new Set(hashed.flatMap(([, , fields]) => (fields.length > 1 ? fields.map((field) => field.index) : [])));
    this.textFields = Int32Array.from(hashed, ([, , fields]) => {
      const field = fields[0];
      return fields.length === 1 && field !== undefined && field.type === "string" && !inCompound.has(field.index) ? field.index : -1;
    });
    const byText = new Set(this.textFields);
    const keyed = [this.primaryKey?.fields ?? [], ...this.uniques.map((unique) => unique.fields), ...this.uniqueKeys.map((uniqueKey) => uniqueKey.fields), ...foreignKeys.map((fk) => pick(fk.fieldNames))];
    this.keyFields = [...new Set(keyed.flat().map((field) => field.index))].filter((index) => !byText.has(index));
    this.builders = hashed.map(([build]) => build);
    this.sets = hashed.map(([, set]) => set);
    this.width = hashed.length;
  }

  /** Touches the key-set slots of `rows` rows of hashes from `at` (see `KeyHashSet.peek`); `checkRow` then finds them in cache. */
  prefetch(hashes: Int32Array, at: number, rows: number): void {
    const sets = this.sets;
    const end = at + rows * 2 * sets.length;
    let sink = 0;
    for (let slot = at; slot < end; ) {
      for (let k = 0; k < sets.length; k++, slot += 2) sink ^= (sets[k] as KeyHashSet).peek(hashes[slot] as number, hashes[slot + 1] as number);
    }
    this.sink ^= sink;
  }

  /**
   * Writes the row's key hashes (2 × `width` words) at `out[at]`. A row read as spans gives
   * `texts`, to hash the key fields whose values stand for their text (not in `keyFields`).
   */
  hashRow(values: readonly unknown[], out: Int32Array, at: number, texts?: KeyTexts): void {
    const builders = this.builders;
    for (let k = 0; k < builders.length; k++) {
      const field = this.textFields[k] as number;
      if (field >= 0 && typeof values[field] === "symbol") (texts as KeyTexts).hashText(field, out, at + 2 * k);
      else hashKey((builders[k] as KeyBuilder)(values), out, at + 2 * k);
    }
  }

  /**
   * Checks one row's hashed keys (as written by `hashRow`), in frictionless-py's order: unique
   * fields, primary key, unique keys, foreign keys. Rows must come in table order.
   */
  checkRow(hashes: Int32Array, at: number, rowNumber: number, found: (finding: KeyFinding) => void): void {
    let slot = at;
    let pkFirst = 0;
    if (this.primaryKey) {
      pkFirst = isNull(hashes, slot) ? -1 : this.primaryKey.seen.putHash(hashes[slot] as number, hashes[slot + 1] as number, rowNumber);
      slot += 2;
    }
    for (let index = 0; index < this.uniques.length; index++) {
      const unique = this.uniques[index] as KeyMemory & { shared: boolean };
      let first: number;
      if (unique.shared) first = pkFirst > 0 ? pkFirst : 0;
      else {
        const a = slot;
        slot += 2;
        if (isNull(hashes, a)) continue;
        first = unique.seen.putHash(hashes[a] as number, hashes[a + 1] as number, rowNumber);
      }
      if (first !== 0) found({ check: "unique", index, rowNumber, first });
    }
    if (this.primaryKey && pkFirst !== 0) found({ check: "primary-key", rowNumber, first: pkFirst });
    for (let index = 0; index < this.uniqueKeys.length; index++, slot += 2) {
      if (isNull(hashes, slot)) continue;
      const first = (this.uniqueKeys[index] as KeyMemory).seen.putHash(hashes[slot] as number, hashes[slot + 1] as number, rowNumber);
      if (first !== 0) found({ check: "unique-key", index, rowNumber, first });
    }
    const fks = this.foreignKeys;
    for (let index = 0; index < fks.length; index++, slot += 2) {
      if (isNull(hashes, slot)) continue;
      if ((fks[index] as ForeignKeyMemory).index.getHash(hashes[slot] as number, hashes[slot + 1] as number) === 0) found({ check: "foreign-key", index, rowNumber });
    }
  }

  /**
   * Sizes the key sets for about `rows` rows (an estimate from the file size): one resize
   * instead of a dozen. Capped, as an estimate may be far off: beyond, the sets grow.
   */
  reserve(estimate: number): void {
    const rows = Math.min(estimate, MAX_RESERVED_ROWS);
    this.primaryKey?.seen.reserve(rows);
    for (const unique of this.uniques) if (!unique.shared) unique.seen.reserve(rows);
    for (const uniqueKey of this.uniqueKeys) uniqueKey.seen.reserve(rows);
  }

  /** The error a finding stands for, from the row's logical values and source cells. */
  keyError(finding: KeyFinding, values: readonly unknown[], cells: readonly unknown[]): [type: string, props: ErrorProps] {
    const { rowNumber } = finding;
    const texts = cellTexts(cells);
    switch (finding.check) {
      case "unique": {
        const field = (this.uniques[finding.index] as KeyMemory).fields[0] as CompiledField;
        return ["unique-error", { ...this.cellProps(field, rowNumber, cells, texts), note: `the same as in the row at position ${finding.first}` }];
      }
      case "primary-key": {
        const pk = this.primaryKey as KeyMemory;
        const note = finding.first === -1 ? 'cells composing the primary keys are all "None"' : `the same as in the row at position ${finding.first}`;
        return ["primary-key", { rowNumber, cells: texts, fieldNames: pk.fields.map((f) => f.name), note }];
      }
      case "unique-key": {
        const uniqueKey = this.uniqueKeys[finding.index] as KeyMemory;
        const names = uniqueKey.fields.map((f) => f.name);
        const key = uniqueKey.build(values) as string;
        return [
          "unique-error",
          {
            ...this.cellProps(uniqueKey.fields[0] as CompiledField, rowNumber, cells, texts),
            fieldNames: names,
            note: `values "${keyTexts(key, names.length).join(", ")}" of the unique key "${names.join(", ")}" are the same as in the row at position ${finding.first}`,
          },
        ];
      }
      case "foreign-key": {
        const fk = this.foreignKeys[finding.index] as ForeignKeyMemory;
        const fieldCells = keyTexts(fk.build(values) as string, fk.fieldNames.length);
        return [
          "foreign-key",
          {
            rowNumber,
            cells: texts,
            fieldNames: fk.fieldNames,
            fieldCells,
            referenceName: fk.referenceName,
            referenceFieldNames: fk.referenceFieldNames,
            note: `values "${fieldCells.join(", ")}" not found in the lookup table "${fk.referenceName}" as "${fk.referenceFieldNames.join(", ")}"`,
          },
        ];
      }
    }
  }

  private cellProps(field: CompiledField, rowNumber: number, cells: readonly unknown[], texts: string[]): ErrorProps {
    const column = this.columns[field.index] as number;
    return { rowNumber, fieldName: field.name, fieldNumber: column + 1, cell: cellText(cells[column]), cells: texts };
  }
}

function isNull(hashes: Int32Array, at: number): boolean {
  return hashes[at] === 0 && hashes[at + 1] === 0;
}

/** A cell as report text (bounded), copied so that an error does not pin the chunk it was read from. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return ownString(quotedText(cell));
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "object") return JSON.stringify(cell);
  return String(cell);
}

/** The row's cells as an error quotes them: the first `MAX_QUOTED_ITEMS`, each bounded. */
export function cellTexts(cells: readonly unknown[]): string[] {
  return quotedList(cells, cellText);
}
