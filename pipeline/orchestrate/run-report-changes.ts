import type { Row, RunChanges, TableChanges } from "../package/changes/change-history.ts";

/** The run report's "what changed" part: counts per table, then the few rows the report keeps. */
export function changesSection(run: RunChanges | undefined): string[] {
  if (!run) return [];
  const intro =
    run.previousAt === null
      ? "Ce qui a changé : première version publiée, toutes les lignes sont nouvelles."
      : `Ce qui a changé depuis la version du ${run.previousAt} :`;
  const lines = ["", intro, "", "| table | ajoutées | supprimées | modifiées |", "|---|---|---|---|"];
  for (const t of run.tables) lines.push(`| ${t.table} | ${t.counts.added} | ${t.counts.removed} | ${t.counts.modified} |`);
  const examples = run.tables.flatMap(tableExamples);
  if (examples.length > 0) lines.push("", ...examples);
  if (run.tables.some((t) => t.truncated)) lines.push("", "Liste complète des lignes (dans la limite gardée) : `changes.json` du paquet.");
  return lines;
}

function tableExamples(t: TableChanges): string[] {
  const key = (row: Row) => short(t.primaryKey.length > 0 ? t.primaryKey.map((field) => row[field] ?? "").join(" / ") : Object.values(row).slice(0, 3).join(" / "));
  return [
    ...(t.previousPrimaryKey ? [`- ${t.table} : clé primaire changée (${t.previousPrimaryKey.join(", ")} → ${t.primaryKey.join(", ")})`] : []),
    ...t.added.map((row) => `- ${t.table}, ajoutée : ${key(row)}`),
    ...t.removed.map((row) => `- ${t.table}, supprimée : ${key(row)}`),
    ...t.modified.map((m) => `- ${t.table}, modifiée : ${key(m.key)} (${m.changes.map((c) => `${c.field} : « ${short(c.before)} » → « ${short(c.after)} »`).join(" ; ")})`),
  ];
}

/** One line per row in the report, whatever the cells hold. */
function short(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
