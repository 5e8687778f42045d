/**
 * The set of keys seen by unique, primary-key, unique-key and foreign-key checks, stored as
 * 64-bit hashes of their canonical text (two independent 32-bit hashes) in a typed-array
 * open-addressing table, with the row where each key last appeared.
 *
 * Why not a Set of strings: a million string keys cost ~60 MB and, being JS objects, are
 * traced by every major garbage collection (measured: 2 s of CPU on the 1M-row bench, more
 * than the whole parse). Here a key costs 12 bytes per slot (at most 70% of slots are used)
 * and nothing for the collector. Hashes and row numbers are in separate arrays so that
 * probing touches 8 bytes per slot: lookups are cache misses, fewer bytes is fewer misses.
 * The price is a collision chance: for n keys, about n² / 2^65 (3e-8 for a million keys,
 * 3e-6 for ten million) that two different keys count as equal.
 */
export class KeyHashSet {
  /** Pairs [hashA, hashB]; hashA = hashB = 0 marks an empty slot. */
  private hashes: Uint32Array;
  /** Row number of each slot's key. */
  private rows: Uint32Array;
  private mask: number;
  private count = 0;

  constructor() {
    this.hashes = new Uint32Array(2048);
    this.rows = new Uint32Array(1024);
    this.mask = 1023;
  }

  get size(): number {
    return this.count;
  }

  /** Records `key` at `rowNumber`; returns the row it was last recorded at, or 0 when new. */
  put(key: string, rowNumber: number): number {
    hash(key);
    const slot = this.find(hashA, hashB);
    const previous = this.rows[slot] as number;
    if (previous !== 0) {
      this.rows[slot] = rowNumber;
      return previous;
    }
    this.hashes[slot * 2] = hashA;
    this.hashes[slot * 2 + 1] = hashB;
    this.rows[slot] = rowNumber;
    if (++this.count > this.mask * 0.7) this.grow();
    return 0;
  }

  /** Row number where `key` was last recorded, or 0 when it is absent. */
  get(key: string): number {
    hash(key);
    return this.rows[this.find(hashA, hashB)] as number;
  }

  add(key: string): void {
    this.put(key, 1);
  }

  has(key: string): boolean {
    return this.get(key) !== 0;
  }

  /** Makes room for `count` keys at once: one resize instead of a dozen as the table fills. */
  reserve(count: number): void {
    while (count > (this.mask + 1) * 0.7) this.grow();
  }

  /** The slot holding (a, b), or the empty slot where it would go. */
  private find(a: number, b: number): number {
    const hashes = this.hashes;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const sa = hashes[i * 2] as number;
      const sb = hashes[i * 2 + 1] as number;
      if ((sa === a && sb === b) || (sa === 0 && sb === 0)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldRows = this.rows;
    const size = (this.mask + 1) * 2;
    this.hashes = new Uint32Array(size * 2);
    this.rows = new Uint32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < oldRows.length; k++) {
      const a = oldHashes[k * 2] as number;
      const b = oldHashes[k * 2 + 1] as number;
      if (a === 0 && b === 0) continue;
      const to = this.find(a, b);
      this.hashes[to * 2] = a;
      this.hashes[to * 2 + 1] = b;
      this.rows[to] = oldRows[k] as number;
    }
  }
}

// Results of `hash`, kept in module variables to return two numbers without allocating.
let hashA = 0;
let hashB = 0;

function hash(text: string): void {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x27d4eb2f ^ Math.imul(text.length, 0x165667b1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  hashA = fmix(a, 0x85ebca6b, 0xc2b2ae35) >>> 0;
  hashB = fmix(b, 0xcc9e2d51, 0x1b873593) >>> 0;
  if (hashA === 0 && hashB === 0) hashB = 1;
}

function fmix(h: number, m1: number, m2: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, m1);
  h ^= h >>> 13;
  h = Math.imul(h, m2);
  return h ^ (h >>> 16);
}
