import type { Field } from "../../frictionless/index.ts";

const TYPE_LABELS: Readonly<Record<string, string>> = {
  string: "texte",
  number: "nombre",
  integer: "nombre entier",
  boolean: "vrai / faux",
  date: "date",
  datetime: "date et heure (UTC)",
  year: "année",
};

/**
 * The rows of the "Champs" sheet: one per field, then two notes a spreadsheet user needs to
 * read the data right (an empty cell is unpublished, an apostrophe guards a formula).
 */
export function fieldsSheetRows(fields: readonly Field[]): string[][] {
  const rows = fields.map((field) => [
    field.name,
    field.title ?? "",
    TYPE_LABELS[field.type] ?? field.type,
    field.constraints?.required ? "oui" : "non",
    field.description ?? "",
    allowedValues(field),
  ]);
  rows.push(
    [],
    ["Note", "", "", "", "Une cellule vide signifie que l'information n'est pas publiée par la source : un montant vide n'est jamais un montant nul."],
    [
      "Note",
      "",
      "",
      "",
      "Un texte qui commence par =, +, -, @ ou une tabulation est précédé d'une apostrophe, pour qu'un tableur ne le lise jamais comme une formule.",
    ],
  );
  return rows;
}

function allowedValues(field: Field): string {
  const c = field.constraints ?? {};
  const parts: string[] = [];
  if (Array.isArray(c.enum)) parts.push(`une de : ${c.enum.map(String).join(", ")}`);
  if (c.minimum !== undefined) parts.push(`minimum ${String(c.minimum)}`);
  if (c.maximum !== undefined) parts.push(`maximum ${String(c.maximum)}`);
  if (c.pattern !== undefined) parts.push(`motif ${String(c.pattern)}`);
  if (c.maxLength !== undefined) parts.push(`au plus ${String(c.maxLength)} caractères`);
  return parts.join(" ; ");
}
