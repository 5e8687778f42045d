import { hash } from "node:crypto";

/**
 * The previous version's rows as (key hash → row hash, row index), in typed arrays: what the
 * diff needs of a million rows in about 40 MB that the garbage collector never walks, where a
 * Map of key texts to hash texts took some 300 MB of heap and, through the collector's
 * headroom, more of RSS.
 *
 * A key is known by 64 bits of its SHA-1 (two different keys taken for one: about n² / 2^65,
 * 3e-8 for a million rows, the chance the validation's key sets also take); a row by 96 bits
 * of the SHA-1 of its cells, as before. Each slot holds [keyA, keyB, rowA, rowB, rowC, index]:
 * index is the row's 1-based position in the previous file, negated once a new row matched it.
 */
const SLOT = 6;

export class RowHashTable {
  private slots = new Int32Array(1024 * SLOT);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the previous file's row `index` (1-based, in file order); false when its key is already there. */
  add(key: string, rowHash: Buffer, index: number): boolean {
    const [a, b] = keyHash(key);
    const at = this.find(a, b);
    if (this.slots[at + 5] !== 0) return false;
    this.slots.set([a, b, rowHash.readInt32LE(0), rowHash.readInt32LE(4), rowHash.readInt32LE(8), index], at);
    if (++this.count > this.mask * 0.7) this.resize((this.mask + 1) * 2);
    return true;
  }

  /**
   * Marks the previous row of this key as matched and tells whether its cells are the same;
   * undefined when no previous row has this key or one was matched already.
   */
  match(key: string, rowHash: Buffer): { same: boolean; index: number } | undefined {
    const [a, b] = keyHash(key);
    const at = this.find(a, b);
    const index = this.slots[at + 5] as number;
    if (index <= 0) return undefined;
    this.slots[at + 5] = -index;
    const s = this.slots;
    return { same: s[at + 2] === rowHash.readInt32LE(0) && s[at + 3] === rowHash.readInt32LE(4) && s[at + 4] === rowHash.readInt32LE(8), index };
  }

  /** The previous rows no new row matched: how many, and the positions of the first `limit` of them in file order. */
  unmatched(limit: number): { count: number; first: number[] } {
    const indices: number[] = [];
    let count = 0;
    for (let at = 5; at < this.slots.length; at += SLOT) {
      const index = this.slots[at] as number;
      if (index <= 0) continue;
      count++;
      insertBounded(indices, index, limit);
    }
    return { count, first: indices };
  }

  private find(a: number, b: number): number {
    const slots = this.slots;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = i * SLOT;
      if (slots[at + 5] === 0 || (slots[at] === a && slots[at + 1] === b)) return at;
      i = (i + 1) & this.mask;
    }
  }

  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size * SLOT);
    this.mask = size - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 5] === 0) continue;
      this.slots.set(old.subarray(at, at + SLOT), this.find(old[at] as number, old[at + 1] as number));
    }
  }
}

/** 96 bits of the SHA-1 of `text`: how a row's cells are compared. */
export function rowDigest(text: string): Buffer {
  return hash("sha1", text, "buffer").subarray(0, 12);
}

function keyHash(key: string): [number, number] {
  const digest = hash("sha1", key, "buffer");
  return [digest.readInt32LE(0), digest.readInt32LE(4)];
}

/** Keeps `sorted` the `limit` smallest values seen, ascending. */
function insertBounded(sorted: number[], value: number, limit: number): void {
  if (limit <= 0 || (sorted.length === limit && value >= sorted[limit - 1]!)) return;
  let i = sorted.length;
  while (i > 0 && sorted[i - 1]! > value) i--;
  sorted.splice(i, 0, value);
  if (sorted.length > limit) sorted.pop();
}
