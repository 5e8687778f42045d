import type { FileHandle } from "node:fs/promises";
import { CsvParser, csvSyntax } from "../../table/csv-parser.ts";
import { DecodeFailure, decodeText, encodingName } from "../../table/decode.ts";
import type { ChunkFormat } from "./read-chunk.ts";

/** Bytes read at a time: as when the file is read row by row. */
const PIECE = 64 * 1024;

/**
 * Where the record that starts at byte `start` ends (the offset after its line terminator, or
 * the end of the file), read on this thread as the row-by-row reader reads it: for a record
 * longer than a chunk, so that chunks are not read again and again from its start (quadratic)
 * while it grows. Throws the tokenizer's `CsvProblem` when the record's quote never closes or it
 * passes a limit: a long quoted cell is scanned, not kept, so memory stays that of one cell.
 * An undecodable byte ends the search there: the chunk read up to it reports it.
 */
export async function recordEnd(handle: FileHandle, start: number, fileSize: number, format: ChunkFormat): Promise<number> {
  const parser = new CsvParser(csvSyntax(format.dialect, format.format), format.limits);
  const encoding = encodingName(format.encoding) === "utf-8" ? "utf8" : "latin1";
  const out: string[][] = [];
  let decodedBytes = 0;
  try {
    for await (const text of decodeText(pieces(handle, start, fileSize), format.encoding)) {
      decodedBytes += Buffer.byteLength(text, encoding);
      parser.push(text, out);
      if (out.length > 0) return start + decodedBytes - Buffer.byteLength(parser.unfinished, encoding);
    }
  } catch (cause) {
    if (!(cause instanceof DecodeFailure)) throw cause;
    return Math.min(fileSize, start + cause.byteOffset + 1);
  }
  parser.end(out);
  return fileSize;
}

async function* pieces(handle: FileHandle, start: number, fileSize: number): AsyncGenerator<Uint8Array> {
  for (let at = start; at < fileSize; at += PIECE) {
    const bytes = new Uint8Array(Math.min(PIECE, fileSize - at));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, at);
    if (bytesRead === 0) return;
    yield bytes.subarray(0, bytesRead);
  }
}
