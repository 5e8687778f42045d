import { describe, expect, it } from "vitest";
import { callState, groupBy, packageFigures, type Project } from "./figures.ts";
import type { SitePackage, SiteTable } from "./types.ts";

const table = (name: string, rows: SiteTable["rows"]): SiteTable => ({ name, title: name, description: "", path: `${name}.csv`, mediatype: "text/csv", bytes: 1, fields: [], rows, rowCount: rows.length });

function pkg(tables: SiteTable[]): SitePackage {
  return { name: "p", title: "P", description: "", version: "1.0.0", updatedAt: "2026-01-01T00:00:00.000Z", tables, downloads: {}, report: null, changes: null, dataset: null };
}

describe("callState", () => {
  it("tells open, coming, closed and unknown from the run's day, never from the machine's clock", () => {
    expect(callState("2026-01-01", "2026-12-31", "2026-06-15")).toBe("ouvert");
    expect(callState("2026-01-01", "2026-06-15", "2026-06-15")).toBe("ouvert");
    expect(callState("2026-01-01", "2026-06-14", "2026-06-15")).toBe("clos");
    expect(callState("2026-07-01", "", "2026-06-15")).toBe("à venir");
    expect(callState("2020-11-16", "", "2026-06-15")).toBe("clôture non publiée");
    expect(callState("", "", "2026-06-15")).toBe("dates non publiées");
  });
});

describe("packageFigures", () => {
  const tables = [
    table("programmes", [{ id: "prog", nom: "Programme A" }]),
    table("appels", [
      { id: "a1", titre: "Appel 1", programme_id: "prog", date_ouverture: "2026-01-01", date_cloture: "2026-03-31" },
      { id: "a2", titre: "Appel 2", programme_id: "prog", date_ouverture: "2026-01-01", date_cloture: "2026-01-31" },
    ]),
    table("laureats", [
      { id: "l1", appel_id: "a1", titre: "Un", ministere: "Culture", montant_accorde: 100, date_decision: "2025-05-01", statut: "terminé", code_region: "53" },
      { id: "l2", appel_id: "a1", titre: "Deux", ministere: "Culture", montant_accorde: null, date_decision: null, statut: "en cours", code_region: null },
      { id: "l3", appel_id: "a2", titre: "Trois", ministere: "Justice", montant_accorde: 50, date_decision: "2024-02-01", statut: "terminé", code_region: "99" },
    ]),
  ];

  it("counts calls, open calls, projects and the amount known, and counts unknown amounts apart", () => {
    // 2026-03-31 23:30 UTC is already 1 April in Paris: the first call has closed there.
    const late = packageFigures(pkg(tables), new Date("2026-03-31T23:30:00Z"))!;
    expect(late.openCalls).toBe(0);
    const figures = packageFigures(pkg(tables), new Date("2026-02-15T12:00:00Z"))!;
    expect({ calls: figures.calls, open: figures.openCalls, projects: figures.projects, granted: figures.granted, unknown: figures.unknownAmounts }).toEqual({ calls: 2, open: 1, projects: 3, granted: 150, unknown: 1 });
    const byCall = figures.groups.find((g) => g.key === "appel")!.groups;
    expect(byCall).toEqual([
      { label: "Appel 1", projects: 2, amount: 100, unknownAmounts: 1 },
      { label: "Appel 2", projects: 1, amount: 50, unknownAmounts: 0 },
    ]);
    expect(figures.groups.find((g) => g.key === "programme")!.groups[0]).toMatchObject({ label: "Programme A", projects: 3 });
    expect(figures.groups.find((g) => g.key === "annee")!.groups.map((g) => g.label)).toEqual(["2024", "2025", "non précisé"]);
    // Only codes INSEE knows name a region; the rest is "not said".
    expect(figures.groups.find((g) => g.key === "region")!.groups.map((g) => [g.label, g.projects])).toEqual([["Bretagne", 1], ["non précisé", 2]]);
  });

  it("draws no region chart when no lauréat says its region, and no figures for a package without calls or lauréats", () => {
    const noRegion = tables.map((t) => (t.name === "laureats" ? table("laureats", t.rows.map((r) => ({ ...r, code_region: null }))) : t));
    expect(packageFigures(pkg(noRegion), new Date("2026-02-15T12:00:00Z"))!.groups.map((g) => g.key)).toEqual(["appel", "programme", "ministere", "annee"]);
    expect(packageFigures(pkg([table("other", [])]), new Date())).toBeNull();
  });

  it("orders groups by amount, then projects, then name", () => {
    const project = (call: string, amount: number | null): Project => ({ id: call, title: "", holder: "", call, programme: "", ministry: "", amount, decision: "", status: "", source: null });
    expect(groupBy([project("b", null), project("a", null), project("c", 1)], (p) => p.call).map((g) => g.label)).toEqual(["c", "a", "b"]);
  });
});
