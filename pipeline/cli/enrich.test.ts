import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeRechercheEntreprises, type FakeRechercheEntreprises } from "../../fakes/sources/recherche-entreprises/recherche-entreprises-server.ts";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

describe("enrichment of holders by SIREN, declared per resource", () => {
  let fake: FakeRechercheEntreprises;
  let root: string;

  beforeAll(async () => {
    fake = await startFakeRechercheEntreprises([{ siren: "180092264", nom_complet: "NOM FICTIF RENVOYÉ PAR LE FAUX ANNUAIRE", nature_juridique: "7389" }]);
    root = await makeWorkspace();
    const dir = join(root, "datapackages", BUNDLED_PACKAGE);
    const declaration = await readFile(join(dir, "datapackage.yaml"), "utf8");
    await writeFile(
      join(dir, "datapackage.yaml"),
      declaration.replace(
        "    schema: ../../schemas/laureats/schema.json\n",
        `    schema: ../../schemas/laureats/schema.json\n    enrich:\n      siren: siren_porteur\n      fill: { nom_porteur: nomComplet }\n      baseUrl: ${fake.url}\n`,
      ),
    );
    // The holder's name is unknown in the source: enrichment may fill it; known names stay as they are.
    const source = join(dir, "sources", "laureats.csv");
    const text = await readFile(source, "latin1");
    await writeFile(source, text.replace("Institut national de recherches archéologiques préventives (INRAP);180 092 264", ";180 092 264"), "latin1");
  });
  afterAll(async () => {
    await fake.close();
  });

  it("fills only empty cells, cites the directory as a source, and asks each SIREN once across runs", async () => {
    const first = await aap(["build"], { cwd: root });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("1 SIRENs looked up in Recherche d'entreprises, 1 found, 1 empty cells filled");
    const csv = await readFile(join(root, "output", BUNDLED_PACKAGE, "laureats.csv"), "utf8");
    expect(csv).toContain("NOM FICTIF RENVOYÉ PAR LE FAUX ANNUAIRE");
    expect(csv).toContain("Ministère de la Justice");
    const descriptor = JSON.parse(await readFile(join(root, "output", BUNDLED_PACKAGE, "datapackage.json"), "utf8"));
    const laureats = descriptor.resources.find((r: { name: string }) => r.name === "laureats");
    expect(laureats.sources.map((s: { path: string }) => s.path)).toContain("https://recherche-entreprises.api.gouv.fr");
    expect(fake.queries).toEqual(["180092264"]);

    const second = await aap(["build", "--force"], { cwd: root });
    expect(second.code, second.stderr).toBe(0);
    expect(fake.queries).toEqual(["180092264"]);
  });
});
