import type { Resource } from "../descriptor/types.ts";
import type { CompiledField } from "../field/index.ts";
import { KeyHashSet } from "./key-hash-set.ts";
import { keyBuilder, type KeyBuilder } from "./key-set.ts";
import { readLogicalRows } from "./read-logical-rows.ts";

/**
 * The keys of `fieldNames` in a referenced resource, read once: the hash index every
 * referencing row is looked up in. Rows whose key is entirely null are left out.
 */
export async function buildReferenceIndex(resource: Resource, fieldNames: readonly string[], basePath: string, signal?: AbortSignal): Promise<KeyHashSet> {
  const keys = new KeyHashSet();
  let build: KeyBuilder | undefined;
  let rows = 0;
  for await (const { compiled, values } of readLogicalRows(resource, basePath, fieldNames)) {
    // A big lookup table is read with the event loop turning (a file stream): a stop request is seen here.
    if (++rows % 4096 === 0) signal?.throwIfAborted();
    if (build === undefined) {
      const fields = fieldNames.map((name) => compiled.field(name));
      if (fields.some((field) => field === undefined)) {
        throw new Error(`resource "${resource.name}" has no field ${fieldNames.filter((n) => !compiled.field(n)).map((n) => `"${n}"`).join(", ")}`);
      }
      build = keyBuilder(fields as CompiledField[], true);
    }
    const key = build(values);
    if (key !== null) keys.add(key);
  }
  return keys;
}

/** Indexes shared by the tasks of one package validation: one per (resource, fields). */
export class ReferenceIndexes {
  private readonly cache = new Map<string, Promise<KeyHashSet>>();
  constructor(
    private readonly basePath: string,
    private readonly signal?: AbortSignal,
  ) {}

  get(resource: Resource, fieldNames: readonly string[]): Promise<KeyHashSet> {
    const id = JSON.stringify([resource.name, fieldNames]);
    let index = this.cache.get(id);
    if (index === undefined) {
      index = buildReferenceIndex(resource, fieldNames, this.basePath, this.signal);
      this.cache.set(id, index);
    }
    return index;
  }
}
