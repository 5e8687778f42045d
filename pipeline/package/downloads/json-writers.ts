import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/** Lines gathered before a write: fewer calls, bounded memory. */
const LINES_PER_WRITE = 1000;

/** The rows as a JSON array of objects and as NDJSON, written together as rows arrive. */
export class JsonTableWriters {
  private readonly json: WriteStream;
  private readonly ndjson: WriteStream;
  private lines: string[] = [];
  private count = 0;

  constructor(jsonPath: string, ndjsonPath: string) {
    this.json = createWriteStream(jsonPath);
    this.ndjson = createWriteStream(ndjsonPath);
  }

  async add(record: Record<string, unknown>): Promise<void> {
    this.lines.push(JSON.stringify(record, jsonSafe));
    if (this.lines.length >= LINES_PER_WRITE) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    await write(this.json, this.count === 0 ? "[]\n" : "\n]\n");
    this.json.end();
    this.ndjson.end();
    await Promise.all([once(this.json, "finish"), once(this.ndjson, "finish")]);
  }

  destroy(): void {
    this.json.destroy();
    this.ndjson.destroy();
  }

  /** The lines are encoded once, as NDJSON; the JSON array's part is made from those bytes. */
  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const ndjson = Buffer.from(`${this.lines.join("\n")}\n`, "utf8");
    const opening = this.count === 0 ? "[\n" : ",\n";
    this.count += this.lines.length;
    await write(this.json, arrayItems(ndjson, this.lines.length, opening));
    await write(this.ndjson, ndjson);
    this.lines = [];
  }
}

const LINE_FEED = 0x0a;
const COMMA = 0x2c;

/**
 * NDJSON lines as items of a JSON array: `opening`, then the lines separated by ",\n" (no line
 * feed after the last). Each line feed in `ndjson` ends a line: JSON.stringify escapes the ones
 * in strings, and no multi-byte UTF-8 sequence holds the byte.
 */
export function arrayItems(ndjson: Buffer, lines: number, opening: string): Buffer {
  const items = Buffer.allocUnsafe(opening.length + ndjson.length - lines + 2 * (lines - 1));
  let at = items.write(opening, 0, "latin1");
  for (let from = 0; from < ndjson.length; ) {
    const end = ndjson.indexOf(LINE_FEED, from);
    at += ndjson.copy(items, at, from, end);
    from = end + 1;
    if (from < ndjson.length) {
      items[at++] = COMMA;
      items[at++] = LINE_FEED;
    }
  }
  return items;
}

/** Integers beyond 2^53 (bigint) as their digits; NaN and infinities, which JSON cannot hold, as text. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

async function write(stream: WriteStream, text: string | Buffer): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}
