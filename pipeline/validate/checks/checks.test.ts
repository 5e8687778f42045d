import { describe, expect, it } from "vitest";
import { frenchChecks } from "../registry.ts";
import { CheckParamsError } from "./params.ts";
import { runCheck } from "../../../fakes/fixtures/run-check.ts";

const check = (name: string) => {
  const factory = frenchChecks[name];
  if (!factory) throw new Error(`no check ${name}`);
  return factory;
};

describe("french-siren-value", () => {
  it("reports the row and field of a SIREN with a wrong key, and nothing for valid, empty or malformed ones", async () => {
    const findings = await runCheck(check("french-siren-value"), { column: "siren" }, {
      fields: ["siren"],
      rows: [{ siren: "130025265" }, { siren: "130025266" }, { siren: null }, { siren: "12AB" }],
    });
    expect(findings).toEqual([{ rowNumber: 3, fieldName: "siren", note: expect.stringContaining("130025266") }]);
  });

  it("refuses a column the schema does not have, naming the parameter to fix", async () => {
    await expect(runCheck(check("french-siren-value"), { column: "sirne" }, { fields: ["siren"], rows: [] })).rejects.toThrow(
      CheckParamsError,
    );
    await expect(runCheck(check("french-siren-value"), {}, { fields: ["siren"], rows: [] })).rejects.toThrow(/parameter "column"/);
  });
});

describe("french-siret-value", () => {
  it("accepts a real SIRET and La Poste's exception, reports a wrong key", async () => {
    const findings = await runCheck(check("french-siret-value"), { column: "siret" }, {
      fields: ["siret"],
      rows: [{ siret: "13002526500013" }, { siret: "35600000000010" }, { siret: "13002526500012" }],
    });
    expect(findings.map((f) => [f.rowNumber, f.fieldName])).toEqual([[4, "siret"]]);
  });
});

describe("amount-not-above-cost", () => {
  it("reports an amount granted above the total cost, on the amount field", async () => {
    const findings = await runCheck(check("amount-not-above-cost"), { amount_column: "montant", cost_column: "cout" }, {
      fields: ["montant", "cout"],
      rows: [
        { montant: 300000, cout: 400000 },
        { montant: 400000, cout: 400000 },
        { montant: 500000, cout: 400000 },
        { montant: 500000, cout: null },
      ],
    });
    expect(findings).toEqual([{ rowNumber: 4, fieldName: "montant", note: "montant 500000 est supérieur à cout 400000" }]);
  });
});

describe("rate-matches-amounts", () => {
  const params = { rate_column: "taux", amount_column: "montant", cost_column: "cout" };
  const fields = ["taux", "montant", "cout"];

  it("accepts a rate rounded to the percent and reports one no rounding explains", async () => {
    const findings = await runCheck(check("rate-matches-amounts"), params, {
      fields,
      rows: [
        { taux: 0.75, montant: 300000, cout: 400000 },
        { taux: 0.33, montant: 100000, cout: 300000 },
        { taux: 0.6, montant: 300000, cout: 400000 },
        { taux: 75, montant: 300000, cout: 400000 },
        { taux: 0.5, montant: 300000, cout: 0 },
        { taux: 0.5, montant: null, cout: 400000 },
      ],
    });
    expect(findings.map((f) => [f.rowNumber, f.fieldName])).toEqual([
      [4, "taux"],
      [5, "taux"],
    ]);
    expect(findings[0]?.note).toBe("taux 0.6 diffère de montant / cout = 0.75 (écart toléré : 0.005)");
  });

  it("uses the tolerance the schema declares", async () => {
    const findings = await runCheck(check("rate-matches-amounts"), { ...params, tolerance: 0.1 }, {
      fields,
      rows: [{ taux: 0.7, montant: 300000, cout: 400000 }],
    });
    expect(findings).toEqual([]);
  });
});

describe("decision-date-in-call-window", () => {
  const params = { date_column: "date_decision", call_column: "appel_id" };
  const appels = [
    { id: "appel-fictif-a", date_ouverture: "2021-06-24" },
    { id: "appel-fictif-b", date_ouverture: null },
  ];

  it("reports a decision before the call's opening, read from the package's calls", async () => {
    const findings = await runCheck(check("decision-date-in-call-window"), params, {
      fields: ["appel_id", "date_decision"],
      rows: [
        { appel_id: "appel-fictif-a", date_decision: "2021-11-28" },
        { appel_id: "appel-fictif-a", date_decision: "2021-06-24" },
        { appel_id: "appel-fictif-a", date_decision: "2021-01-15" },
        { appel_id: "appel-fictif-b", date_decision: "2001-01-01" },
        { appel_id: "appel-inconnu", date_decision: "2001-01-01" },
        { appel_id: "appel-fictif-a", date_decision: null },
      ],
      packageRows: { appels },
    });
    expect(findings).toEqual([
      {
        rowNumber: 4,
        fieldName: "date_decision",
        note: 'date_decision 2021-01-15 précède l\'ouverture de l\'appel "appel-fictif-a" (2021-06-24)',
      },
    ]);
  });

  it("checks nothing for a table validated outside a package", async () => {
    const findings = await runCheck(check("decision-date-in-call-window"), params, {
      fields: ["appel_id", "date_decision"],
      rows: [{ appel_id: "appel-fictif-a", date_decision: "2001-01-01" }],
    });
    expect(findings).toEqual([]);
  });

  it("refuses a calls resource the package does not have", async () => {
    await expect(
      runCheck(check("decision-date-in-call-window"), { ...params, calls_resource: "calls" }, {
        fields: ["appel_id", "date_decision"],
        rows: [],
        packageRows: { appels },
      }),
    ).rejects.toThrow(/"calls_resource" names "calls"/);
  });
});

describe("one-of-required", () => {
  it("reports rows where both columns are empty", async () => {
    const findings = await runCheck(check("one-of-required"), { column1: "siret", column2: "rna" }, {
      fields: ["siret", "rna"],
      rows: [{ siret: "13002526500013", rna: null }, { siret: null, rna: "W000000000" }, { siret: null, rna: null }],
    });
    expect(findings.map((f) => [f.rowNumber, f.fieldName])).toEqual([[4, "siret"]]);
  });
});
