/**
 * Run `task` after every earlier task with the same key has settled, within this process.
 * Used wherever two writers on one thing would clobber each other: a data.gouv.fr dataset
 * (udata has no optimistic locking), a Grist document (it limits parallel requests per
 * document), a state file (read-modify-write).
 */
const tails = new Map<string, Promise<unknown>>();

export function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  // Forget an idle key, so the map does not grow with every key ever used.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
