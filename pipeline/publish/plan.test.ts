import { describe, expect, it } from "vitest";
import type { RemoteDataset, RemoteResource } from "./datagouv/types.ts";
import { formatPlan } from "./format-plan.ts";
import { planPublication } from "./plan.ts";
import type { PackageState } from "./publication-state.ts";
import type { FileDigest, LocalDataset, LocalResource } from "./types.ts";

const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

function localResource(key: string, extra: Partial<LocalResource> = {}): LocalResource {
  return { key, file: `/tmp/fictif/${key}`, title: `Fichier fictif ${key}`, description: "Description fictive", type: "main", format: "csv", extras: { "aap:version": "1.0.0" }, provenance: { "aap:commit": "0000000" }, ...extra };
}

function local(resources: LocalResource[] = [localResource("appels.csv"), localResource("laureats.csv")]): LocalDataset {
  return {
    package: "paquet-fictif",
    title: "Appels à projets fictifs",
    description: "Jeu de données **fictif** pour les tests",
    license: "etalab-2.0",
    frequency: "daily",
    tags: ["Appels à projets", "test fictif"],
    private: false,
    extras: { "aap:schema": "fictif" },
    resources,
  };
}

function remoteResource(key: string | undefined, id: string, sha1: string, size: number, extra: Partial<RemoteResource> = {}): RemoteResource {
  return {
    id, title: key ? `Fichier fictif ${key}` : "sans-titre.csv", description: "Description fictive", type: "main", filetype: "file", url: `http://127.0.0.1/${id}`,
    checksum: { type: "sha1", value: sha1 }, filesize: size,
    extras: key ? { "aap:version": "1.0.0", "aap:key": key, "aap:commit": "1111111", "analysis:checked": true } : {},
    ...extra,
  };
}

function remoteDataset(resources: RemoteResource[], extra: Partial<RemoteDataset> = {}): RemoteDataset {
  return {
    id: "0123456789abcdef01234567", slug: "appels-a-projets-fictifs", title: "Appels à projets fictifs", description: "Jeu de données **fictif** pour les tests",
    license: "lov2", frequency: "daily", tags: ["test-fictif", "appels-a-projets"], private: false,
    extras: { "aap:schema": "fictif", "aap:package": "paquet-fictif", "check:available": true }, resources, ...extra,
  };
}

const files = new Map<string, FileDigest>([["appels.csv", { sha1: SHA_A, size: 10 }], ["laureats.csv", { sha1: SHA_B, size: 20 }]]);
const noState: PackageState = { resources: {} };

describe("planPublication", () => {
  it("creates the dataset and every resource when nothing exists yet", () => {
    const plan = planPublication(local(), undefined, noState, files);
    expect(plan.dataset.action).toBe("create");
    expect(plan.resources.map((step) => [step.key, step.action, step.bytes])).toEqual([["appels.csv", "create", 10], ["laureats.csv", "create", 20]]);
    expect(plan.reorder).toBe(true);
  });

  it("plans nothing when files, metadata and order match (tags compared as udata stores them)", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.dataset.action).toBe("unchanged");
    expect(plan.resources.map((step) => step.action)).toEqual(["unchanged", "unchanged"]);
    expect(plan.reorder).toBe(false);
  });

  it("replaces only the resource whose sha1 or size differs, on the same id", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 19)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources.map((step) => [step.action, step.id])).toEqual([["unchanged", "r1"], ["replace", "r2"]]);
  });

  it("lists the dataset fields that drifted, and ignores extras added by the platform", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20)], {
      title: "Titre modifié à la main", private: true, license: "notspecified",
    });
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.dataset).toMatchObject({ action: "update", fields: ["title", "license", "private"] });
  });

  it("updates resource metadata without provenance when only metadata changed", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10, { description: "modifiée" }), remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources[0]).toMatchObject({ action: "update-metadata", fields: ["description"], withProvenance: false });
  });

  it("deletes our resources that left the package and never touches others' resources", () => {
    const foreign = remoteResource(undefined, "foreign", SHA_A, 10, { title: "Ajout d'une autre personne" });
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("ancien.csv", "r3", SHA_B, 5), foreign, remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources.filter((step) => step.action === "delete").map((step) => step.id)).toEqual(["r3"]);
    expect(plan.resources.some((step) => step.id === "foreign")).toBe(false);
    // Ours first in package order, others after: r1, r2, foreign once r3 is gone.
    expect(plan.reorder).toBe(true);
  });

  it("matches by the id kept in the state even when the marker was removed by hand", () => {
    const unmarked = remoteResource("appels.csv", "r1", SHA_A, 10);
    unmarked.extras = {};
    const remote = remoteDataset([unmarked, remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const plan = planPublication(local(), remote, { resources: { "appels.csv": { id: "r1" } } }, files);
    expect(plan.resources[0]).toMatchObject({ action: "update-metadata", id: "r1", fields: ["extras"], withProvenance: true });
  });

  it("adopts the orphan of an interrupted upload (server title = normalised file name, same sha1) instead of uploading again", () => {
    const orphan = remoteResource(undefined, "orphan", SHA_B, 20, { title: "laureats.csv" });
    const remote = remoteDataset([orphan, remoteResource("appels.csv", "r1", SHA_A, 10)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources[1]).toMatchObject({ key: "laureats.csv", action: "update-metadata", id: "orphan", adopted: true, withProvenance: true });
    expect(plan.resources.some((step) => step.action === "create")).toBe(false);
  });

  it("does not adopt a foreign file with the same name but other content", () => {
    const lookalike = remoteResource(undefined, "other", SHA_A, 20, { title: "laureats.csv" });
    const remote = remoteDataset([lookalike, remoteResource("appels.csv", "r1", SHA_A, 10)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources[1]).toMatchObject({ key: "laureats.csv", action: "create" });
    expect(plan.resources.some((step) => step.id === "other")).toBe(false);
  });

  it("finishes an upload whose resource has no marker yet (its id in the state, the pending flag lost): metadata with provenance", () => {
    // The file is ours and on the server, but its metadata PUT, which carries the marker and the provenance, never happened.
    const uploaded = remoteResource(undefined, "r2", SHA_B, 20, { title: "laureats.csv" });
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), uploaded]);
    const state: PackageState = { resources: { "appels.csv": { id: "r1", sha1: SHA_A, size: 10 }, "laureats.csv": { id: "r2", sha1: SHA_B, size: 20 } } };
    const plan = planPublication(local(), remote, state, files);
    expect(plan.resources[1]).toMatchObject({ key: "laureats.csv", action: "update-metadata", id: "r2", withProvenance: true });
    expect(plan.resources[1]?.adopted).toBeUndefined();
    expect(plan.resources[0]).toMatchObject({ action: "unchanged", id: "r1" });
  });

  it("completes the metadata of an upload whose PUT did not happen (state says pending) with provenance", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const state: PackageState = { resources: { "laureats.csv": { id: "r2", sha1: SHA_B, size: 20, pendingMetadata: true } } };
    expect(planPublication(local(), remote, state, files).resources[1]).toMatchObject({ action: "update-metadata", withProvenance: true });
  });

  it("deletes a duplicate carrying our marker so that one resource per key remains", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("appels.csv", "dup", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20)]);
    const plan = planPublication(local(), remote, noState, files);
    expect(plan.resources.map((step) => [step.action, step.id])).toEqual([["unchanged", "r1"], ["unchanged", "r2"], ["delete", "dup"]]);
  });
});

describe("formatPlan", () => {
  it("says per resource what happens, with sizes, in text and in JSON", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 1500), remoteResource("ancien.csv", "r3", SHA_B, 5)], { title: "Ancien titre" });
    const plan = planPublication(local(), remote, noState, files);
    const text = formatPlan(plan, "text");
    expect(text).toContain("update metadata (title)");
    expect(text).toMatch(/appels\.csv\s+unchanged \(10 B\)/);
    expect(text).toMatch(/laureats\.csv\s+replace: upload 20 B \(was 1\.5 kB\)/);
    expect(text).toMatch(/ancien\.csv\s+delete r3/);
    const json = JSON.parse(formatPlan([plan], "json")) as { counts: Record<string, number>; uploadBytes: number }[];
    expect(json[0]).toMatchObject({ counts: { unchanged: 1, replace: 1, delete: 1 }, uploadBytes: 20 });
  });
});

describe("files withheld on purpose", () => {
  const withheld = [{ key: "subventions.csv", cause: "empty-scdl" as const, reason: "the SCDL export has no row" }];

  it("a withheld file published earlier is deleted, and the plan says why", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20), remoteResource("subventions.csv", "r3", SHA_A, 5)]);
    const plan = planPublication({ ...local(), withheld }, remote, noState, files);
    expect(plan.resources.filter((step) => step.action !== "unchanged")).toEqual([
      { key: "subventions.csv", action: "delete", title: "Fichier fictif subventions.csv", id: "r3", remoteBytes: 5, reason: "the SCDL export has no row" },
    ]);
    expect(formatPlan(plan, "text")).toMatch(/subventions\.csv\s+delete r3 "Fichier fictif subventions\.csv" \(5 B\): not offered: the SCDL export has no row/);
  });

  it("a withheld file never published is not uploaded, and the plan still says why it is absent", () => {
    const plan = planPublication({ ...local(), withheld }, undefined, noState, files);
    expect(plan.resources.map((step) => step.key)).toEqual(["appels.csv", "laureats.csv"]);
    expect(plan.withheld).toEqual(withheld);
    expect(formatPlan(plan, "text")).toMatch(/subventions\.csv\s+not offered: the SCDL export has no row/);
    expect(JSON.parse(formatPlan(plan, "json"))[0].withheld).toEqual(withheld);
  });

  it("a file deleted because it left the package keeps the plain reason", () => {
    const remote = remoteDataset([remoteResource("appels.csv", "r1", SHA_A, 10), remoteResource("laureats.csv", "r2", SHA_B, 20), remoteResource("ancien.csv", "r4", SHA_A, 5)]);
    expect(formatPlan(planPublication({ ...local(), withheld }, remote, noState, files), "text")).toContain(': no longer in the package');
  });
});
