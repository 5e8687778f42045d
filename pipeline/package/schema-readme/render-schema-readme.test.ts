import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../frictionless/index.ts";
import { renderSchemaReadme } from "./render-schema-readme.ts";
import { listSchemaFiles, readSchema } from "./write-schema-readmes.ts";

const schemasRoot = join(import.meta.dirname, "..", "..", "..", "schemas");

const tiny: Schema = {
  name: "table-fictive",
  title: "Table fictive",
  description: "Une table de test.",
  missingValues: [""],
  primaryKey: ["id"],
  foreignKeys: [{ fields: ["parent_id"], reference: { resource: "", fields: ["id"] } }],
  custom_checks: [{ name: "amount-not-above-cost", params: { amount_column: "montant", cost_column: "cout" } }],
  fields: [
    { name: "id", type: "string", title: "Identifiant", description: "Clé.", example: "ligne-a", constraints: { required: true, pattern: "^(a|b)$" } },
    { name: "parent_id", type: "string", title: "Parent", description: "Ligne parente.", example: "ligne-b" },
    { name: "montant", type: "number", title: "Montant", description: "En euros.", example: 1500.5, constraints: { minimum: 0 } },
    { name: "actif", type: "boolean", title: "Actif", description: "Oui ou non.", example: "oui", trueValues: ["oui"], falseValues: ["non"] },
  ],
};

describe("renderSchemaReadme", () => {
  it("writes one table row per field with its title, French type, constraints and example", () => {
    const readme = renderSchemaReadme(tiny);
    expect(readme).toContain("| `id` | Identifiant | chaîne de caractères | obligatoire ; motif `^(a\\|b)$` | `ligne-a` |");
    expect(readme).toContain("| `montant` | Montant | nombre | ≥ 0 | `1500.5` |");
    expect(readme).toContain("| `actif` | Actif | booléen | vrai : `oui` ; faux : `non` | `oui` |");
  });

  it("states the naming convention, the keys and the custom checks", () => {
    const readme = renderSchemaReadme(tiny);
    expect(readme).toContain("*snake_case*");
    expect(readme).toContain("- **Clé étrangère** : `parent_id` renvoie à `id` de cette même table");
    expect(readme).toContain("- `amount-not-above-cost` : `montant` n'est pas supérieur à `cout`.");
    const camel = renderSchemaReadme({ ...tiny, fields: [{ name: "nomAttribuant", type: "string" }] });
    expect(camel).toContain("*camelCase*");
  });

  it("is the README.md on disk for every schema (run `npm run schemas:docs` after editing a schema)", async () => {
    const files = await listSchemaFiles(schemasRoot);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const onDisk = await readFile(join(file, "..", "README.md"), "utf8");
      expect(onDisk, file).toBe(renderSchemaReadme(await readSchema(file)));
    }
  });
});
