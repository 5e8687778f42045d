import { describe, expect, it } from "vitest";
import { planFromState } from "./offline-plan.ts";
import type { LocalDataset, LocalResource } from "./types.ts";

const resource = (key: string): LocalResource => ({ key, file: `/tmp/${key}`, title: key, description: "", type: "main", format: "csv", extras: {}, provenance: {} });
const local: LocalDataset = {
  package: "paquet-fictif",
  title: "Paquet fictif",
  description: "Description fictive.",
  license: "etalab-2.0",
  frequency: "daily",
  tags: [],
  private: true,
  extras: {},
  resources: [resource("appels.csv"), resource("laureats.csv"), resource("documentation.md")],
};
const files = new Map([
  ["appels.csv", { sha1: "a1", size: 10 }],
  ["laureats.csv", { sha1: "b2", size: 20 }],
  ["documentation.md", { sha1: "c3", size: 30 }],
]);

describe("planFromState", () => {
  it("plans to create everything on a first publication", () => {
    const plan = planFromState(local, { resources: {} }, files);
    expect(plan.dataset.action).toBe("create");
    expect(plan.resources.map((r) => r.action)).toEqual(["create", "create", "create"]);
  });

  it("compares files with what was last uploaded, and deletes what left the package", () => {
    const plan = planFromState(
      local,
      {
        datasetId: "0123456789abcdef01234567",
        resources: {
          "appels.csv": { id: "r1", sha1: "a1", size: 10 },
          "laureats.csv": { id: "r2", sha1: "old", size: 18 },
          "programmes.csv": { id: "r9", sha1: "z", size: 5 },
        },
      },
      files,
    );
    expect(plan.dataset).toMatchObject({ action: "unchanged", id: "0123456789abcdef01234567" });
    expect(plan.resources.map((r) => [r.key, r.action, r.id])).toEqual([
      ["appels.csv", "unchanged", "r1"],
      ["laureats.csv", "replace", "r2"],
      ["documentation.md", "create", undefined],
      ["programmes.csv", "delete", "r9"],
    ]);
  });

  it("deletes a withheld file the state says was uploaded, with why, and never uploads it", () => {
    const withheld = [{ key: "subventions.csv", cause: "empty-scdl" as const, reason: "the SCDL export has no row" }];
    const plan = planFromState({ ...local, withheld }, { datasetId: "0123456789abcdef01234567", resources: { "subventions.csv": { id: "r5", sha1: "s", size: 3 } } }, files);
    expect(plan.resources.filter((r) => r.key === "subventions.csv")).toEqual([{ key: "subventions.csv", action: "delete", title: "subventions.csv", id: "r5", remoteBytes: 3, reason: "the SCDL export has no row" }]);
    expect(plan.withheld).toEqual(withheld);
  });
});
