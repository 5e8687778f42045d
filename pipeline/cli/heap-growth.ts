import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what a full collection found alive, in percent.
 *
 * `aap run` streams: at a million rows its live heap stays under about 100 MB (heap snapshots
 * at each stage), but it allocates garbage fast (every row parsed, mapped, written, read
 * back), and V8 answers a fast allocator by letting the heap grow up to 4 times the live size
 * before collecting again: 400–600 MB of RSS that hold nothing. Capping the growth at 50 %
 * costs more frequent full collections (whose work is proportional to the small live heap) and
 * keeps the process near what it really holds. docs/decisions.md, "aap run at scale".
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applies the cap to this process and its worker threads (V8's flags are process-wide). It
 * must run before the work allocates: V8 reads it each time it sets the next collection's limit.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
