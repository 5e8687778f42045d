import type { Mapping } from "../declaration/types.ts";

/** Where one row of a table came from: the source the team edits, its row, and how it was mapped. */
export interface RowOrigin {
  source: string;
  rowNumber: number;
  mapping: Readonly<Mapping>;
}

/**
 * The origin of every row of a table, four bytes a row: the rows of one input are appended
 * together, so a row needs only its source row number, and the inputs are kept as ranges.
 * A million rows cost 4 MB here, not a million objects.
 */
export class RowOrigins {
  private rowNumbers = new Int32Array(1024);
  private readonly inputs: { start: number; source: string; mapping: Readonly<Mapping> }[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Rows added from now on come from this source, read with this mapping. */
  startInput(source: string, mapping: Readonly<Mapping>): void {
    this.inputs.push({ start: this.count, source, mapping });
  }

  add(rowNumber: number): void {
    if (this.count === this.rowNumbers.length) {
      const grown = new Int32Array(this.rowNumbers.length * 2);
      grown.set(this.rowNumbers);
      this.rowNumbers = grown;
    }
    this.rowNumbers[this.count++] = rowNumber;
  }

  /** The origin of the row at `index` (0 for the first data row), if there is such a row. */
  at(index: number): RowOrigin | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    let input = this.inputs.length - 1;
    while (input > 0 && this.inputs[input]!.start > index) input--;
    const { source, mapping } = this.inputs[input]!;
    return { source, rowNumber: this.rowNumbers[index]!, mapping };
  }
}
