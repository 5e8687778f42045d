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

  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const opening = this.count === 0 ? "[\n" : ",\n";
    this.count += this.lines.length;
    await write(this.json, `${opening}${this.lines.join(",\n")}`);
    await write(this.ndjson, `${this.lines.join("\n")}\n`);
    this.lines = [];
  }
}

/** Integers beyond 2^53 (bigint) as their digits; NaN and infinities, which JSON cannot hold, as text. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}
