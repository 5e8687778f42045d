import { describe, expect, it } from "vitest";
import { deriveDatasetMetadata } from "./derive-dataset-metadata.ts";

const declaration = { keywords: ["appel-a-projets"], datagouv: { tags: ["france-relance", "ftap"] } };

describe("deriveDatasetMetadata", () => {
  it("covers from the first to the last opening, closing or decision date", () => {
    const metadata = deriveDatasetMetadata({
      appels: [
        { date_ouverture: "2020-11-16", date_cloture: "2020-12-19" },
        { date_ouverture: "2018-06-20", date_cloture: null },
      ],
      laureats: [{ date_decision: "2023-07-06" }, { date_decision: null }],
      declaration,
    });
    expect(metadata.temporalCoverage).toEqual({ start: "2018-06-20", end: "2023-07-06" });
    expect(metadata.frequency).toBe("daily");
  });

  it("has no temporal coverage when no row carries a date", () => {
    const metadata = deriveDatasetMetadata({ appels: [{ date_ouverture: null }], laureats: [], declaration });
    expect(metadata.temporalCoverage).toBeUndefined();
  });

  it("covers France as a whole when no lauréat names a territory", () => {
    const metadata = deriveDatasetMetadata({ appels: [], laureats: [{ code_region: null }], declaration });
    expect(metadata.spatial).toEqual({ zones: ["country:fr"], granularity: "country" });
  });

  it("lists the regions present, once each, when lauréats carry region codes", () => {
    const metadata = deriveDatasetMetadata({
      appels: [],
      laureats: [{ code_region: "84" }, { code_region: "01" }, { code_region: "84", code_departement: "2A" }],
      declaration,
    });
    expect(metadata.spatial).toEqual({ zones: ["fr:region:01", "fr:region:84"], granularity: "fr:region" });
  });

  it("falls back to departments when lauréats carry only department codes", () => {
    const metadata = deriveDatasetMetadata({
      appels: [],
      laureats: [{ code_departement: "971" }, { code_departement: "2B" }],
      declaration,
    });
    expect(metadata.spatial).toEqual({ zones: ["fr:departement:2B", "fr:departement:971"], granularity: "fr:departement" });
  });

  it("makes tags data.gouv.fr accepts: slugs of 3 to 96 characters, without duplicates", () => {
    const metadata = deriveDatasetMetadata({
      appels: [],
      laureats: [],
      declaration: {
        keywords: ["Transformation numérique", "ftap", "IA", "x".repeat(120)],
        datagouv: { tags: ["france-relance", "ftap"] },
      },
    });
    expect(metadata.tags).toEqual(["france-relance", "ftap", "transformation-numerique", "x".repeat(96)]);
  });
});
