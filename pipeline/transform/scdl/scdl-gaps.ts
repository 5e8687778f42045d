import type { ScdlExclusion } from "./to-scdl-subventions.ts";

export interface ScdlGap {
  /** The SCDL field, e.g. `idBeneficiaire`. */
  field: string;
  /** How many lauréats lack the fact that fills it. */
  laureats: number;
}

/**
 * What keeps lauréats out of the SCDL export, field by field, the most lacking first (ties in
 * the order SCDL lists its fields): what a data team must publish first for rows to appear.
 */
export function scdlGaps(excluded: readonly ScdlExclusion[]): ScdlGap[] {
  const counts = new Map<string, number>();
  for (const exclusion of excluded) for (const field of new Set(exclusion.fields)) counts.set(field, (counts.get(field) ?? 0) + 1);
  return [...counts].map(([field, laureats]) => ({ field, laureats })).sort((a, b) => b.laureats - a.laureats);
}
