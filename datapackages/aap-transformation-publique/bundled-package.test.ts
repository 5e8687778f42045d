import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

/**
 * The bundled package as `aap build` publishes it: the lauréats it lists are the ones the
 * State announced, each traceable to the public page it comes from, and nothing the pages do
 * not give is filled in.
 */
const ITN5_FILE = "itn5_donnees_aap1_laureats_2021-03-03.csv";
const ITN5_CALL = "france-relance-itn5-aap-session-1";
const ITN5_PAGE = "https://www.numerique.gouv.fr/actualites/france-relance-laureats-volet-developper-utilisation-de-la-donnee/";

type Row = Record<string, string>;

describe("the bundled package, as built", () => {
  let root: string;
  let laureats: Row[];
  let appels: Row[];
  let transcription: Row[];
  let register: string;

  beforeAll(async () => {
    root = await makeWorkspace();
    const built = await aap(["build"], { cwd: root });
    expect(built.code).toBe(0);
    const output = join(root, "output", BUNDLED_PACKAGE);
    const sources = join(root, "datapackages", BUNDLED_PACKAGE, "sources");
    laureats = parse(await readFile(join(output, "laureats.csv"), "utf8"), { columns: true }) as Row[];
    appels = parse(await readFile(join(output, "appels.csv"), "utf8"), { columns: true }) as Row[];
    transcription = parse(await readFile(join(sources, ITN5_FILE), "utf8"), { columns: true }) as Row[];
    register = await readFile(join(sources, "SOURCES.md"), "utf8");
  });

  it("gives every lauréat a public source that SOURCES.md records", () => {
    expect(laureats.length).toBeGreaterThanOrEqual(24);
    for (const row of laureats) {
      expect(row.url_source, row.id).toMatch(/^https:\/\//);
      expect(register, `${row.id}: ${row.url_source} is not in SOURCES.md`).toContain(row.url_source);
    }
  });

  it("lists the 18 projects of the first ITN5 call, attached to that call, names and holders as published", () => {
    const itn5 = laureats.filter((row) => row.url_source === ITN5_PAGE);
    expect(itn5.map((row) => [row.titre, row.nom_porteur, row.thematique, row.description])).toEqual(
      transcription.map((row) => [row.projet, row.porteur, row.categorie, row.description]),
    );
    for (const row of itn5) expect(row.appel_id, row.id).toBe(ITN5_CALL);
    const call = appels.find((row) => row.id === ITN5_CALL);
    expect(call?.nb_laureats_annonces).toBe(String(itn5.length));
    expect(call?.url_source_resultats).toBe(ITN5_PAGE);
  });

  it("fills no ITN5 field the page does not give, and the ministry only where the holder's name names it", () => {
    const itn5 = laureats.filter((row) => row.appel_id === ITN5_CALL);
    for (const row of itn5) {
      for (const field of ["montant_accorde", "cout_total", "taux_cofinancement", "date_decision", "siren_porteur", "siret_porteur", "code_region", "code_departement"]) {
        expect(row[field], `${row.id} ${field}`).toBe("");
      }
      if (row.ministere) expect(row.nom_porteur?.endsWith(row.ministere), row.id).toBe(true);
      else expect(row.nom_porteur, row.id).not.toMatch(/MINISTÈRE/);
    }
    expect(itn5.filter((row) => row.ministere).length).toBeGreaterThan(0);
  });

  it("shows no amount without a source: every amount, cost or rate is on a row whose source SOURCES.md records", () => {
    const withAmount = laureats.filter((row) => row.montant_accorde || row.cout_total || row.taux_cofinancement);
    expect(withAmount.length).toBeGreaterThan(0);
    for (const row of withAmount) {
      expect(row.url_source, row.id).toMatch(/^https:\/\//);
      expect(register, row.id).toContain(row.url_source);
    }
    for (const row of appels.filter((r) => r.dotation || r.nb_laureats_annonces || r.nb_candidatures)) {
      expect(row.url_source, row.id).toMatch(/^https:\/\//);
      if (row.nb_laureats_annonces || row.nb_candidatures) expect(register, row.id).toContain(row.url_source_resultats);
    }
  });

  it("points an error in the ITN5 transcription back at its own file, row and column", async () => {
    const file = join(root, "datapackages", BUNDLED_PACKAGE, "sources", ITN5_FILE);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(",ANAIS,", ",ANAIS (projet renommé),"));
    const result = await aap(["build"], { cwd: root });
    await writeFile(file, text);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`laureats\\.csv, row \\d+, field "id" \\(from sources/${ITN5_FILE.replace(/\./g, "\\.")} row 2, column "projet"\\): constraint-error`));
  });
});
