import { describe, expect, it } from "vitest";
import type { Schema } from "../../frictionless/index.ts";
import { renderDocumentation, renderDocumentationSummary } from "./render-documentation.ts";
import type { DocumentationInput } from "./types.ts";

const appelsSchema: Schema = {
  name: "appels",
  version: "1.0.0",
  path: "https://example.org/schemas/appels/schema.json",
  missingValues: [""],
  fields: [
    { name: "id", type: "string", title: "Identifiant de l'appel", description: "Slug stable.", constraints: { required: true } },
    { name: "dotation", type: "number", title: "Dotation (€)", description: "Budget | en euros." },
  ],
};

const input: DocumentationInput = {
  package: {
    name: "paquet-fictif",
    title: "Appels fictifs et leurs lauréats",
    description: "Un paquet inventé pour les tests.",
    homepage: "https://example.org/aap-opendata",
    licenses: [{ name: "etalab-2.0", title: "Licence Ouverte / Open Licence version 2.0", path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" }],
    sources: [{ title: "Livret fictif", path: "https://example.org/livret.pdf" }],
  },
  resources: [
    {
      name: "programmes",
      schema: { name: "programmes", missingValues: [""], fields: [{ name: "id", type: "string" }] },
      rowCount: 1,
      rows: [{ id: "programme-fictif-a", nom: "Programme fictif A", description: "Un fonds inventé.", nom_gestionnaire: "Direction fictive", enveloppe: 292000000, annee_debut: 2020, annee_fin: 2022 }],
    },
    {
      name: "appels",
      title: "Appels à projets et guichets",
      path: "appels.csv",
      schema: appelsSchema,
      rowCount: 2,
      rows: [
        { id: "appel-fictif-itn5", code_theme: "ITN5", titre: "Cycle fictif de la donnée", type_appel: "appel à projets", date_ouverture: "2020-11-16", dotation: 6000000, nb_laureats_annonces: 3, url_source: "https://example.org/appel-fictif" },
        { id: "appel-fictif-session-2", code_theme: "ITN5", titre: "Session fictive 2", calendrier: "Deuxième trimestre 2021", url_source: "https://example.org/appel-fictif", url_source_resultats: "https://example.org/resultats-fictifs" },
      ],
    },
    {
      name: "laureats",
      schema: { name: "laureats", missingValues: [""], fields: [{ name: "id", type: "string" }] },
      rowCount: 2,
      rows: [
        { id: "laureat-fictif-1", appel_id: "appel-fictif-itn5", titre: "Projet fictif A", nom_porteur: "Administration fictive A", montant_accorde: 1250000, date_decision: "2023-07-06" },
        { id: "laureat-fictif-2", appel_id: "appel-fictif-itn5", titre: "Projet fictif B", ministere: "Ministère fictif" },
      ],
    },
  ],
  scdl: {
    resource: "subventions",
    rowCount: 0,
    excluded: [{ resource: "laureats", key: "laureat-fictif-1", reason: "montant accordé non publié (montant)" }],
  },
  coverage: { temporalCoverage: { start: "2018-06-20", end: "2023-07-06" }, spatial: { zones: ["country:fr"], granularity: "country" } },
  publication: {
    baseUrl: "https://demo.example.test",
    datasetId: "0123456789abcdef01234567",
    resources: { "appels.csv": "11111111-1111-4111-8111-111111111111", "datapackage.json": "22222222-2222-4222-8222-222222222222" },
  },
};

describe("renderDocumentation", () => {
  const doc = renderDocumentation(input);

  it("explains the vocabulary a newcomer needs: appel à projets, guichet, lauréat, ITN5", () => {
    expect(doc).toMatch(/^# Appels fictifs et leurs lauréats\n\nUn paquet inventé pour les tests\./);
    expect(doc).toContain("- **Guichet** :");
    expect(doc).toContain("**ITN5** est le thème « Cycle de vie de la donnée »");
    expect(doc).toContain("- **Programme fictif A** (`programme-fictif-a`) : Un fonds inventé. Gestionnaire : Direction fictive. Enveloppe : 292\u00a0000\u00a0000 €. Période : de 2020 à 2022.");
  });

  it("lists the calls with French dates and amounts, and the calendar text when no date is published", () => {
    expect(doc).toContain("| `appel-fictif-itn5` | ITN5 | Cycle fictif de la donnée | appel à projets | 16/11/2020 | 6\u00a0000\u00a0000 |");
    expect(doc).toContain("| `appel-fictif-session-2` | ITN5 | Session fictive 2 |  | Deuxième trimestre 2021 |  |");
  });

  it("lists the lauréats with their call, holder, amount and decision date when known", () => {
    expect(doc).toContain("| Projet fictif A | `appel-fictif-itn5` | Administration fictive A | 1\u00a0250\u00a0000 | 06/07/2023 |");
    expect(doc).toContain("| Projet fictif B | `appel-fictif-itn5` | Ministère fictif |  |  |");
  });

  it("says how complete each call's list of lauréats is, and that an empty amount is not a zero", () => {
    expect(doc).toContain("## Complétude des listes de lauréats");
    expect(doc).toContain("**Un montant absent veut dire « non publié », jamais zéro**");
    expect(doc).toContain("| Cycle fictif de la donnée (`appel-fictif-itn5`) | 3 | 2 | partielle | 1 | 1 | 1\u00a0250\u00a0000 |");
    expect(doc).toContain("Au total, 2 lauréats listés, dont 1 avec un montant publié ; 1 appel a annoncé 3 lauréats en tout.");
    expect(doc).not.toContain("`appel-fictif-session-2`) |");
    const unlisted = renderDocumentation({ ...input, resources: input.resources.filter((r) => r.name !== "laureats") });
    expect(unlisted).toContain("| Cycle fictif de la donnée (`appel-fictif-itn5`) | 3 | 0 | non listée | 0 | 0 |  |");
  });

  it("names its sources, once each, and every field of every table", () => {
    expect(doc).toContain("- [Livret fictif](https://example.org/livret.pdf)");
    expect(doc.match(/- <https:\/\/example\.org\/appel-fictif>/g)).toHaveLength(1);
    expect(doc).toContain("- <https://example.org/resultats-fictifs>");
    expect(doc).toContain("### Appels à projets et guichets (`appels.csv`)");
    expect(doc).toContain("2 lignes. Schéma : `appels` version 1.0.0 (<https://example.org/schemas/appels/schema.json>).");
    expect(doc).toContain("| `dotation` | Dotation (€) | nombre | Budget \\| en euros. |");
    expect(doc).toContain("| `id` | Identifiant de l'appel | texte, obligatoire | Slug stable. |");
  });

  it("says how SCDL fields are filled, which lauréats are left out and why", () => {
    expect(doc).toContain("`dateConvention` : **la date de décision (ou d'annonce des lauréats)**");
    expect(doc).toContain("Aucune ligne exportée. Aucune valeur n'est inventée");
    expect(doc).toContain("1 lauréat n'est pas exporté :");
    expect(doc).toContain("| `laureat-fictif-1` | montant accordé non publié (montant) |");
  });

  it("gives coverage, licence and reuse examples with the published dataset's id and its files' stable addresses", () => {
    expect(doc).toContain("- **Période** : du 20/06/2018 au 06/07/2023");
    expect(doc).toContain("- [Licence Ouverte / Open Licence version 2.0](https://www.etalab.gouv.fr/licence-ouverte-open-licence/)");
    expect(doc).toContain("curl -s https://demo.example.test/api/1/datasets/0123456789abcdef01234567/ | jq '.resources[] | {title, latest}'");
    expect(doc).toContain("| `appels.csv` | <https://demo.example.test/api/1/datasets/r/11111111-1111-4111-8111-111111111111> |");
    expect(doc).toContain(`python3 -c 'import pandas as pd; print(pd.read_csv("https://demo.example.test/api/1/datasets/r/11111111-1111-4111-8111-111111111111").head())'`);
    expect(doc).toContain(`Rscript -e 'd <- read.csv("https://demo.example.test/api/1/datasets/r/11111111-1111-4111-8111-111111111111", encoding = "UTF-8"); str(d)'`);
    expect(doc).toContain("curl -sL -o datapackage.json https://demo.example.test/api/1/datasets/r/22222222-2222-4222-8222-222222222222\nfrictionless validate datapackage.json");
    // Files not published (no id in the state) get no made-up address; no command that is not published.
    expect(doc).not.toContain("laureats.csv https://");
    expect(doc).not.toMatch(/npx|aap validate/);
  });

  it("before the first publication, shows no id and says the examples come with it", () => {
    const unpublished = renderDocumentation({ ...input, publication: undefined });
    expect(unpublished).toContain("Ce jeu de données n'est pas encore publié sur data.gouv.fr");
    expect(unpublished).not.toMatch(/curl|api\/1\/datasets/);
  });

  it("says why an SCDL file with no row is not offered on data.gouv.fr, here and in the resource's description", () => {
    expect(doc).toContain("**Ce fichier n'est pas proposé sur data.gouv.fr tant qu'il n'a aucune ligne**");
    const summary = renderDocumentationSummary(input);
    expect(summary).toContain("**Le fichier SCDL subventions (`subventions.csv`) n'est pas proposé sur data.gouv.fr tant qu'il n'a aucune ligne**");
    expect(summary).toContain("### Réutiliser les données");
    expect(summary).toContain("curl -s https://demo.example.test/api/1/datasets/0123456789abcdef01234567/");
    const exported = renderDocumentation({ ...input, scdl: { ...input.scdl!, rowCount: 3 } });
    expect(exported).not.toContain("n'est pas proposé sur data.gouv.fr");
  });

  it("leaves out the sections it has no data for", () => {
    const bare = renderDocumentation({ ...input, resources: [], scdl: undefined, coverage: undefined });
    expect(bare).not.toContain("## Les programmes");
    expect(bare).not.toContain("## Export au format SCDL");
    expect(bare).not.toContain("## Couverture");
    expect(bare).not.toContain("## Complétude");
    expect(bare).toContain("curl -s https://demo.example.test/api/1/datasets/0123456789abcdef01234567/");
  });
});
