/**
 * The order we impose: our resources in package order first, then everybody else's in
 * their current relative order. Ids of `ours` absent from `current` are skipped.
 */
export function orderResources(current: readonly string[], ours: readonly string[]): string[] {
  const present = new Set(current);
  const mine = ours.filter((id) => present.has(id));
  const mineSet = new Set(mine);
  return [...mine, ...current.filter((id) => !mineSet.has(id))];
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
