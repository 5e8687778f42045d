import { describe, expect, it } from "vitest";
import type { LocatedError } from "../validate/locate-errors.ts";
import type { PackageOutcome } from "./run-package.ts";
import { renderRunReport, type RunResult } from "./run-report.ts";

function outcome(patch: Partial<PackageOutcome> & Pick<PackageOutcome, "name" | "status">): PackageOutcome {
  return { stages: [], packageDir: `output/${patch.name}`, sources: [], transformIssues: [], validationErrors: [], scdlExcluded: [], ...patch };
}

function run(packages: PackageOutcome[], ok = true): RunResult {
  return { ok, startedAt: "2026-01-15T02:17:00.000Z", finishedAt: "2026-01-15T02:17:42.000Z", packages };
}

function locatedError(row: number): LocatedError {
  return { resource: "laureats", type: "type-error", rowNumber: row, fieldName: "montant", note: "", text: `laureats.csv ligne ${row}, montant : « beaucoup » n'est pas un nombre` };
}

const published = outcome({
  name: "paquet-fictif",
  status: "published",
  stages: [
    { stage: "extract", milliseconds: 49, counts: { sources: 4, records: 60 } },
    { stage: "transform", milliseconds: 10, counts: { rows: 60, issues: 0 } },
    { stage: "package", milliseconds: 91, counts: { files: 6, bytes: 145_200 } },
    { stage: "publish", milliseconds: 1_850, counts: { writes: 2 } },
  ],
  sources: [{ source: "sources/appels.csv", connector: "file", fetchedAt: "2026-01-15T02:17:01.000Z", records: 29 }],
  planText: "update appels.csv (file changed)\nunchanged laureats.csv",
  dataset: { id: "fictif", slug: "paquet-fictif", page: "https://demo.data.gouv.fr/fr/datasets/paquet-fictif/" },
});

describe("renderRunReport", () => {
  it("opens with the run's times and result, then one row per package: status, rows, files, total duration", () => {
    const text = renderRunReport(run([published, outcome({ name: "autre-paquet", status: "built" })]));
    const lines = text.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "# Rapport d'exécution aap-opendata",
      "",
      "Début 2026-01-15T02:17:00.000Z, fin 2026-01-15T02:17:42.000Z : succès.",
      "",
      "| paquet | statut | lignes | fichiers | durée |",
      "|---|---|---|---|---|",
      "| paquet-fictif | ✅ publié | 60 | 6 | 2.0 s |",
    ]);
    expect(lines[7]).toBe("| autre-paquet | ✅ construit | — | — | 0 ms |");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("gives each stage's peak RSS as the process's, apart from its counts", () => {
    const measured = outcome({ name: "paquet-fictif", status: "built", stages: [{ stage: "validate", milliseconds: 1_500, counts: { rows: 60, peakRssMB: 333 } }] });
    expect(renderRunReport(run([measured]))).toContain("- validate : rows 60 (1.5 s, pic de mémoire du processus 333 Mo)");
  });

  it("lists each step after the stages with its peak RSS, counts it in the package's duration, and times the site", () => {
    const measured = outcome({
      name: "paquet-fictif",
      status: "built",
      stages: [{ stage: "validate", milliseconds: 1_500, counts: { rows: 60, peakRssMB: 333 } }],
      steps: [{ step: "downloads.xlsx", milliseconds: 2_500, peakRssMB: 340 }],
    });
    const text = renderRunReport({ ...run([measured]), site: { status: "written", dir: "output/site", pages: 5, files: 40, milliseconds: 1_200, peakRssMB: 350 } });
    expect(text).toContain("- validate : rows 60 (1.5 s, pic de mémoire du processus 333 Mo)\n- étape downloads.xlsx : 2.5 s, pic de mémoire du processus 340 Mo");
    expect(text).toContain("| paquet-fictif | ✅ construit | — | — | 4.0 s |");
    expect(text).toContain("Site : 5 pages écrites dans `output/site/` en 1.2 s, pic de mémoire du processus 350 Mo.");
  });

  it("details each package: its stages, its sources, its publication plan and its dataset", () => {
    const text = renderRunReport(run([published]));
    expect(text).toContain("## paquet-fictif\n\n- extract : sources 4, records 60 (49 ms)\n- transform : rows 60, issues 0 (10 ms)");
    expect(text).toContain("- sources/appels.csv (file, 29 enregistrements, lu le 2026-01-15T02:17:01.000Z)");
    expect(text).toContain("Plan de publication :\n\n```\nupdate appels.csv (file changed)\nunchanged laureats.csv\n```");
    expect(text).toContain("Jeu de données : https://demo.data.gouv.fr/fr/datasets/paquet-fictif/");
  });

  it("says a failed run failed, with what stopped the package", () => {
    const failed = outcome({ name: "paquet-fictif", status: "failed", failure: "locked: output is held by process 4242" });
    const text = renderRunReport(run([failed], false));
    expect(text).toContain(": **échec**.");
    expect(text).toContain("| paquet-fictif | ❌ échec |");
    expect(text).toContain("**Échec :**\n\n```\nlocked: output is held by process 4242\n```");
  });

  it("lists invalid data, but never more than 30 lines of it: a job summary must stay small", () => {
    const invalid = outcome({ name: "paquet-fictif", status: "invalid", validationErrors: Array.from({ length: 45 }, (_, i) => locatedError(i + 2)) });
    const text = renderRunReport(run([invalid], false));
    expect(text).toContain("| paquet-fictif | ❌ données invalides |");
    expect(text).toContain("**45 erreur(s) :**");
    expect(text).toContain("- laureats.csv ligne 31, montant");
    expect(text).not.toContain("ligne 32,");
    expect(text).toContain("- … et 15 de plus (voir run-report.json)");
  });

  it("says why an SCDL file with no row is not on data.gouv.fr, and which SCDL fields the lauréats lack most", () => {
    const plan = {
      package: "paquet-fictif",
      dataset: { action: "unchanged" as const, id: "fictif", slug: "paquet-fictif", title: "Paquet fictif" },
      resources: [],
      reorder: false,
      withheld: [{ key: "subventions.csv", cause: "empty-scdl" as const, reason: "the SCDL export has no row" }],
    };
    const scdlExcluded = [
      { resource: "laureats" as const, key: "laureat-fictif-1", reason: "montant inconnu ; SIRET inconnu", fields: ["montant", "idBeneficiaire"] },
      { resource: "laureats" as const, key: "laureat-fictif-2", reason: "SIRET inconnu", fields: ["idBeneficiaire"] },
    ];
    const text = renderRunReport(run([outcome({ name: "paquet-fictif", status: "published", plan, scdlExcluded })]));
    expect(text).toContain("Fichier SCDL subventions.csv non proposé sur data.gouv.fr : il n'a aucune ligne");
    expect(text).toContain("(2 lauréats exclus)");
    expect(text).toContain("Informations manquantes, par champ SCDL (nombre de lauréats) : idBeneficiaire (2), montant (1).");
    expect(text).toContain("- laureat-fictif-2 : SIRET inconnu");
    // Offered again: nothing said about an absence.
    expect(renderRunReport(run([outcome({ name: "paquet-fictif", status: "published", plan: { ...plan, withheld: [] }, scdlExcluded })]))).not.toContain("non proposé");
  });

  it("lists the lauréats left out of the SCDL export, with why", () => {
    const text = renderRunReport(run([outcome({ name: "paquet-fictif", status: "built", scdlExcluded: [{ resource: "laureats", key: "laureat-fictif-1", reason: "montant inconnu", fields: ["montant"] }] })]));
    expect(text).toContain("Lauréats absents de l'export SCDL (1) :\n\n- laureat-fictif-1 : montant inconnu");
  });

  it("tells an unchanged package checked in sync on data.gouv.fr from one whose drift was repaired", () => {
    const inSync = outcome({ name: "paquet-fictif", status: "unchanged", remoteCheck: { instance: "https://demo.data.gouv.fr", drift: [] } });
    expect(renderRunReport(run([inSync]))).toContain("| paquet-fictif | ⏸ inchangé (vérifié sur data.gouv.fr) |");
    const repaired = outcome({ name: "paquet-fictif", status: "published", remoteCheck: { instance: "https://demo.data.gouv.fr", drift: ["resource appels.csv deleted on the site"] } });
    const text = renderRunReport(run([repaired]));
    expect(text).toContain("| paquet-fictif | ✅ publié (écarts corrigés sur data.gouv.fr) |");
    expect(text).toContain("Écarts trouvés sur https://demo.data.gouv.fr (modifications faites hors du pipeline) :\n\n- resource appels.csv deleted on the site");
  });
});
