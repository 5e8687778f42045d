import { checkCellOf } from "./check-cell.ts";
import { CAST_FAILED, type CompiledField, type ConstraintFailure } from "./types.ts";

/**
 * An `array` field with `arrayItem` (frictionless-py's extension, used by most French array
 * fields): every item is read as a field of its own. As frictionless-py's array reader:
 * - the items are read only when the array's own constraints (minLength, maxLength, enum...)
 *   pass: otherwise those are the cell's only errors;
 * - an item of the wrong type makes the cell a `type-error` noted `array item type is "…"`;
 * - an item that breaks one of the item's constraints is a `constraint-error` noted
 *   `array item constraint "enum" is "['a', 'b']"`, one per constraint name however many items
 *   break it; a cell may have both (the type error first).
 * `list` is the array field compiled without its items, `item` the item field.
 */

interface ItemReading {
  values: unknown[];
  typeFailed: boolean;
  /** One failure per constraint name, in the order first met. */
  failures: ConstraintFailure[];
}

export function withArrayItems(list: CompiledField, item: CompiledField): CompiledField {
  const itemTypeNote = `array item ${item.typeNote}`;
  const prefixed = (failure: ConstraintFailure): ConstraintFailure => ({ constraint: failure.constraint, note: `array item ${failure.note}` });

  function addFailures(failures: ConstraintFailure[], value: unknown): void {
    if (item.checkConstraints(value) === undefined) return;
    for (const failure of item.constraintFailures(value)) {
      if (!failures.some((f) => f.constraint === failure.constraint)) failures.push(prefixed(failure));
    }
  }

  function readItems(items: readonly unknown[]): ItemReading {
    const values: unknown[] = [];
    const failures: ConstraintFailure[] = [];
    let typeFailed = false;
    for (const raw of items) {
      const value = item.cast(raw);
      if (value === CAST_FAILED) {
        typeFailed = true;
        values.push(null);
        continue;
      }
      addFailures(failures, value);
      values.push(value);
    }
    return { values, typeFailed, failures };
  }

  /** The parsed array whose items are to be read, or undefined when they are not (not an array, or its own constraints fail). */
  function itemsToRead(raw: unknown): unknown[] | undefined {
    const value = list.cast(raw);
    if (!Array.isArray(value) || list.checkConstraints(value) !== undefined) return undefined;
    return value;
  }

  /** Item constraint failures of an array whose items were cast already. */
  function itemFailures(values: readonly unknown[]): ConstraintFailure[] {
    const failures: ConstraintFailure[] = [];
    for (const value of values) addFailures(failures, value);
    return failures;
  }

  const compiled: CompiledField = {
    ...list,
    cast(raw) {
      const value = list.cast(raw);
      if (value === CAST_FAILED || value === null || list.checkConstraints(value) !== undefined) return value;
      const reading = readItems(value as unknown[]);
      return reading.typeFailed ? CAST_FAILED : reading.values;
    },
    checkCell: (raw) => checkCell(raw),
    // The array's own constraints see the items as cast here (frictionless-py compares its enum
    // with the items as written): the two differ only for an `enum` on an array of typed items.
    checkConstraints(value) {
      const own = list.checkConstraints(value);
      if (own !== undefined || !Array.isArray(value)) return own;
      return itemFailures(value)[0];
    },
    constraintFailures(value) {
      const own = list.constraintFailures(value);
      return own.length > 0 || !Array.isArray(value) ? own : itemFailures(value);
    },
    castFailure(raw) {
      const items = itemsToRead(raw);
      if (items === undefined) return { note: list.typeNote, constraints: [] };
      const reading = readItems(items);
      return { note: itemTypeNote, constraints: reading.failures };
    },
    typeErrorNote(raw) {
      return itemsToRead(raw) === undefined ? list.typeErrorNote(raw) : itemTypeNote;
    },
  };
  // The items' cast and constraints, not the list's alone.
  const checkCell = checkCellOf((raw) => compiled.cast(raw), (value) => compiled.checkConstraints(value));
  return compiled;
}
