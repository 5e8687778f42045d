import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchema, validateSchemaDescriptor, validatePackage, validateSource, validateTable, type Report, type Resource } from "../pipeline/frictionless/index.ts";
import { readFileSync } from "node:fs";
import { frenchChecks } from "../pipeline/validate/registry.ts";

/**
 * The examples next to each schema, validated as a user would with `aap validate`: the
 * valid ones pass with our custom checks, the invalid ones fail with exactly the errors
 * their descriptions announce. Tables linked by foreign keys are validated together, as
 * one package, so that the links and the cross-table check can be followed.
 */
const root = import.meta.dirname;
const LINKED = ["programmes", "appels", "laureats"] as const;

async function resource(name: string, example: "valide" | "invalide"): Promise<Resource> {
  return { name, path: `${name}/exemple-${example}.csv`, format: "csv", schema: await loadSchema(join(root, name, "schema.json")) };
}

async function validateLinked(invalid?: (typeof LINKED)[number]): Promise<Report> {
  const resources = await Promise.all(LINKED.map((name) => resource(name, name === invalid ? "invalide" : "valide")));
  return validatePackage({ resources }, { checks: frenchChecks, basePath: root });
}

function located(report: Report, task: string): [number | undefined, string | undefined, string][] {
  const found = report.tasks.find((t) => t.name === task);
  return (found?.errors ?? []).map((error) => [error.rowNumber, error.fieldName, error.type]);
}

describe("schema examples", () => {
  it.each(["programmes", "appels", "laureats", "scdl-subventions"])("%s/schema.json is a valid Table Schema", (name) => {
    expect(validateSchemaDescriptor(JSON.parse(readFileSync(join(root, name, "schema.json"), "utf8")))).toEqual([]);
  });

  it("the valid examples of the linked tables pass, custom checks included", async () => {
    const report = await validateLinked();
    expect(report.errors).toEqual([]);
    expect(report.tasks.flatMap((task) => task.errors.map((e) => `${task.name}: ${e.message}`))).toEqual([]);
    expect(report.tasks.flatMap((task) => task.warnings)).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it("schemas/datapackage.json, the examples package `aap validate` is pointed at, is valid", async () => {
    const report = await validateSource({ path: join(root, "datapackage.json"), checks: frenchChecks });
    expect(report.errors.map((e) => e.message)).toEqual([]);
    expect(report.tasks.map((task) => [task.name, task.valid, task.stats.rows])).toEqual([
      ["programmes", true, 2],
      ["appels", true, 3],
      ["laureats", true, 3],
      ["subventions", true, 2],
    ]);
  });

  it("programmes/exemple-invalide.csv fails where its rows say", async () => {
    expect(located(await validateLinked("programmes"), "programmes")).toEqual([
      [2, "siren_gestionnaire", "french-siren-value"],
      [3, "enveloppe", "constraint-error"],
      [4, "url_source", "constraint-error"],
    ]);
  });

  it("appels/exemple-invalide.csv fails where its rows say", async () => {
    expect(located(await validateLinked("appels"), "appels")).toEqual([
      [2, "date_ouverture", "type-error"],
      [3, "taux_cofinancement_max", "constraint-error"],
      [4, "type_appel", "constraint-error"],
      [5, "siret_gestionnaire", "french-siret-value"],
      [6, undefined, "foreign-key"],
      [7, "nb_candidatures", "type-error"],
      [8, "nb_laureats_annonces", "constraint-error"],
    ]);
  });

  it("laureats/exemple-invalide.csv fails where its rows say, each custom check once", async () => {
    expect(located(await validateLinked("laureats"), "laureats")).toEqual([
      [2, "siren_porteur", "french-siren-value"],
      [3, "montant_accorde", "amount-not-above-cost"],
      [4, "taux_cofinancement", "rate-matches-amounts"],
      [5, "date_decision", "decision-date-in-call-window"],
      [6, "code_departement", "constraint-error"],
      [7, "statut", "constraint-error"],
      [8, undefined, "foreign-key"],
      [9, "montant_accorde", "type-error"],
    ]);
  });

  it("scdl-subventions: the valid example passes and the invalid one fails where its rows say", async () => {
    const schema = await loadSchema(join(root, "scdl-subventions", "schema.json"));
    const options = { checks: frenchChecks, basePath: root };
    const valid = await validateTable({ name: "subventions", path: "scdl-subventions/exemple-valide.csv", schema }, options);
    expect(valid.errors.map((e) => e.message)).toEqual([]);
    const invalid = await validateTable({ name: "subventions", path: "scdl-subventions/exemple-invalide.csv", schema }, options);
    expect(invalid.errors.map((e) => [e.rowNumber, e.fieldName, e.type])).toEqual([
      [2, "idAttribuant", "french-siret-value"],
      [3, "idBeneficiaire", "one-of-required"],
      [4, "nature", "constraint-error"],
      [5, "pourcentageSubvention", "constraint-error"],
    ]);
  });
});
