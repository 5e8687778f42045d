import type { Schema } from "../../descriptor/types.ts";
import type { ValidationError } from "../../errors/index.ts";
import type { SourceRow } from "../../table/types.ts";
import { compileSchema, type CompiledSchema } from "../../field/index.ts";
import type { CheckRegistry } from "../check.ts";
import { replayedContext, type CheckContextData } from "../check-context.ts";
import { comparesRows, CustomChecks, fieldPositions, restartChecks, type CheckOutput, type RowCells, type DeclaredCheck, type StartedCheck } from "../custom-checks.ts";
import { ErrorCollector } from "../error-collector.ts";
import { KeyChecks, type ForeignKeyShape } from "../key-checks.ts";
import { KeyHashSet } from "../key-hash-set.ts";
import type { ValidateOptions } from "../options.ts";
import { RowChecks } from "../row-checks.ts";
import { SpanChecks } from "../span-checks.ts";
import { copiedInto, type SpanTokenizer } from "../../table/csv-spans.ts";
import { chunkTokenizer, readChunk, readChunkSpans, type ChunkBytes, type ChunkEnd, type ChunkFormat } from "./read-chunk.ts";

/** What every chunk of one table is checked against: plain data, sent once to each worker thread. */
export interface ChunkSetup {
  format: ChunkFormat;
  /** The table's schema, normalised. */
  schema: Schema;
  /** Source column of each schema field (-1: absent), as the header check matched them. */
  columns: number[];
  /** Cells a row may have before they are extra cells. */
  width: number;
  foreignKeys: ForeignKeyShape[];
  errorOptions: Pick<ValidateOptions, "limitErrors" | "pickErrors" | "skipErrors">;
  /** The custom checks that started on the calling thread, to start again on each worker thread. */
  checks?: ChunkChecks;
}

/** Custom checks, as a worker thread finds them: in a module it imports, with what they read of the package. */
export interface ChunkChecks {
  /** URL of the module that exports the registry (see `ValidateOptions.checksModule`), importable by a worker thread. */
  moduleUrl: string;
  exportName: string;
  declared: DeclaredCheck[];
  context: CheckContextData;
}

/** A custom check's output on a chunk's row (row numbers count from the chunk's first record). */
export interface ChunkCheckOutput {
  row: number;
  output: CheckOutput;
}

export interface ChunkJob extends ChunkBytes {
  id: number;
}

/** A chunk's rows, checked: row numbers count from the chunk's first record (see `readChunk`). */
export interface ChunkResult {
  id: number;
  records: number;
  unfinishedBytes: number;
  badByteOffset?: number;
  problem?: ChunkEnd["problem"];
  /** The chunk's errors reached the limit before its last row: the rows after were not checked. */
  stopped: boolean;
  /** The checked rows' numbers, in order. */
  rowNumbers: Uint32Array<ArrayBuffer>;
  /** Per checked row, its key hashes (`KeyChecks.hashRow`), for the key sets kept by the main thread. */
  hashes: Int32Array<ArrayBuffer>;
  /** Errors of the checks that need only the row (types, constraints, cells), in row order. */
  readonly errors: readonly ValidationError[];
  /** What the custom checks found, in row order; the merge keeps them after the row's key errors. */
  readonly checkOutputs: readonly ChunkCheckOutput[];
}

/** The arrays of every result from `chunkResult` without errors or outputs (the results' arrays are read only). */
const NO_ERRORS: readonly ValidationError[] = [];
const NO_OUTPUTS: readonly ChunkCheckOutput[] = [];

/**
 * A chunk's result in one shape wherever it was made: checked on this thread, or copied from a
 * worker thread's message (which V8 builds with a hidden class of its own). The merge then
 * reads one class of result: with two, V8 threw its optimised code away.
 */
class CheckedChunk implements ChunkResult {
  constructor(
    readonly id: number,
    readonly records: number,
    readonly unfinishedBytes: number,
    readonly badByteOffset: number | undefined,
    readonly problem: ChunkEnd["problem"] | undefined,
    readonly stopped: boolean,
    readonly rowNumbers: Uint32Array<ArrayBuffer>,
    readonly hashes: Int32Array<ArrayBuffer>,
    readonly errors: readonly ValidationError[],
    readonly checkOutputs: readonly ChunkCheckOutput[],
  ) {}
}

/**
 * A result made outside `ChunkChecker.check` (copied from a worker's message, or a chunk's
 * problem) in the one shape the merge reads (see `CheckedChunk`), its arrays too: a message's
 * arrays come with an elements kind of their own. The usual empty ones become one array of this
 * thread's, the others are copied.
 */
export function chunkResult(result: ChunkResult): ChunkResult {
  const { id, records, unfinishedBytes, badByteOffset, problem, stopped, rowNumbers, hashes, errors, checkOutputs } = result;
  const ownErrors = errors.length === 0 ? NO_ERRORS : [...errors];
  const ownOutputs = checkOutputs.length === 0 ? NO_OUTPUTS : [...checkOutputs];
  return new CheckedChunk(id, records, unfinishedBytes, badByteOffset, problem, stopped, rowNumbers, hashes, ownErrors, ownOutputs);
}

/** Checks chunks of one table, row by row, apart from the checks across rows (their keys are only hashed). */
export class ChunkChecker {
  private readonly schema: ReturnType<typeof compileSchema>;
  private readonly keys: KeyChecks;
  private readonly byName: ReadonlyMap<string, number>;
  /**
   * The workspace no check is using: a check takes it for the whole chunk and gives it back
   * when done, so that a second check running meanwhile (its chunk read while the first awaits)
   * works in one of its own.
   */
  private idleWorkspace: ChunkWorkspace | undefined;

  private constructor(
    private readonly setup: ChunkSetup,
    private readonly started: StartedCheck[],
  ) {
    this.schema = compileSchema(setup.schema);
    // Only `hashRow` is used here: the key sets themselves live on the main thread.
    this.keys = new KeyChecks(this.schema, setup.columns, setup.foreignKeys.map((fk) => ({ ...fk, index: new KeyHashSet() })));
    this.byName = fieldPositions(this.schema.fields);
  }

  /**
   * A checker of the chunks of `setup`. Its custom checks come from `registry` on the calling
   * thread, from the module `setup.checks` names on a worker thread (functions do not travel).
   */
  static async create(setup: ChunkSetup, registry?: CheckRegistry): Promise<ChunkChecker> {
    const checks = setup.checks;
    if (checks === undefined) return new ChunkChecker(setup, []);
    const from = registry ?? ((await import(checks.moduleUrl)) as Record<string, CheckRegistry>)[checks.exportName];
    if (from === undefined) throw new Error(`the module ${checks.moduleUrl} has no export "${checks.exportName}"`);
    return new ChunkChecker(setup, await restartChecks(checks.declared, from, replayedContext(checks.context)));
  }

  /** A checker on the calling thread, with the checks that started there: their factories run once. */
  static withStarted(setup: ChunkSetup, started: StartedCheck[]): ChunkChecker {
    return new ChunkChecker(setup, started);
  }

  async check(job: ChunkJob): Promise<ChunkResult> {
    const errors = new ErrorCollector(this.setup.errorOptions);
    const workspace = this.idleWorkspace ?? new ChunkWorkspace(this.setup, this.schema, this.keys, this.started, this.byName, errors);
    this.idleWorkspace = undefined;
    workspace.startChunk(errors);
    try {
      return await this.checkWith(job, workspace, errors);
    } finally {
      this.idleWorkspace = workspace;
    }
  }

  private async checkWith(job: ChunkJob, workspace: ChunkWorkspace, errors: ErrorCollector): Promise<ChunkResult> {
    const end: ChunkEnd = { records: 0, unfinishedBytes: 0 };
    const { tokenizer, rows: checks, spans, custom, outputs } = workspace;
    const width = 2 * this.keys.width;
    // Grown as the batches come (a chunk of spans is one batch: sized once), trimmed to the rows checked when returned.
    let hashes = new Int32Array(0);
    let rowNumbers = new Uint32Array(0);
    let checked = 0;
    let stopped = false;
    /** Takes a checked row's hashes and custom checks; whether the errors are full. */
    const take = (values: unknown[], rowNumber: number, cells: RowCells, text?: SpanChecks): boolean => {
      this.keys.hashRow(values, hashes, checked * width, text);
      rowNumbers[checked++] = rowNumber;
      if (custom) {
        workspace.row = rowNumber;
        custom.row(rowNumber, values, cells, text);
      }
      return errors.full;
    };
    read: for await (const batch of readChunkSpans(job, this.setup.format, end, tokenizer)) {
      const count = Array.isArray(batch) ? batch.length : batch.count;
      if (checked + count > rowNumbers.length) {
        const size = Math.max(2 * rowNumbers.length, checked + count);
        rowNumbers = copiedInto(rowNumbers, new Uint32Array(size));
        hashes = copiedInto(hashes, new Int32Array(size * width));
      }
      for (let r = 0; r < count; r++) {
        // Spans: cells checked on their bytes, a row that is not clean checked as text, with the same report.
        let full: boolean;
        if (Array.isArray(batch)) {
          const row = batch[r] as SourceRow;
          full = take(checks.checkCells(row), row.rowNumber, row.cells);
        } else full = take(spans.check(batch, r), batch.firstRowNumber + r, spans.cells, spans);
        if (full) {
          stopped = true;
          break read;
        }
      }
    }
    const rows = checked === rowNumbers.length ? rowNumbers : rowNumbers.slice(0, checked);
    const keys = checked * width === hashes.length ? hashes : hashes.slice(0, checked * width);
    return new CheckedChunk(job.id, end.records, end.unfinishedBytes, end.badByteOffset, end.problem, stopped, rows, keys, errors.errors, outputs);
  }

  /** The chunk's rows with their logical values: to build the errors of key checks that failed on them. */
  async values(job: ChunkJob, rowNumbers: ReadonlySet<number>): Promise<Map<number, { values: unknown[]; cells: unknown[] }>> {
    const checks = this.rowChecks(new ErrorCollector({ limitErrors: Infinity }));
    const found = new Map<number, { values: unknown[]; cells: unknown[] }>();
    for await (const batch of readChunk(job, this.setup.format, { records: 0, unfinishedBytes: 0 })) {
      for (const row of batch) {
        if (rowNumbers.has(row.rowNumber)) found.set(row.rowNumber, { values: checks.checkCells(row), cells: row.cells });
      }
    }
    return found;
  }

  private rowChecks(errors: ErrorCollector): RowChecks {
    return new RowChecks(this.schema, this.setup.columns, this.setup.width, errors);
  }
}

/**
 * What checking a chunk takes besides its bytes: the span tokenizer (a batch lives in its arrays
 * until the next cut), the row and span checks with their value arrays, the custom checks and
 * their outputs. A checker reuses one chunk after chunk. Made afresh for each chunk, these
 * objects died every few milliseconds, and V8 threw away the optimised code that had them built
 * in, then compiled it again (docs/decisions.md §31).
 */
class ChunkWorkspace {
  readonly tokenizer: SpanTokenizer | undefined;
  readonly rows: RowChecks;
  readonly spans: SpanChecks;
  readonly custom: CustomChecks | undefined;
  /** What the custom checks found in the chunk being checked, and the row they check. */
  outputs: ChunkCheckOutput[] = [];
  row = 0;

  constructor(setup: ChunkSetup, schema: CompiledSchema, keys: KeyChecks, started: StartedCheck[], byName: ReadonlyMap<string, number>, errors: ErrorCollector) {
    this.tokenizer = chunkTokenizer(setup.format);
    this.rows = new RowChecks(schema, setup.columns, setup.width, errors);
    this.rows.reuseValues();
    // Values outlive their record only for checks that compare rows, which never run in chunks: made at once then, to be safe.
    this.spans = new SpanChecks(schema, setup.columns, setup.width, this.rows, comparesRows(started) ? "all" : keys.keyFields);
    this.spans.reuseValues();
    this.custom = started.length === 0 ? undefined : new CustomChecks(started, schema.fields, setup.columns, byName, (output) => this.outputs.push({ row: this.row, output }));
  }

  /** Ready for the next chunk, whose errors go to `errors`; a custom check that threw in another chunk runs again. */
  startChunk(errors: ErrorCollector): void {
    this.rows.reportTo(errors);
    this.outputs = [];
    this.custom?.restart();
  }
}
