import type { PackageFreshness } from "./freshness.ts";

/** The watchdog's alert, in French for the data team: which package, how old, what it promised, what to do. */
export function staleMessage(results: readonly PackageFreshness[], instance: string, checkedAt: Date): string {
  const late = results.filter((r) => r.status === "stale" || r.status === "missing");
  const lines = [`### ⏰ Jeux de données en retard sur ${instance} (vérifié le ${checkedAt.toISOString()})`, ""];
  for (const r of late) lines.push(`- ${describeLate(r)}`);
  lines.push(
    "",
    "**Que faire :** vérifier que le workflow nocturne tourne encore (onglet Actions : GitHub désactive les workflows planifiés",
    "d'un dépôt public après 60 jours sans activité ; le réactiver avec « Enable workflow »), lire ses dernières exécutions,",
    "puis lancer une exécution à la main (Run workflow).",
  );
  return lines.join("\n");
}

function describeLate(r: PackageFreshness): string {
  if (r.status === "missing") return `**${r.name}** : aucun jeu de données trouvé (jamais publié, ou supprimé).`;
  const days = (hours: number) => `${(hours / 24).toFixed(1).replace(".", ",")} jours`;
  const sources = [r.modifiedAt && `modifié sur data.gouv.fr le ${r.modifiedAt}`, r.lastSuccessAt && `dernière exécution réussie le ${r.lastSuccessAt}`].filter(Boolean).join(", ");
  return `**${r.name}** : à jour il y a ${days(r.ageHours ?? 0)} (${sources}) ; sa fréquence déclarée, « ${r.frequency} », permet ${days(r.allowedHours ?? 0)}.${r.dataset?.page ? ` ${r.dataset.page}` : ""}`;
}

/** One line per package for a person at a terminal (English, like the rest of the CLI). */
export function freshnessLine(r: PackageFreshness): string {
  const age = (hours: number) => (hours >= 48 ? `${(hours / 24).toFixed(1)} days` : `${hours.toFixed(1)} hours`);
  switch (r.status) {
    case "missing":
      return `${r.name}: STALE: no dataset found on data.gouv.fr (never published, or deleted)`;
    case "unchecked":
      return `${r.name}: not checked: frequency "${r.frequency}" promises no rhythm`;
    default: {
      const basis = [r.modifiedAt && `dataset modified ${r.modifiedAt}`, r.lastSuccessAt && `last successful run ${r.lastSuccessAt}`].filter(Boolean).join(", ");
      const verdict = r.status === "stale" ? "STALE" : "fresh";
      return `${r.name}: ${verdict}: ${age(r.ageHours ?? 0)} old (${basis}); frequency "${r.frequency}" allows ${age(r.allowedHours ?? 0)}`;
    }
  }
}
