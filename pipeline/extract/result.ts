import { ExtractError, type ConnectorState, type ExtractResult, type Provenance, type SourceRecord } from "./types.ts";

export interface ResultParts {
  changed: boolean;
  records: AsyncIterable<SourceRecord>;
  /** Everything but the record count, which is counted here as records flow. */
  provenance: Omit<Provenance, "records">;
  /** Computed once the records have all been read (a cursor may depend on them). */
  nextState: () => ConnectorState;
}

/**
 * Assemble a connector's result. The records can be read once; the state to save is only
 * available after they have all been read, so a run that stopped half-way cannot save a
 * state describing data it never processed.
 */
export function extractResult(parts: ResultParts): ExtractResult {
  let count = 0;
  let started = false;
  let finished = false;
  const source = parts.provenance.source;
  async function* counted(): AsyncGenerator<SourceRecord> {
    if (started) throw new ExtractError({ code: "records-read-twice", source, message: `${source}: the records of an extraction can be read only once`, hint: "extract the source again to read it again" });
    started = true;
    for await (const record of parts.records) {
      count++;
      yield record;
    }
    finished = true;
  }
  return {
    changed: parts.changed,
    records: { [Symbol.asyncIterator]: () => counted() },
    provenance: () => ({ ...parts.provenance, records: count }),
    nextState: () => {
      if (!finished) {
        throw new ExtractError({ code: "records-not-read", source, message: `${source}: the state to save was asked for before all records were read`, hint: "read every record before saving the state" });
      }
      return parts.nextState();
    },
  };
}
