import type { Field, Schema } from "../../frictionless/index.ts";
import { cell, code } from "../documentation/markdown.ts";

/**
 * The French README that schema.data.gouv.fr shows next to a Table Schema, generated from
 * the schema alone so the two cannot disagree (a test regenerates it and compares).
 */
export function renderSchemaReadme(schema: Schema): string {
  const lines: string[] = [];
  const title = text(schema.title) ?? text(schema.name) ?? "Schéma";
  lines.push(`# ${title}`, "");
  lines.push("<!-- Fichier généré par `npm run schemas:docs` à partir de schema.json : ne pas le modifier à la main. -->", "");
  const description = text(schema.description);
  if (description) lines.push(description, "");
  lines.push(...metadataSection(schema), "");
  lines.push(...namingSection(schema.fields), "");
  lines.push(...keysSection(schema), "");
  lines.push(...fieldsSection(schema.fields), "");
  const checks = customChecks(schema);
  if (checks.length > 0) lines.push(...checksSection(checks), "");
  lines.push(...examplesSection(schema));
  return `${lines.join("\n").trimEnd()}\n`;
}

function metadataSection(schema: Schema): string[] {
  const lines = ["## Informations", ""];
  const rows: [string, string | undefined][] = [
    ["Nom", code(text(schema.name))],
    ["Version", text(schema.version)],
    ["Créé le", text(schema.created)],
    ["Modifié le", text(schema.lastModified)],
    ["Dépôt", link(text(schema.homepage))],
    ["Schéma", link(text(schema.path))],
    ["Licence", licences(schema.licenses)],
    ["Mots-clés", Array.isArray(schema.keywords) ? schema.keywords.map((k) => code(String(k))).join(", ") : undefined],
  ];
  for (const [label, value] of rows) if (value) lines.push(`- **${label}** : ${value}`);
  return lines;
}

function namingSection(fields: Field[]): string[] {
  const snake = fields.every((field) => /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(field.name));
  const camel = fields.every((field) => /^[a-z][a-zA-Z0-9]*$/.test(field.name));
  const convention = snake
    ? "Les noms de champs sont en minuscules, sans accent, les mots séparés par un tiret bas (*snake_case*, par exemple `date_ouverture`), comme dans le schéma `dispositif-aide` d'Etalab. Ils ne dépassent pas 50 caractères."
    : camel
      ? "Les noms de champs suivent la convention du SCDL : sans accent, les mots accolés avec une majuscule initiale (*camelCase*, par exemple `nomAttribuant`)."
      : "Les noms de champs sont ceux de la table ci-dessous, à reprendre à l'identique.";
  return [
    "## Conventions",
    "",
    convention,
    "",
    "Fichier CSV encodé en UTF-8, séparateur virgule, première ligne d'en-tête avec les noms de champs. " +
      "Nombres avec un point comme séparateur décimal et sans séparateur de milliers (`3900.50`), montants en euros. " +
      "Dates au format ISO 8601 `AAAA-MM-JJ`. Une information inconnue reste une cellule vide, jamais `0`.",
  ];
}

function keysSection(schema: Schema): string[] {
  const lines = ["## Clés", ""];
  if (schema.primaryKey?.length) lines.push(`- **Clé primaire** : ${schema.primaryKey.map(code).join(", ")}`);
  for (const key of schema.foreignKeys ?? []) {
    const target = key.reference.resource ? `la table ${code(key.reference.resource)}` : "cette même table";
    lines.push(`- **Clé étrangère** : ${key.fields.map(code).join(", ")} renvoie à ${key.reference.fields.map(code).join(", ")} de ${target}`);
  }
  if (lines.length === 2) lines.push("Aucune clé déclarée.");
  return lines;
}

function fieldsSection(fields: Field[]): string[] {
  const lines = [
    "## Champs",
    "",
    "| Nom | Titre | Type | Contraintes | Exemple |",
    "|---|---|---|---|---|",
  ];
  for (const field of fields) {
    lines.push(
      `| ${code(field.name)} | ${cell(field.title ?? "")} | ${cell(typeLabel(field))} | ${cell(constraintsLabel(field))} | ${cell(exampleLabel(field.example))} |`,
    );
  }
  lines.push("", "### Description des champs", "");
  for (const field of fields) {
    lines.push(`- ${code(field.name)} — **${field.title ?? field.name}** : ${field.description ?? ""}`.trimEnd());
  }
  return lines;
}

const TYPE_LABELS: Record<string, string> = {
  string: "chaîne de caractères",
  number: "nombre",
  integer: "entier",
  boolean: "booléen",
  date: "date",
  datetime: "date et heure",
  time: "heure",
  year: "année",
  yearmonth: "année et mois",
  duration: "durée",
  array: "liste JSON",
  object: "objet JSON",
  list: "liste",
  geopoint: "point géographique",
  geojson: "GeoJSON",
  any: "valeur quelconque",
};

const FORMAT_LABELS: Record<string, string> = { uri: "URL", email: "adresse électronique", uuid: "UUID" };

/** A field's type (and format) in French words; the site's schema pages say it the same way. */
export function typeLabel(field: Field): string {
  const base = TYPE_LABELS[field.type] ?? field.type;
  const format = field.format && field.format !== "default" ? ` (${FORMAT_LABELS[field.format] ?? field.format})` : "";
  return `${base}${format}`;
}

function constraintsLabel(field: Field): string {
  const c = field.constraints ?? {};
  const parts: string[] = [];
  if (c.required) parts.push("obligatoire");
  if (c.unique) parts.push("unique");
  if (c.enum) parts.push(`valeurs : ${c.enum.map((v) => code(String(v))).join(", ")}`);
  if (c.pattern) parts.push(`motif ${code(c.pattern)}`);
  if (c.minimum !== undefined) parts.push(`≥ ${String(c.minimum)}`);
  if (c.maximum !== undefined) parts.push(`≤ ${String(c.maximum)}`);
  if (c.minLength !== undefined) parts.push(`au moins ${c.minLength} caractères`);
  if (c.maxLength !== undefined) parts.push(`au plus ${c.maxLength} caractères`);
  if (field.trueValues) parts.push(`vrai : ${field.trueValues.map(code).join(", ")}`);
  if (field.falseValues) parts.push(`faux : ${field.falseValues.map(code).join(", ")}`);
  return parts.join(" ; ");
}

function exampleLabel(example: unknown): string {
  if (example === undefined || example === null) return "";
  return code(typeof example === "string" ? example : JSON.stringify(example));
}

interface DeclaredCheck {
  name: string;
  params: Record<string, unknown>;
}

function customChecks(schema: Schema): DeclaredCheck[] {
  const declared = schema.custom_checks;
  if (!Array.isArray(declared)) return [];
  return declared.flatMap((entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { name, params } = entry as { name?: unknown; params?: unknown };
    if (typeof name !== "string") return [];
    return [{ name, params: typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {} }];
  });
}

/** What each custom check verifies, for readers of the README (the checks themselves live in pipeline/validate). */
function checkExplanation(check: DeclaredCheck): string {
  const p = (key: string) => code(String(check.params[key] ?? "?"));
  switch (check.name) {
    case "french-siren-value":
      return `la clé de contrôle (algorithme de Luhn) du SIREN de ${p("column")} est juste.`;
    case "french-siret-value":
      return `la clé de contrôle (algorithme de Luhn, ou somme des chiffres multiple de 5 pour La Poste) du SIRET de ${p("column")} est juste.`;
    case "amount-not-above-cost":
      return `${p("amount_column")} n'est pas supérieur à ${p("cost_column")}.`;
    case "rate-matches-amounts":
      return `${p("rate_column")} est égal à ${p("amount_column")} / ${p("cost_column")}, à ${String(check.params.tolerance ?? 0.005)} près.`;
    case "decision-date-in-call-window":
      return `${p("date_column")} n'est pas antérieure à la date d'ouverture (${code(String(check.params.calls_opening_field ?? "date_ouverture"))}) de l'appel désigné par ${p("call_column")} dans la table ${code(String(check.params.calls_resource ?? "appels"))}.`;
    case "one-of-required":
      return `au moins un des champs ${p("column1")} et ${p("column2")} est rempli.`;
    default:
      return `paramètres ${code(JSON.stringify(check.params))}.`;
  }
}

function checksSection(checks: DeclaredCheck[]): string[] {
  return [
    "## Contrôles complémentaires",
    "",
    "Règles qu'un Table Schema ne sait pas exprimer, déclarées dans `custom_checks` (à la manière de Validata) et vérifiées par le validateur d'aap-opendata. Chaque ligne qui ne les respecte pas est signalée comme une erreur, avec sa ligne et son champ.",
    "",
    ...checks.map((check) => `- ${code(check.name)} : ${checkExplanation(check)}`),
  ];
}

function examplesSection(schema: Schema): string[] {
  const lines = ["## Exemples et validation", ""];
  const resources = Array.isArray(schema.resources) ? (schema.resources as { title?: string; path?: string }[]) : [];
  for (const resource of resources) if (resource.path) lines.push(`- [${resource.title ?? resource.path}](${resource.path})`);
  if (resources.length > 0) lines.push("");
  const linked = (schema.foreignKeys ?? []).some((key) => key.reference.resource);
  if (linked) {
    lines.push(
      "Ce schéma renvoie à d'autres tables (voir les clés étrangères) : un fichier se valide avec les tables qu'il cite, " +
        "réunies dans un paquet de données, comme les exemples du dossier parent :",
      "",
      "```sh",
      "npx aap validate ../datapackage.json",
      "```",
      "",
    );
  }
  lines.push(
    `Pour valider un fichier ${linked ? "seul " : ""}contre ce schéma :`,
    "",
    "```sh",
    "npx aap validate mon-fichier.csv --schema schema.json",
    "frictionless validate --schema schema.json mon-fichier.csv",
    "```",
    "",
    "Les contrôles complémentaires ne sont appliqués que par `aap validate`.",
  );
  return lines;
}

function licences(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.flatMap((licence: { title?: string; name?: string; path?: string }) => {
    const label = licence.title ?? licence.name;
    if (!label) return [];
    return [licence.path ? `[${label}](${licence.path})` : label];
  });
  return items.length > 0 ? items.join(", ") : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function link(url: string | undefined): string | undefined {
  return url ? `<${url}>` : undefined;
}
