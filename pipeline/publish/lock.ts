const tails = new Map<string, Promise<unknown>>();

/**
 * Run `task` after every earlier task with the same key has settled (udata has no
 * optimistic locking, udata-api.md §7: two writers on one dataset would clobber each other).
 */
export function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
