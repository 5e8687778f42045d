/**
 * Grist limits the requests running in parallel on one document (grist-core's
 * GRIST_MAX_PARALLEL_REQUESTS_PER_DOC) and answers 429 beyond. Several resources of a
 * package may read tables of the same document at once, so every call to a document goes
 * through this process-wide queue, one at a time.
 */
const queues = new Map<string, Promise<unknown>>();

export function serialisePerDoc<T>(docKey: string, call: () => Promise<T>): Promise<T> {
  const previous = queues.get(docKey) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(call);
  const settled = next.catch(() => undefined);
  queues.set(docKey, settled);
  // Forget an idle document, so the map does not grow with every document ever read.
  void settled.then(() => {
    if (queues.get(docKey) === settled) queues.delete(docKey);
  });
  return next;
}
