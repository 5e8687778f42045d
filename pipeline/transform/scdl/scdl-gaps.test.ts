import { describe, expect, it } from "vitest";
import { scdlGaps } from "./scdl-gaps.ts";

const excluded = (key: string, fields: string[]) => ({ resource: "laureats" as const, key, reason: "raisons fictives", fields });

describe("scdlGaps", () => {
  it("counts the lauréats lacking each SCDL field, the most lacking first, each lauréat once per field", () => {
    expect(
      scdlGaps([
        excluded("laureat-fictif-1", ["idAttribuant", "idBeneficiaire"]),
        excluded("laureat-fictif-2", ["montant", "idBeneficiaire"]),
        excluded("laureat-fictif-3", ["idBeneficiaire", "idBeneficiaire"]),
      ]),
    ).toEqual([
      { field: "idBeneficiaire", laureats: 3 },
      { field: "idAttribuant", laureats: 1 },
      { field: "montant", laureats: 1 },
    ]);
  });

  it("is empty when no lauréat is left out", () => {
    expect(scdlGaps([])).toEqual([]);
  });
});
