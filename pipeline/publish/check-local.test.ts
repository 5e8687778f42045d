import { describe, expect, it } from "vitest";
import { checkLocalDataset } from "./check-local.ts";
import { normaliseTags, uploadedTitle } from "./slugify.ts";
import type { LocalDataset } from "./types.ts";
import { titlesAfterUpload, uploadName } from "./upload-name.ts";

const base: LocalDataset = {
  package: "paquet-fictif", title: "Titre fictif", description: "Fictif", license: "etalab-2.0", frequency: "daily",
  tags: ["appels-a-projets"], private: true, extras: {}, resources: [],
};

describe("checkLocalDataset", () => {
  it("accepts a valid package and maps licence names case-insensitively", () => {
    expect(() => checkLocalDataset(base)).not.toThrow();
    expect(() => checkLocalDataset({ ...base, license: "ODbL-1.0" })).not.toThrow();
  });

  it.each<[Partial<LocalDataset>, string]>([
    [{ valid: false }, "invalid-package"],
    [{ license: "licence-maison" }, "unknown-license"],
    [{ frequency: "parfois" }, "unknown-frequency"],
    [{ tags: ["ok-tag", "ab"] }, "invalid-tag"],
  ])("refuses %j with code %s before any call", (patch, code) => {
    expect(() => checkLocalDataset({ ...base, ...patch })).toThrow(expect.objectContaining({ code, package: "paquet-fictif" }));
  });
});

describe("udata normalisation", () => {
  it("slugifies tags as the server stores them and names uploads after the file", () => {
    expect(normaliseTags([" Aaa bBB $$ $$-µ  ", "Économie", "economie"])).toEqual(["aaa-bbb-u", "economie"]);
    expect(uploadedTitle("Lauréats_2024.csv")).toBe("laureats-2024.csv");
    // udata's default upload allow-list has no "md": sent as text, and recognised under that name.
    expect(uploadName("/paquet/documentation.md")).toBe("documentation.md.txt");
    expect(titlesAfterUpload("/paquet/Documentation.md")).toEqual(["documentation.md.txt", "Documentation.md.txt"]);
    expect(uploadName("/paquet/appels.csv")).toBe("appels.csv");
  });
});
