import { parisDay } from "./format.ts";
import { REGION_NAMES } from "./regions.ts";
import type { Cell, Record_, SitePackage } from "./types.ts";

/**
 * What the package page shows, computed from the published tables `programmes`, `appels` and
 * `laureats` (schemas/). A package without them simply has no figures: the page then lists
 * its tables. Unknown amounts are counted, never taken as zero.
 */
export interface Project {
  id: string;
  title: string;
  holder: string;
  call: string;
  programme: string;
  ministry: string;
  amount: number | null;
  decision: string;
  status: string;
  source: string | null;
}

export type CallState = "ouvert" | "à venir" | "clos" | "clôture non publiée" | "dates non publiées";

export interface Call {
  id: string;
  title: string;
  programme: string;
  kind: string;
  opens: string;
  closes: string;
  state: CallState;
  source: string | null;
}

export interface Group {
  label: string;
  projects: number;
  /** Sum of the amounts known. */
  amount: number;
  unknownAmounts: number;
}

export interface Figures {
  calls: number;
  openCalls: number;
  projects: number;
  granted: number;
  unknownAmounts: number;
  projectsList: Project[];
  callsList: Call[];
  groups: { key: string; title: string; groups: Group[] }[];
}

const NOT_SAID = "non précisé";

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? "" : String(cell));

export function packageFigures(pkg: SitePackage, now: Date): Figures | null {
  if (tooLongForFigures(pkg)) return null;
  const rowsOf = (name: string) => pkg.tables.find((table) => table.name === name)?.rows;
  const laureats = rowsOf("laureats");
  const appels = rowsOf("appels");
  if (!laureats && !appels) return null;
  const programmes = new Map((rowsOf("programmes") ?? []).map((row) => [text(row.id), text(row.nom)]));
  const calls = new Map((appels ?? []).map((row) => [text(row.id), row]));
  const today = parisDay(now);

  const callsList = (appels ?? []).map((row) => toCall(row, programmes, today));
  const projectsList = (laureats ?? []).map((row) => toProject(row, calls, programmes));
  const byYear = (project: Project) => project.decision.slice(0, 4) || NOT_SAID;
  const regionOf = new Map((laureats ?? []).map((row) => [text(row.id), text(row.code_region)]));
  const byRegion = (project: Project) => REGION_NAMES[regionOf.get(project.id) ?? ""] ?? NOT_SAID;

  const groups = [
    { key: "appel", title: "par appel à projets", groups: groupBy(projectsList, (p) => p.call) },
    { key: "programme", title: "par programme", groups: groupBy(projectsList, (p) => p.programme) },
    { key: "ministere", title: "par ministère", groups: groupBy(projectsList, (p) => p.ministry) },
    { key: "annee", title: "par année de décision", groups: groupBy(projectsList, byYear).sort((a, b) => a.label.localeCompare(b.label)) },
  ];
  // A region chart only where the data says where projects are.
  if ([...regionOf.values()].some((code) => REGION_NAMES[code])) groups.push({ key: "region", title: "par région", groups: groupBy(projectsList, byRegion) });

  const known = projectsList.filter((p) => p.amount !== null);
  return {
    calls: callsList.length,
    openCalls: callsList.filter((call) => call.state === "ouvert").length,
    projects: projectsList.length,
    granted: known.reduce((sum, p) => sum + p.amount!, 0),
    unknownAmounts: projectsList.length - known.length,
    projectsList,
    callsList,
    groups,
  };
}

/** Whether a table the figures read holds more rows than the site reads (SITE_MAX_ROWS). */
export function tooLongForFigures(pkg: SitePackage): boolean {
  return pkg.tables.some((table) => ["laureats", "appels", "programmes"].includes(table.name) && table.rowCount > table.rows.length);
}

function toProject(row: Record_, calls: Map<string, Record_>, programmes: Map<string, string>): Project {
  const call = calls.get(text(row.appel_id));
  const programmeId = text(call?.programme_id);
  return {
    id: text(row.id),
    title: text(row.titre),
    holder: text(row.nom_porteur),
    call: text(call?.titre) || text(row.appel_id) || NOT_SAID,
    programme: programmes.get(programmeId) || programmeId || NOT_SAID,
    ministry: text(row.ministere) || NOT_SAID,
    amount: typeof row.montant_accorde === "number" ? row.montant_accorde : null,
    decision: text(row.date_decision),
    status: text(row.statut) || NOT_SAID,
    source: text(row.url_source) || null,
  };
}

function toCall(row: Record_, programmes: Map<string, string>, today: string): Call {
  const opens = text(row.date_ouverture);
  const closes = text(row.date_cloture);
  const programmeId = text(row.programme_id);
  return {
    id: text(row.id),
    title: text(row.titre),
    programme: programmes.get(programmeId) || programmeId,
    kind: text(row.type_appel),
    opens,
    closes,
    state: callState(opens, closes, today),
    source: text(row.url_source) || null,
  };
}

/**
 * ISO dates compare as text. A call opened with no published closing date is not said to be
 * open: many such windows closed long ago without the date being published.
 */
export function callState(opens: string, closes: string, today: string): CallState {
  if (!opens && !closes) return "dates non publiées";
  if (closes && closes < today) return "clos";
  if (opens && opens > today) return "à venir";
  return closes ? "ouvert" : "clôture non publiée";
}

/** Largest amount first, then most projects, then by name: a stable order for charts and tables. */
export function groupBy(projects: readonly Project[], key: (project: Project) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const project of projects) {
    const label = key(project);
    const group = groups.get(label) ?? { label, projects: 0, amount: 0, unknownAmounts: 0 };
    group.projects += 1;
    if (project.amount === null) group.unknownAmounts += 1;
    else group.amount += project.amount;
    groups.set(label, group);
  }
  return [...groups.values()].sort((a, b) => b.amount - a.amount || b.projects - a.projects || a.label.localeCompare(b.label, "fr"));
}
