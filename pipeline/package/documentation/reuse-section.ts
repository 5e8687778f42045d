import { code, table } from "./markdown.ts";
import type { DocumentationInput, PublishedDataset } from "./types.ts";

/**
 * How to reuse the data, with commands that work as written: the dataset's real id and the
 * files' stable addresses come from the publication state, never from a guess. Before the
 * first publication there is no id yet, and the text says so instead of showing one.
 */
export function reuseSection(input: DocumentationInput): string[] {
  const lines = ["## Réutiliser les données", ""];
  const published = input.publication;
  if (!published) {
    return [
      ...lines,
      "Ce jeu de données n'est pas encore publié sur data.gouv.fr : il n'a pas encore d'identifiant, et les exemples " +
        "d'accès en ligne (API de data.gouv.fr, Python, R, Frictionless) s'ajouteront ici à sa première publication. " +
        "Les fichiers se lisent tels quels : CSV en UTF-8, séparateur virgule, première ligne d'en-tête.",
    ];
  }
  const files = tableFiles(input, published);
  lines.push(
    `Sur data.gouv.fr, ce jeu de données a l'identifiant ${code(published.datasetId)}. L'API de data.gouv.fr donne ses ` +
      "fichiers, chacun avec une adresse stable (`latest`) qui mène toujours à sa dernière version :",
    "",
    "```sh",
    `curl -s ${datasetApiUrl(published)} | jq '.resources[] | {title, latest}'`,
    "```",
  );
  if (files.length === 0) return lines;
  lines.push("", "Adresses stables des fichiers :", "", ...table(["Fichier", "Adresse"], files.map((file) => [code(file.name), `<${file.url}>`])));
  const example = files.find((file) => file.name === "laureats.csv") ?? files.find((file) => file.name.endsWith(".csv"));
  if (example) {
    lines.push(
      "",
      `Lire ${code(example.name)} avec pandas (Python) :`,
      "",
      "```sh",
      `python3 -c 'import pandas as pd; print(pd.read_csv("${example.url}").head())'`,
      "```",
      "",
      "Avec R :",
      "",
      "```sh",
      `Rscript -e 'd <- read.csv("${example.url}", encoding = "UTF-8"); str(d)'`,
      "```",
    );
  }
  const descriptor = files.find((file) => file.name === "datapackage.json");
  if (descriptor) {
    lines.push(
      "",
      "Vérifier les fichiers contre leurs schémas avec frictionless-py : le descripteur `datapackage.json` désigne chaque " +
        "table par son nom de fichier, à côté de lui, alors que data.gouv.fr range chaque fichier à sa propre adresse ; " +
        "téléchargez-les donc dans un même dossier, puis validez :",
      "",
      "```sh",
      "pip install frictionless",
      ...files.map((file) => `curl -sL -o ${file.name} ${file.url}`),
      "frictionless validate datapackage.json",
      "```",
    );
  }
  return lines;
}

/** `https://www.data.gouv.fr/api/1/datasets/<id>/`: the id, which never changes, rather than the slug, which follows the title. */
export function datasetApiUrl(published: PublishedDataset): string {
  return `${published.baseUrl}/api/1/datasets/${published.datasetId}/`;
}

/** The package's tables and descriptor that are published, with their permalinks (docs/datagouv-api.md §2.3). */
function tableFiles(input: DocumentationInput, published: PublishedDataset): { name: string; url: string }[] {
  const names = [...input.resources.map((resource) => resource.path ?? `${resource.name}.csv`), "datapackage.json"];
  return names.flatMap((name) => {
    const id = published.resources[name];
    return id ? [{ name, url: `${published.baseUrl}/api/1/datasets/r/${id}` }] : [];
  });
}
