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
  const byCall = new Map<string, Row[]>();
  for (const laureat of laureats) {
    const id = text(laureat.appel_id);
    if (id === null) continue;
    const rows = byCall.get(id);
    if (rows) rows.push(laureat);
    else byCall.set(id, [laureat]);
  }
  const entries: CallCompleteness[] = [];
  for (const appel of appels) {
    const appelId = text(appel.id);
    if (appelId === null) continue;
    const listed = byCall.get(appelId) ?? [];
    const announced = count(appel.nb_laureats_annonces);
    if (announced === null && listed.length === 0) continue;
    const amounts = listed.map((laureat) => amount(laureat.montant_accorde)).filter((value): value is number => value !== null);
    entries.push({
      appelId,
      titre: text(appel.titre) ?? appelId,
      laureatsAnnonces: announced,
      laureatsListes: listed.length,
      laureatsManquants: announced === null ? null : Math.max(0, announced - listed.length),
      montantsConnus: amounts.length,
      montantsInconnus: listed.length - amounts.length,
      sommeMontantsConnus: amounts.reduce((sum, value) => sum + value, 0),
      statut: statusOf(announced, listed.length),
      source: text(appel.url_source_resultats),
    });
  }
  return entries;
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
