import type { Field } from "../../frictionless/index.ts";
import { typeLabel } from "../../package/schema-readme/render-schema-readme.ts";
import { formatInteger } from "../format.ts";
import { externalUrl, html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";
import { dataTable, EMPTY } from "../table.ts";
import type { SiteSchema } from "../types.ts";

export function schemaPagePath(name: string): string {
  return `schemas/${encodeURIComponent(name)}.html`;
}

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** A field's constraints as a sentence each, in French. */
export function describeConstraints(field: Field): string[] {
  const c = field.constraints ?? {};
  const out: string[] = [];
  if (c.required) out.push("obligatoire");
  if (c.unique) out.push("unique");
  if (c.enum) out.push(`valeurs possibles : ${c.enum.map(show).join(" | ")}`);
  if (c.pattern !== undefined) out.push(`motif : ${c.pattern}`);
  if (c.minimum !== undefined) out.push(`au moins ${show(c.minimum)}`);
  if (c.maximum !== undefined) out.push(`au plus ${show(c.maximum)}`);
  if (c.exclusiveMinimum !== undefined) out.push(`plus de ${show(c.exclusiveMinimum)}`);
  if (c.exclusiveMaximum !== undefined) out.push(`moins de ${show(c.exclusiveMaximum)}`);
  if (c.minLength !== undefined) out.push(`au moins ${show(c.minLength)} caractères`);
  if (c.maxLength !== undefined) out.push(`au plus ${show(c.maxLength)} caractères`);
  return out;
}

export function schemaPage(schema: SiteSchema, now: Date): string {
  const d = schema.descriptor;
  const rows = d.fields.map((field) => {
    const constraints = describeConstraints(field);
    return html`<tr><th scope="row"><code>${field.name}</code></th><td>${field.title ?? ""}${field.description ? html`<p class="fr-text--xs fr-mb-0">${field.description}</p>` : ""}</td><td>${typeLabel(field)}</td><td>${constraints.length > 0 ? html`<ul class="aap-plain">${constraints.map((c) => html`<li>${c}</li>`)}</ul>` : EMPTY}</td><td>${field.example === undefined ? EMPTY : html`<code>${show(field.example)}</code>`}</td></tr>`;
  });
  const keys = [
    d.primaryKey && d.primaryKey.length > 0 ? html`<li>Clé primaire : <code>${d.primaryKey.join(", ")}</code></li>` : "",
    ...(d.foreignKeys ?? []).map(
      (fk) => html`<li>Clé étrangère : <code>${fk.fields.join(", ")}</code> → ${fk.reference.resource ? html`<a href="${encodeURIComponent(fk.reference.resource)}.html">${fk.reference.resource}</a>` : "cette table"} (<code>${fk.reference.fields.join(", ")}</code>)</li>`,
    ),
  ];
  const source = externalUrl(d.path);
  const body = html`<h1 class="fr-mt-4w">Schéma ${d.title ?? schema.name}</h1>
<p class="fr-text--sm">Nom <code>${d.name ?? schema.name}</code>${d.version ? html`, version ${d.version}` : ""}${source ? html` · <a href="${source}" rel="noopener">schema.json</a>` : ""}</p>
${d.description ? html`<p>${d.description}</p>` : ""}
<ul>${keys}</ul>
${dataTable({ caption: `Champs du schéma ${schema.name} (${formatInteger(d.fields.length)})`, headers: ["Champ", "Description", "Type", "Contraintes", "Exemple"], rows })}`;
  return renderPage({ path: schemaPagePath(schema.name), title: `Schéma ${d.title ?? schema.name}`, now, body });
}

export function schemasIndexPage(schemas: readonly SiteSchema[], now: Date): string {
  const items = schemas.map(
    (s) => html`<li><a href="${encodeURIComponent(s.name)}.html">${s.descriptor.title ?? s.name}</a> — <code>${s.name}</code>${s.descriptor.version ? `, version ${s.descriptor.version}` : ""}</li>`,
  );
  const body: SafeHtml = html`<h1 class="fr-mt-4w">Schémas des données</h1>
<p>Chaque table publiée suit un schéma Table Schema : ses champs, leurs types, leurs contraintes et un exemple.</p>
${schemas.length === 0 ? html`<p class="aap-empty">Aucun schéma trouvé.</p>` : html`<ul>${items}</ul>`}`;
  return renderPage({ path: "schemas/index.html", title: "Schémas", now, body });
}
