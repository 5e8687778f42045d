import type { Dialect } from "../descriptor/types.ts";
import { batched } from "./batched.ts";
import { DecodeFailure, decodeText } from "./decode.ts";
import { limitError, type ReadLimits } from "./limits.ts";
import { TableReadError, encodingReadError } from "./read-error.ts";
import { describeThrown } from "../errors/coded-error.ts";

/**
 * Records of a JSON table: an array of arrays (header first) or an array of objects
 * (the header is their keys: `dialect.itemKeys`, else every key in order of first appearance),
 * optionally under `dialect.property`. The same for inline `data`.
 */
export function jsonRecords(data: unknown, dialect: Dialect | undefined, place: string): unknown[][] {
  let rows = data;
  if (dialect?.property !== undefined) {
    if (rows === null || typeof rows !== "object" || !(dialect.property in rows)) {
      throw new TableReadError("format-error", { place, note: `the JSON has no property "${dialect.property}" holding the rows: fix dialect.property` });
    }
    rows = (rows as Record<string, unknown>)[dialect.property];
  }
  if (!Array.isArray(rows)) {
    throw new TableReadError("format-error", { place, note: "a JSON table must be an array of arrays or an array of objects (or set dialect.property)" });
  }
  if (rows.length === 0) return [];
  if (rows.every(Array.isArray)) return rows as unknown[][];
  const objects = rows.every((row) => row !== null && typeof row === "object" && !Array.isArray(row));
  if (!objects) {
    throw new TableReadError("format-error", { place, note: "a JSON table must not mix arrays and objects or hold bare values" });
  }
  const keys = dialect?.itemKeys ?? objectKeys(rows as Record<string, unknown>[]);
  return [keys, ...(rows as Record<string, unknown>[]).map((row) => keys.map((key) => row[key]))];
}

function objectKeys(rows: Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

/** Whole-file JSON: parsed at once (a JSON array cannot be streamed without a parser of its own). */
export async function* readJsonRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: { encoding: string | undefined; dialect: Dialect | undefined; place: string; limits: ReadLimits },
): AsyncGenerator<unknown[][]> {
  const text = await decodeAll(chunks, options);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new TableReadError("format-error", { place: options.place, note: `invalid JSON: ${describeThrown(cause).message}` });
  }
  yield* batched(jsonRecords(data, options.dialect, options.place));
}

/** NDJSON/JSONL: one JSON array or object per line, streamed. Blank lines are skipped. */
export async function* readNdjsonRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: { encoding: string | undefined; dialect: Dialect | undefined; place: string; limits: ReadLimits },
): AsyncGenerator<unknown[][]> {
  let rest = "";
  let line = 0;
  let keys: string[] | undefined = options.dialect?.itemKeys;
  let emittedHeader = false;
  const parseLines = (text: string, final: boolean): unknown[][] => {
    const lines = (rest + text).split("\n");
    rest = final ? "" : (lines.pop() as string);
    const tooLong = (at: number): TableReadError => limitError("maxCellChars", options.limits.maxCellChars, `line ${at} is longer than a cell may be`, options.place);
    if (rest.length > options.limits.maxCellChars) throw tooLong(line + lines.length + 1);
    const out: unknown[][] = [];
    for (const raw of lines) {
      line++;
      if (raw.length > options.limits.maxCellChars) throw tooLong(line);
      const trimmed = raw.trim();
      if (trimmed === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (cause) {
        throw new TableReadError("format-error", { place: options.place, rowNumber: line, note: `line ${line} is not valid JSON: ${describeThrown(cause).message}` });
      }
      if (Array.isArray(value)) {
        out.push(value);
      } else if (value !== null && typeof value === "object") {
        const object = value as Record<string, unknown>;
        keys ??= Object.keys(object);
        if (!emittedHeader) out.push(keys);
        emittedHeader = true;
        out.push(keys.map((key) => object[key]));
      } else {
        throw new TableReadError("format-error", { place: options.place, rowNumber: line, note: `line ${line} must hold a JSON array or object` });
      }
    }
    return out;
  };
  try {
    for await (const text of decodeText(chunks, options.encoding)) {
      const out = parseLines(text, false);
      if (out.length > 0) yield out;
    }
  } catch (cause) {
    if (cause instanceof DecodeFailure) throw encodingReadError(cause.byteOffset, options.encoding, options.place, undefined, cause);
    throw cause;
  }
  const out = parseLines("", true);
  if (out.length > 0) yield out;
}

/**
 * JSON.parse needs the whole text, and the values it makes take several times its size: a JSON
 * table is read whole up to this size only (NDJSON has no such bound, its lines are streamed).
 */
export const WHOLE_JSON_MAX_CHARS = 64_000_000;

async function decodeAll(chunks: AsyncIterable<Uint8Array>, options: { encoding: string | undefined; place: string }): Promise<string> {
  const { encoding, place } = options;
  const parts: string[] = [];
  let length = 0;
  try {
    for await (const text of decodeText(chunks, encoding)) {
      length += text.length;
      if (length > WHOLE_JSON_MAX_CHARS) {
        throw new TableReadError("source-error", {
          place,
          note: `a JSON table is parsed whole, and this one is longer than ${WHOLE_JSON_MAX_CHARS / 1e6} MB of text: write it as NDJSON (one row a line), which is read as a stream`,
        });
      }
      parts.push(text);
    }
  } catch (cause) {
    if (cause instanceof DecodeFailure) throw encodingReadError(cause.byteOffset, encoding, place, undefined, cause);
    throw cause;
  }
  return parts.join("");
}
