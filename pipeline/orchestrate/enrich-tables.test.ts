import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeRechercheEntreprises, type FakeRechercheEntreprises } from "../../fakes/sources/recherche-entreprises/recherche-entreprises-server.ts";
import type { Declaration, ResourceDeclaration } from "../declaration/types.ts";
import type { Table } from "../transform/table.ts";
import { enrichTables } from "./enrich-tables.ts";

/** Synthetic organisations of the fake directory; the SIRENs are made up. */
const KNOWN = { siren: "999000001", nom_complet: "ORGANISME FICTIF UN", nature_juridique: "7389", complements: { est_service_public: true } };
const OTHER = { siren: "999000002", nom_complet: "ORGANISME FICTIF DEUX", nature_juridique: "7210", complements: { est_service_public: false } };

let fake: FakeRechercheEntreprises;
let dir: string;
beforeAll(async () => {
  fake = await startFakeRechercheEntreprises([KNOWN, OTHER]);
  dir = await mkdtemp(join(tmpdir(), "aap-enrich-"));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

function declaration(resources: ResourceDeclaration[]): Declaration {
  return { name: "paquet-fictif", title: "", description: "", version: "1.0.0", licenses: [], keywords: [], contributors: [], datagouv: { frequency: "daily", tags: [], private: false }, resources, file: join(dir, "datapackage.yaml"), dir };
}

function laureats(rows: unknown[][]): Table {
  const fields = ["id", "siren_porteur", "nom_porteur", "porteur_service_public"].map((name) => ({ name, type: "string" as const }));
  return { name: "laureats", schema: { fields, missingValues: [""] }, rows };
}

describe("enrichTables", () => {
  it("fills only the empty cells of the resources that ask for it, and counts what it did", async () => {
    const enrich = { siren: "siren_porteur", fill: { nom_porteur: "nomComplet", porteur_service_public: "estServicePublic" } } as const;
    const table = laureats([
      ["l1", "999000001", null, null],
      ["l2", "999000002", "Nom donné par la source", null],
      ["l3", "999000009", null, null],
      ["l4", null, null, null],
    ]);
    const untouched = { ...laureats([["a1", "999000001", null, null]]), name: "appels" };
    const summary = await enrichTables(
      declaration([{ name: "laureats", schema: "x.json", enrich: { ...enrich, baseUrl: fake.url } }, { name: "appels", schema: "y.json" }]),
      [table, untouched],
      { cacheFile: join(dir, "sirens.json") },
    );
    expect(table.rows).toEqual([
      ["l1", "999000001", "ORGANISME FICTIF UN", true],
      ["l2", "999000002", "Nom donné par la source", false],
      ["l3", "999000009", null, null],
      ["l4", null, null, null],
    ]);
    expect(untouched.rows).toEqual([["a1", "999000001", null, null]]);
    expect(summary).toEqual({ sirens: 3, found: 2, cellsFilled: 3 });
  });

  it("asks nothing when no cell needs filling", async () => {
    const before = fake.queries.length;
    const table = laureats([["l1", "999000001", "Nom donné", false]]);
    const summary = await enrichTables(
      declaration([{ name: "laureats", schema: "x.json", enrich: { siren: "siren_porteur", fill: { nom_porteur: "nomComplet", porteur_service_public: "estServicePublic" }, baseUrl: fake.url } }]),
      [table],
      { cacheFile: join(dir, "other.json") },
    );
    expect(summary).toEqual({ sirens: 0, found: 0, cellsFilled: 0 });
    expect(fake.queries.length).toBe(before);
  });
});
