import { TextDecoder } from "node:util";
import { decodeWindows1252 } from "./windows-1252.ts";

/**
 * Which encoding bytes that are not UTF-8 most likely are, to say so in the `encoding-error` of
 * a file read as UTF-8 (we refuse to guess silently: a wrong guess gives wrong text). Only
 * encodings we can then read are named:
 * - `utf-16le` / `utf-16be`: a byte-order mark, or a zero byte in every other position;
 * - `macintosh` (Mac OS Roman), when the bytes read as lower-case accented letters inside words
 *   there and not in windows-1252 (`caf\x8E` is "café" on a Mac, "cafŽ" in windows-1252);
 * - `windows-1252` otherwise: what Excel and Windows programs write in France, a superset of
 *   ISO-8859-1's letters.
 * The excerpt is the bad byte's words read in that encoding, for the user to check the guess.
 */

export interface EncodingGuess {
  encoding: "utf-16le" | "utf-16be" | "windows-1252" | "macintosh";
  /** The text around the bad byte, read in `encoding` (empty for UTF-16). */
  excerpt: string;
}

const LETTER = /^\p{L}$/u;
const isLetter = (c: string | undefined): boolean => c !== undefined && LETTER.test(c);

function utf16(bytes: Uint8Array, fileOffset: number): EncodingGuess["encoding"] | undefined {
  if (fileOffset === 0 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (fileOffset === 0 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  let even = 0;
  let odd = 0;
  bytes.forEach((byte, k) => {
    if (byte !== 0) return;
    if ((fileOffset + k) % 2 === 0) even++;
    else odd++;
  });
  const pairs = bytes.length / 2;
  if (pairs >= 4 && odd >= pairs * 0.3 && odd > 4 * even) return "utf-16le";
  if (pairs >= 4 && even >= pairs * 0.3 && even > 4 * odd) return "utf-16be";
  return undefined;
}

/**
 * How much the non-ASCII characters of `text` look like letters of words: a letter next to a
 * letter scores (a lower-case one more), a symbol inside a word and a control character cost.
 */
function wordScore(text: string): number {
  const chars = Array.from(text);
  let score = 0;
  chars.forEach((c, k) => {
    if (c.charCodeAt(0) < 0x80) return;
    const before = chars[k - 1];
    const after = chars[k + 1];
    if (/[\u0080-\u009f\ufffd]/u.test(c)) score -= 3;
    else if (isLetter(c)) score += isLetter(before) || isLetter(after) ? (c === c.toUpperCase() ? 1 : 2) : 0;
    else if (isLetter(before) && isLetter(after)) score -= 1;
  });
  return score;
}

/** The line around `at`, at most 30 bytes each side. */
function around(bytes: Uint8Array, at: number): Uint8Array {
  let start = at;
  while (start > 0 && at - start < 30 && bytes[start - 1] !== 0x0a && bytes[start - 1] !== 0x0d) start--;
  let end = at;
  while (end < bytes.length && end - at < 30 && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  return bytes.subarray(start, end);
}

/**
 * @param bytes bytes read around the one that failed (the more, the better the guess)
 * @param at where the failing byte is in `bytes`
 * @param fileOffset where `bytes` start in the file (UTF-16 needs the parity)
 */
export function guessEncoding(bytes: Uint8Array, at: number, fileOffset: number): EncodingGuess {
  if (fileOffset === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && at >= 3) {
    // A UTF-8 byte-order mark is not text (and the UTF-8 reader has dropped it already).
    return guessEncoding(bytes.subarray(3), at - 3, 3);
  }
  const wide = utf16(bytes, fileOffset);
  if (wide) return { encoding: wide, excerpt: "" };
  const mac = macDecoder();
  const encoding = mac && wordScore(mac.decode(bytes)) > wordScore(decodeWindows1252(bytes)) ? "macintosh" : "windows-1252";
  const line = around(bytes, at);
  return { encoding, excerpt: (mac && encoding === "macintosh" ? mac.decode(line) : decodeWindows1252(line)).trim() };
}

/** Mac OS Roman, where Node has it (a build without full ICU has not: then only windows-1252 is named). */
function macDecoder(): TextDecoder | undefined {
  try {
    return new TextDecoder("macintosh");
  } catch {
    return undefined;
  }
}
