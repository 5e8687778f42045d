import { isAscii, isUtf8 } from "node:buffer";
import { decodeWindows1252 } from "./windows-1252.ts";

/**
 * Bytes → text, strictly. UTF-8 (the default) is validated over the whole
 * stream, so a windows-1252 file that was not declared fails at its first bad byte instead of
 * yielding wrong text; a declared encoding is decoded as declared. A UTF-8 BOM is dropped.
 */

/** Thrown by `decodeText` at the first byte that is not valid in the encoding. */
export class DecodeFailure extends Error {
  readonly code = "encoding-error";
  /** Offset of the bad byte from the start of the source. */
  readonly byteOffset: number;
  /** The text decoded before the bad byte that was not yielded yet. */
  readonly validText: string;
  /** Bytes around the bad one (a copy), to tell which encoding they are in. */
  readonly sample: Uint8Array;
  /** Where the bad byte is in `sample`. */
  readonly sampleAt: number;
  constructor(byteOffset: number, validText: string, bytes: Uint8Array = new Uint8Array(0), at = 0) {
    super(`invalid byte at offset ${byteOffset}`);
    this.name = "DecodeFailure";
    this.byteOffset = byteOffset;
    this.validText = validText;
    const start = Math.max(0, at - SAMPLE_BEFORE);
    this.sample = bytes.slice(start, at + SAMPLE_AFTER);
    this.sampleAt = at - start;
  }
}

/** Bytes kept before and after a bad byte: the same however the stream was cut, and what the parallel reader reads again. */
export const SAMPLE_BEFORE = 64;
export const SAMPLE_AFTER = 1024;

/**
 * The WHATWG name of an encoding label (`latin1` → `windows-1252`), or undefined when unknown.
 * Python's codec names are read too, as frictionless-py users write them (`utf_8`, `utf-8-sig`, `latin-1`).
 */
export function encodingName(label: string | undefined): string | undefined {
  const python = (label ?? "utf-8").trim().toLowerCase().replace(/_/g, "-");
  try {
    return new TextDecoder(python === "utf-8-sig" ? "utf-8" : python === "latin-1" ? "latin1" : python).encoding;
  } catch {
    return undefined;
  }
}

export async function* decodeText(chunks: AsyncIterable<Uint8Array>, encoding = "utf-8"): AsyncGenerator<string> {
  if (ASCII_LABELS.has(encoding.trim().toLowerCase().replace(/_/g, "-"))) {
    yield* decodeAscii(chunks);
    return;
  }
  if (encodingName(encoding) === "utf-8") {
    yield* decodeUtf8(chunks);
    return;
  }
  if (encodingName(encoding) === "windows-1252") {
    for await (const chunk of chunks) {
      const text = decodeWindows1252(chunk);
      if (text !== "") yield text;
    }
    return;
  }
  const decoder = new TextDecoder(encodingName(encoding));
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== "") yield text;
  }
  const last = decoder.decode();
  if (last !== "") yield last;
}

/** Python's names of ASCII. WHATWG maps them to windows-1252, which would let any byte through. */
const ASCII_LABELS = new Set(["ascii", "us-ascii", "646", "ansi-x3.4-1968"]);

async function* decodeAscii(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let offset = 0;
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!isAscii(buffer)) {
      const bad = buffer.findIndex((byte) => byte >= 0x80);
      throw new DecodeFailure(offset + bad, buffer.toString("latin1", 0, bad), buffer, bad);
    }
    offset += chunk.byteLength;
    if (chunk.byteLength > 0) yield buffer.toString("latin1");
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const bytes of utf8Pieces(chunks)) yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * UTF-8 bytes, validated as `decodeText` validates them, without decoding them: the pieces are
 * the chunks cut at their last complete character (a BOM at the start dropped, empty pieces
 * skipped), and a bad byte throws the `DecodeFailure` that decoding would throw (same offset,
 * same sample). For readers that read the bytes themselves (the validator's spans).
 */
export async function* utf8Pieces(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  // Each chunk is cut at its last complete character and validated (simdutf, fast), to be
  // decoded by Buffer (much faster than a fatal TextDecoder): when validation fails we know
  // exactly which bytes were being decoded and where they start.
  let carry: Uint8Array = new Uint8Array(0);
  let offset = 0;
  let first = true;
  let previous: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    let bytes = carry.length === 0 ? chunk : concat(carry, chunk);
    let start = 0;
    if (first && bytes.length < 3 && isBomPrefix(bytes)) {
      carry = bytes;
      continue;
    }
    if (first) {
      first = false;
      if (startsWithBom(bytes, 0)) start = 3;
    }
    const cut = completeLength(bytes);
    carry = bytes.subarray(cut);
    bytes = bytes.subarray(start, cut);
    validOrFail(bytes, offset + start, previous);
    offset += start + bytes.length;
    previous = bytes.subarray(Math.max(0, bytes.length - SAMPLE_BEFORE));
    if (bytes.length > 0) yield bytes;
  }
  if (carry.length > 0) {
    // Bytes left over at the end are an incomplete character.
    const valid = Math.max(0, firstInvalidUtf8(carry));
    throw new DecodeFailure(offset + valid, "", concat(previous, carry), previous.length + valid);
  }
}

/** `before`: the bytes validated just before these, kept for the failure's sample. */
function validOrFail(bytes: Uint8Array, offset: number, before: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return;
  const bad = firstInvalidUtf8(bytes);
  const at = bad === -1 ? bytes.length : bad;
  const near = bytes.subarray(0, at + SAMPLE_AFTER);
  throw new DecodeFailure(offset + at, buffer.toString("utf8", 0, at), at >= SAMPLE_BEFORE ? near : concat(before, near), at >= SAMPLE_BEFORE ? at : before.length + at);
}

/** Whether the UTF-8 byte order mark (EF BB BF) starts at `at`. */
export function startsWithBom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

function isBomPrefix(bytes: Uint8Array): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  return bytes.every((b, k) => b === bom[k]);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte character. */
function completeLength(bytes: Uint8Array): number {
  const len = bytes.length;
  for (let k = 1; k <= 4 && k <= len; k++) {
    const b = bytes[len - k] as number;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? len - k : len;
  }
  return len;
}

/** Index of the first byte starting an invalid or incomplete UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const len = bytes.length;
  let i = 0;
  while (i < len) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
