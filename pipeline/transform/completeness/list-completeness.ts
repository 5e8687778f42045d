/**
 * How complete each call's published list of lauréats is: the number of lauréats the call
 * announced against the rows the package lists for it, and how many of those rows carry an
 * amount. Plain data in (rows of `appels` and `laureats`), plain data out, so the
 * documentation and a site show the same figures, and an empty amount is never read as zero.
 */

export type Row = Record<string, unknown>;

export type ListStatus =
  /** As many rows as lauréats announced. */
  | "complète"
  /** Fewer rows than lauréats announced, but some. */
  | "partielle"
  /** Lauréats announced, none listed: their list was not found. */
  | "non listée"
  /** Rows, but no announced number to compare them with. */
  | "nombre annoncé inconnu"
  /** More rows than lauréats announced: the data or the announcement needs a look. */
  | "plus de lignes qu'annoncé";

export interface CallCompleteness {
  appelId: string;
  titre: string;
  /** `nb_laureats_annonces` of the call; null when not published. */
  laureatsAnnonces: number | null;
  /** Rows of `laureats` attached to the call. */
  laureatsListes: number;
  /** Lauréats announced but not listed; null when the announced number is unknown. */
  laureatsManquants: number | null;
  /** Listed rows with a `montant_accorde`. */
  montantsConnus: number;
  /** Listed rows without one: not published, never zero. */
  montantsInconnus: number;
  /** Sum of the published amounts of the listed rows (0 when none is known: see montantsConnus). */
  sommeMontantsConnus: number;
  statut: ListStatus;
  /** Where the announced number comes from (`url_source_resultats`), when known. */
  source: string | null;
}

/**
 * One entry per call that announced a number of lauréats or has lauréats listed, in the
 * order of the `appels` table. Calls with neither have nothing to say about completeness.
 */
export function listCompleteness(appels: readonly Row[], laureats: readonly Row[]): CallCompleteness[] {
  const tally = new CompletenessTally();
  for (const appel of appels) tally.addAppel(appel);
  for (const laureat of laureats) tally.addLaureat(laureat);
  return tally.entries();
}

/**
 * The same figures, counted as rows go by: a table of a million lauréats is tallied call by
 * call (rows, amounts known, their sum in row order) without being held.
 */
export class CompletenessTally {
  private readonly appels: Row[] = [];
  private readonly byCall = new Map<string, { listed: number; amounts: number; sum: number }>();

  /** Keeps what the entry of a call needs (a call table is thousands of rows at most). */
  addAppel(appel: Row): void {
    this.appels.push({ id: appel.id, titre: appel.titre, nb_laureats_annonces: appel.nb_laureats_annonces, url_source_resultats: appel.url_source_resultats });
  }

  addLaureat(laureat: Row): void {
    const id = text(laureat.appel_id);
    if (id === null) return;
    let call = this.byCall.get(id);
    if (!call) this.byCall.set(id, (call = { listed: 0, amounts: 0, sum: 0 }));
    call.listed++;
    const value = amount(laureat.montant_accorde);
    if (value !== null) {
      call.amounts++;
      call.sum += value;
    }
  }

  entries(): CallCompleteness[] {
    const entries: CallCompleteness[] = [];
    for (const appel of this.appels) {
      const appelId = text(appel.id);
      if (appelId === null) continue;
      const listed = this.byCall.get(appelId) ?? { listed: 0, amounts: 0, sum: 0 };
      const announced = count(appel.nb_laureats_annonces);
      if (announced === null && listed.listed === 0) continue;
      entries.push({
        appelId,
        titre: text(appel.titre) ?? appelId,
        laureatsAnnonces: announced,
        laureatsListes: listed.listed,
        laureatsManquants: announced === null ? null : Math.max(0, announced - listed.listed),
        montantsConnus: listed.amounts,
        montantsInconnus: listed.listed - listed.amounts,
        sommeMontantsConnus: listed.sum,
        statut: statusOf(announced, listed.listed),
        source: text(appel.url_source_resultats),
      });
    }
    return entries;
  }
}

function statusOf(announced: number | null, listed: number): ListStatus {
  if (announced === null) return "nombre annoncé inconnu";
  if (listed === announced) return "complète";
  if (listed > announced) return "plus de lignes qu'annoncé";
  return listed === 0 ? "non listée" : "partielle";
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

function amount(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
