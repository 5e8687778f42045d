/**
 * The lauréats as SCDL subventions 2.1.1 rows (one per beneficiary), for data.gouv.fr's
 * national consolidation of grants. Every SCDL value comes from a fact of our tables or
 * from a constant that holds for every State fund we publish (a cash grant, one beneficiary
 * per project, no de minimis notification). A lauréat missing a fact that SCDL requires is
 * left out, with the reason, rather than given a made-up value.
 */

export type Row = Record<string, unknown>;

export interface ScdlExclusion {
  resource: "laureats";
  /** The lauréat's `id`. */
  key: string;
  /** Every missing fact, in French: it is shown as is in the published documentation. */
  reason: string;
  /** The SCDL fields those facts would fill, in the order of the reasons: to count what lacks most. */
  fields: string[];
}

export interface ScdlExport {
  rows: Row[];
  excluded: ScdlExclusion[];
}

export function toScdlSubventions({ appels, laureats }: { appels: Row[]; laureats: Row[] }): ScdlExport {
  const calls = callsById(appels);
  const exported: ScdlExport = { rows: [], excluded: [] };
  for (const laureat of laureats) {
    const one = scdlSubvention(laureat, calls);
    if ("excluded" in one) exported.excluded.push(one.excluded);
    else exported.rows.push(one.row);
  }
  return exported;
}

/** The calls by id, as `scdlSubvention` looks them up. */
export function callsById(appels: Iterable<Row>): Map<string, Row> {
  const calls = new Map<string, Row>();
  for (const appel of appels) if (typeof appel.id === "string") calls.set(appel.id, appel);
  return calls;
}

/** One lauréat as its SCDL row, or why it is left out: lauréats stream through one at a time. */
export function scdlSubvention(laureat: Row, calls: ReadonlyMap<string, Row>): { row: Row } | { excluded: ScdlExclusion } {
  const call = typeof laureat.appel_id === "string" ? calls.get(laureat.appel_id) : undefined;
  const missing = missingFacts(laureat, call);
  if (missing.length > 0) return { excluded: { resource: "laureats", key: String(laureat.id), reason: missing.map((m) => m.text).join(" ; "), fields: missing.map((m) => m.field) } };
  return {
    row: {
      nomAttribuant: call?.nom_gestionnaire,
      idAttribuant: call?.siret_gestionnaire,
      dateConvention: laureat.date_decision,
      referenceDecision: known(laureat.reference_decision) ? laureat.reference_decision : null,
      nomBeneficiaire: laureat.nom_porteur,
      idBeneficiaire: laureat.siret_porteur,
      rnaBeneficiaire: null,
      objet: laureat.titre,
      montant: laureat.montant_accorde,
      nature: "aide en numéraire",
      conditionsVersement: laureat.conditions_versement,
      datesPeriodeVersement: laureat.dates_periode_versement,
      idRAE: null,
      notificationUE: false,
      pourcentageSubvention: 1,
      dispositifAide: laureat.appel_id,
    },
  };
}

/** What SCDL requires and the lauréat (or its call) does not say, as reasons a reader understands. */
function missingFacts(laureat: Row, call: Row | undefined): { field: string; text: string }[] {
  const missing: { field: string; text: string }[] = [];
  const lacks = (field: string, text: string) => missing.push({ field, text });
  if (call === undefined) {
    lacks("idAttribuant", `appel « ${String(laureat.appel_id)} » introuvable dans la table des appels (nomAttribuant, idAttribuant)`);
  } else if (!known(call.siret_gestionnaire)) {
    lacks(
      "idAttribuant",
      known(call.siren_gestionnaire)
        ? `seul le SIREN ${String(call.siren_gestionnaire)} du gestionnaire de l'appel est connu, or idAttribuant exige un SIRET`
        : "SIRET du gestionnaire de l'appel non publié (idAttribuant)",
    );
  }
  if (!known(laureat.montant_accorde)) lacks("montant", "montant accordé non publié (montant)");
  if (!known(laureat.date_decision)) lacks("dateConvention", "date de décision non publiée (dateConvention)");
  if (!known(laureat.nom_porteur)) lacks("nomBeneficiaire", "porteur non publié (nomBeneficiaire)");
  if (!known(laureat.siret_porteur)) {
    lacks(
      "idBeneficiaire",
      known(laureat.siren_porteur)
        ? `seul le SIREN ${String(laureat.siren_porteur)} du porteur est connu, or idBeneficiaire exige un SIRET`
        : "SIRET du porteur non publié (idBeneficiaire)",
    );
  }
  if (!known(laureat.conditions_versement)) lacks("conditionsVersement", "conditions de versement non publiées (conditionsVersement)");
  if (!known(laureat.dates_periode_versement)) lacks("datesPeriodeVersement", "dates de versement non publiées (datesPeriodeVersement)");
  return missing;
}

function known(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "";
}
