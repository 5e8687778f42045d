/** Keys per slot at most: beyond, the table doubles. */
const MAX_LOAD = 0.75;
/** Slots are counted in steps of this many: the initial capacity. */
const SLOT_STEP = 1024;

/**
 * The set of keys seen by unique, primary-key, unique-key and foreign-key checks, stored as
 * 64-bit hashes of their canonical text (two independent 32-bit hashes) in a typed-array
 * open-addressing table, with the row where each key last appeared.
 *
 * Why not a Set of strings: a million string keys cost ~60 MB and, being JS objects, are
 * traced by every major garbage collection (measured: 2 s of CPU on the 1M-row bench, more
 * than the whole parse). Here a key costs 12 bytes per slot (at most 75% of slots are used)
 * and nothing for the collector. A slot's hashes and row number sit side by side: on a big
 * table every access is a cache miss, and a new key then costs one miss, not two.
 * The table has as many slots as its keys need, not the next power of two: each of its pages
 * costs a page fault when first touched (1M keys: 17.6 MB instead of 25.2 MB, 1,850 faults fewer).
 * The price is a collision chance: for n keys, about n² / 2^65 (3e-8 for a million keys,
 * 3e-6 for ten million) that two different keys count as equal.
 */
export class KeyHashSet {
  /** Triples [hashA, hashB, rowNumber]; hashA = hashB = 0 marks an empty slot. */
  private slots: Int32Array;
  private capacity: number;
  /** `capacity / 2^32`: a hash's home slot is its place in [0, 2^32) scaled to the table. */
  private scale: number;
  private count = 0;

  constructor() {
    this.capacity = SLOT_STEP;
    this.slots = new Int32Array(this.capacity * 3);
    this.scale = this.capacity / 2 ** 32;
  }

  get size(): number {
    return this.count;
  }

  /** Records `key` at `rowNumber`; returns the row it was last recorded at, or 0 when new. */
  put(key: string, rowNumber: number): number {
    hash(key);
    return this.putHash(hashA, hashB, rowNumber);
  }

  /** `put` for a key already hashed with `hashKey` (a worker thread hashed it). */
  putHash(a: number, b: number, rowNumber: number): number {
    const at = this.find(a, b);
    const slots = this.slots;
    const previous = slots[at + 2] as number;
    slots[at + 2] = rowNumber;
    if (previous !== 0) return previous;
    slots[at] = a;
    slots[at + 1] = b;
    if (++this.count > this.capacity * MAX_LOAD) this.resize(this.capacity * 2);
    return 0;
  }

  /** Row number where the key of this hash was last recorded, or 0 when it is absent. */
  getHash(a: number, b: number): number {
    return this.slots[this.find(a, b) + 2] as number;
  }

  add(key: string): void {
    this.put(key, 1);
  }

  /**
   * Reads the slot where the search for (a, b) starts, and returns what it read. Called for
   * many keys ahead of their lookups, it lets the processor fetch their cache lines all at
   * once instead of one miss after another: on a big table, most of a lookup's cost.
   */
  peek(a: number, b: number): number {
    return this.slots[this.home(a, b) * 3] as number;
  }

  /** Makes room for `count` keys at once: one resize instead of a dozen as the table fills. */
  reserve(count: number): void {
    const size = Math.ceil(count / MAX_LOAD / SLOT_STEP) * SLOT_STEP;
    if (size > this.capacity) this.resize(size);
  }

  /**
   * The slot where the search for (a, b) starts: the mixed hash, read as a fraction of 2^32,
   * times the capacity (exact enough in a double, and always below the capacity).
   */
  private home(a: number, b: number): number {
    return Math.floor(((a ^ Math.imul(b, 0x9e3779b1)) >>> 0) * this.scale);
  }

  /** Index of the slot holding (a, b), or of the empty slot where it would go. */
  private find(a: number, b: number): number {
    const slots = this.slots;
    let i = this.home(a, b);
    for (;;) {
      const at = i * 3;
      const sa = slots[at] as number;
      const sb = slots[at + 1] as number;
      if ((sa === a && sb === b) || (sa === 0 && sb === 0)) return at;
      if (++i === this.capacity) i = 0;
    }
  }

  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size * 3);
    this.capacity = size;
    this.scale = size / 2 ** 32;
    for (let at = 0; at < old.length; at += 3) {
      const a = old[at] as number;
      const b = old[at + 1] as number;
      if (a === 0 && b === 0) continue;
      const to = this.find(a, b);
      this.slots[to] = a;
      this.slots[to + 1] = b;
      this.slots[to + 2] = old[at + 2] as number;
    }
  }
}

// Results of `hash`, kept in module variables to return two numbers without allocating.
let hashA = 0;
let hashB = 0;

/**
 * Writes the 64-bit hash of `key` as two 32-bit words at `out[at]`, `out[at + 1]`; a null key
 * is written as 0, 0, which no key hashes to. Lets the costly part, hashing the text, run
 * where the row is read (a worker thread), and only `putHash`/`getHash` where the set lives.
 */
export function hashKey(key: string | null, out: Int32Array, at: number): void {
  if (key === null) {
    out[at] = 0;
    out[at + 1] = 0;
    return;
  }
  hash(key);
  out[at] = hashA;
  out[at + 1] = hashB;
}

/**
 * `hashKey` of the text that ASCII bytes `start`..`end` spell, read on the bytes: a character's
 * code is its byte, so the hash is the string's, and no string is made (a key cell read as spans).
 */
export function hashAsciiKey(bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number): void {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x27d4eb2f ^ Math.imul(end - start, 0x165667b1);
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  finish(a, b);
  out[at] = hashA;
  out[at + 1] = hashB;
}

function hash(text: string): void {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x27d4eb2f ^ Math.imul(text.length, 0x165667b1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  finish(a, b);
}

function finish(a: number, b: number): void {
  hashA = fmix(a, 0x85ebca6b, 0xc2b2ae35) | 0;
  hashB = fmix(b, 0xcc9e2d51, 0x1b873593) | 0;
  if (hashA === 0 && hashB === 0) hashB = 1;
}

function fmix(h: number, m1: number, m2: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, m1);
  h ^= h >>> 13;
  h = Math.imul(h, m2);
  return h ^ (h >>> 16);
}
