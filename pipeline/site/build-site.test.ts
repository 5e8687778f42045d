import { describe, expect, it } from "vitest";
import type { ChangeHistory } from "../package/changes/change-history.ts";
import { buildSite } from "./build-site.ts";
import { formatInteger } from "./format.ts";
import type { SiteInput, SitePackage, SiteTable } from "./types.ts";

/** Synthetic, and hostile on purpose: every text a cell can hold tries to become markup. */
const XSS = `<script>alert("x")</script>`;
const ATTR = `"><img src=x onerror=alert(1)>`;

const table = (name: string, rows: SiteTable["rows"]): SiteTable => ({ name, title: `Table ${name}`, description: "", path: `${name}.csv`, mediatype: "text/csv", bytes: 10, fields: [], rows, rowCount: rows.length });

function hostilePackage(): SitePackage {
  return {
    name: "paquet-test",
    title: `Paquet ${XSS}`,
    description: `Première ligne **en gras** ${ATTR}\n\n- un ${XSS}\n- deux`,
    version: "1.0.0",
    updatedAt: "2026-05-01T08:00:00.000Z",
    tables: [
      table("programmes", [{ id: "prog", nom: `Programme ${ATTR}` }]),
      table("appels", [{ id: "a1", titre: `Appel ${XSS}`, programme_id: "prog", type_appel: "guichet", date_ouverture: "2026-01-01", date_cloture: "2026-12-31", url_source: "javascript:alert(1)" }]),
      table("laureats", [
        { id: "l1", appel_id: "a1", titre: `Projet ${XSS}`, nom_porteur: ATTR, ministere: `Ministère ${ATTR}`, montant_accorde: 1234567, date_decision: "2026-02-03", statut: "terminé", url_source: "https://exemple.test/l1" },
        { id: "l2", appel_id: "a1", titre: "Projet deux", nom_porteur: null, ministere: null, montant_accorde: null, date_decision: null, statut: "en cours", url_source: `javascript:alert(2)` },
      ]),
    ],
    downloads: {
      laureats: [{ path: "laureats.csv", label: "Lauréats (CSV)", description: ATTR, mediatype: "text/csv", bytes: 10 }],
      "": [{ path: "datapackage.json", label: "Descripteur", description: "", mediatype: "application/json", bytes: 5 }],
    },
    report: {
      valid: false,
      stats: { tasks: 1, errors: 1, warnings: 0, seconds: 0 },
      warnings: [],
      errors: [],
      tasks: [
        {
          name: "laureats",
          type: "table",
          place: "laureats.csv",
          valid: false,
          labels: [],
          stats: { errors: 1, warnings: 0, seconds: 0, rows: 2, fields: 3, bytes: 10 },
          warnings: [],
          errors: [{ type: "type-error", title: "Type Error", description: "", message: `The cell "${XSS}" is not a number`, note: "", tags: ["#cell"], rowNumber: 3, fieldName: "montant_accorde", cell: XSS }],
        },
      ],
    },
    changes: null,
    dataset: null,
  };
}

const history: ChangeHistory = {
  package: "paquet-test",
  runs: [
    {
      at: "2026-05-01T08:00:00.000Z",
      previousAt: "2026-04-01T08:00:00.000Z",
      tables: [
        {
          table: "laureats",
          primaryKey: ["id"],
          counts: { added: 1, removed: 1, modified: 1 },
          added: [{ id: "l9", titre: `Nouveau ${XSS}` }],
          removed: [{ id: "l0", titre: "Ancien" }],
          modified: [{ key: { id: "l1" }, changes: [{ field: "montant_accorde", before: "1000", after: `${ATTR}` }] }],
          truncated: false,
        },
      ],
    },
  ],
};

function site(pkg: SitePackage): Map<string, string> {
  const input: SiteInput = { now: new Date("2026-06-15T10:00:00Z"), packages: [pkg], schemas: [{ name: "laureats", descriptor: { name: "laureats", title: `Lauréats ${XSS}`, missingValues: [""], primaryKey: ["id"], fields: [{ name: "id", type: "string", constraints: { required: true, pattern: "^[a-z]+$" }, example: XSS }] } }] };
  return buildSite(input);
}

describe("buildSite", () => {
  it("lets no hostile cell, title, description, error or change become markup on any page", () => {
    const pkg = hostilePackage();
    const files = site({ ...pkg, changes: history });
    for (const [path, text] of files) {
      if (!path.endsWith(".html")) continue;
      expect(text, path).not.toContain("<script>alert");
      expect(text, path).not.toContain("<img src=x");
      expect(text, path).not.toMatch(/href="javascript:/i);
    }
    const page = files.get("paquets/paquet-test.html")!;
    expect(page).toContain("Projet &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("<strong>en gras</strong>");
    expect(page).toContain('<a href="https://exemple.test/l1" rel="noopener">');
    expect(files.get("qualite.html")).toContain("The cell &quot;&lt;script&gt;");
    expect(files.get("changements.html")).toContain("Nouveau &lt;script&gt;");
    expect(files.get("schemas/laureats.html")).toContain("<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code>");
  });

  it("puts key figures, charts with their text alternative and the full projects table on the package page", () => {
    const page = site(hostilePackage()).get("paquets/paquet-test.html")!;
    // French grouping: narrow no-break spaces between thousands.
    expect(page).toMatch(/1\s234\s567\s€/);
    expect(page).toMatch(/<svg class="aap-chart"[^>]*role="img" aria-labelledby="graphique-montant-appel-titre graphique-montant-appel-desc"/);
    expect(page).toContain('<desc id="graphique-projets-ministere-desc">');
    expect(page.match(/<tr data-appel=/g)).toHaveLength(2);
    expect(page).toContain("non publié");
    // The run's day (15 June 2026, Paris) is between the call's dates.
    expect(page).toMatch(/fr-badge--success">ouvert</);
    expect(page).toContain('src="../assets/filtres.js"');
    expect(page).toContain("Ce paquet n'est pas encore publié sur data.gouv.fr");
    expect(page).toContain("ne sont pas encore disponibles pour cette table");
  });

  it("links the dataset when published, and says politely what is not available yet", () => {
    const files = site({ ...hostilePackage(), report: null, dataset: { url: "https://demo.data.gouv.fr/datasets/paquet-test/", slug: "paquet-test" } });
    expect(files.get("paquets/paquet-test.html")).toContain('href="https://demo.data.gouv.fr/datasets/paquet-test/"');
    expect(files.get("changements.html")).toContain("L'historique des changements de ce paquet n'est pas encore disponible");
    expect(files.get("qualite.html")).toContain("Le rapport de validation de ce paquet n'est pas encore disponible");
    expect(files.get("badges/paquet-test.svg")).toContain("non validées");
  });

  it("gives counts and files, never figures of part of a table, when a table has more rows than the site reads", () => {
    const pkg = hostilePackage();
    const laureats = pkg.tables.find((t) => t.name === "laureats")!;
    const cut = { ...pkg, tables: pkg.tables.map((t) => (t === laureats ? { ...laureats, rowCount: 1_234_567 } : t)) };
    const page = site(cut).get("paquets/paquet-test.html")!;
    expect(page).toContain("Ce paquet compte trop de lignes");
    expect(page).toContain(formatInteger(1_234_567));
    expect(page).not.toContain('id="titre-laureats"');
    expect(site(pkg).get("paquets/paquet-test.html")).toContain('id="titre-laureats"');
    expect(site(pkg).get("paquets/paquet-test.html")).not.toContain("Ce paquet compte trop de lignes");
  });

  it("offers no file of an empty table (the SCDL export without a row), and says why", () => {
    const pkg = hostilePackage();
    const empty = { ...pkg, tables: [...pkg.tables, table("subventions", [])], downloads: { ...pkg.downloads, subventions: [{ path: "subventions.csv", label: "Subventions (CSV)", description: "", mediatype: "text/csv", bytes: 200 }] } };
    const page = site(empty).get("paquets/paquet-test.html")!;
    expect(page).not.toContain('href="../donnees/paquet-test/subventions.csv"');
    expect(page).toContain("Cette table n'a encore aucune ligne");
    expect(page).toContain('href="../donnees/paquet-test/laureats.csv"');
  });

  it("writes a red badge for an invalid package and lists its errors", () => {
    const files = site(hostilePackage());
    expect(files.get("badges/paquet-test.svg")).toContain('fill="#ce0500"');
    expect(files.get("qualite.html")).toMatch(/<strong>1 erreur<\/strong>/);
  });

  it("renders what changed per table, from changes.json", () => {
    const page = site({ ...hostilePackage(), changes: history }).get("changements.html")!;
    expect(page).toContain("laureats : 1 ligne ajoutée, 1 ligne retirée, 1 ligne modifiée");
    expect(page).toContain("<code>l0</code> — Ancien");
    expect(page).toContain("<code>montant_accorde</code> : <del>1000</del>");
  });

  it("uses only relative links, so the site works under any sub-path", () => {
    for (const [path, text] of site(hostilePackage())) {
      if (!path.endsWith(".html")) continue;
      for (const [, url] of text.matchAll(/(?:href|src)="([^"]*)"/g)) expect(url, `${path}: ${url}`).not.toMatch(/^\/(?!\/)/);
    }
  });
});
