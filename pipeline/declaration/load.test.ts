import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputsOf } from "./inputs.ts";
import { DeclarationError } from "./errors.ts";
import { listDeclarationFiles, loadDeclaration } from "./load.ts";

const connectorSchemas = {
  file: {
    type: "object",
    additionalProperties: false,
    properties: { path: { type: "string" }, format: { enum: ["csv", "xlsx"] }, encoding: { type: "string" }, dialect: { type: "object" } },
    required: ["path"],
  },
};

const schema = { fields: [{ name: "id", type: "string" }, { name: "montant", type: "number" }, { name: "programme", type: "string" }] };

const validYaml = `name: paquet-fictif
title: Paquet fictif de test
description: >-
  Un paquet de données fictif, utilisé uniquement par les tests du chargeur de déclarations, et qui
  ne décrit aucun appel réel.
version: 1.0.0
licenses:
  - name: etalab-2.0
datagouv:
  frequency: daily
resources:
  - name: appels
    schema: schema.json
    source:
      connector: file
      path: sources/appels.csv
      dialect: { delimiter: ";" }
    mapping:
      id: "Identifiant"
      montant: { column: "Montant (€)", decimalChar: ",", groupChar: " " }
      programme: { value: "Programme fictif" }
`;

const twoInputsYaml = `${validYaml.slice(0, validYaml.indexOf("    source:"))}    inputs:
      - source:
          connector: file
          path: sources/appels.csv
        mapping:
          id: "Identifiant"
          montant: { column: "Montant (€)", decimalChar: ",", groupChar: " " }
      - source:
          connector: file
          path: sources/transcription.csv
        mapping:
          id: { column: projet, values: { "Projet fictif": projet-fictif } }
          programme: { column: porteur, extract: "(MINISTÈRES? .+)$" }
`;

async function declarationDir(yaml: string, folder = "paquet-fictif"): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "aap-decl-"));
  const dir = join(root, folder);
  await mkdir(dir);
  await writeFile(join(dir, "datapackage.yaml"), yaml);
  await writeFile(join(dir, "schema.json"), JSON.stringify(schema));
  return dir;
}

async function problemsOf(yaml: string, folder?: string) {
  const dir = await declarationDir(yaml, folder);
  try {
    await loadDeclaration(join(dir, "datapackage.yaml"), { connectorSchemas });
  } catch (error) {
    expect(error).toBeInstanceOf(DeclarationError);
    return (error as DeclarationError).problems;
  }
  throw new Error("expected the declaration to be refused");
}

describe("loadDeclaration", () => {
  it("loads a valid declaration and fills the defaults", async () => {
    const dir = await declarationDir(validYaml);
    const declaration = await loadDeclaration(join(dir, "datapackage.yaml"), { connectorSchemas });
    expect(declaration.name).toBe("paquet-fictif");
    expect(declaration.dir).toBe(dir);
    expect(declaration.datagouv).toEqual({ frequency: "daily", tags: [], private: false });
    expect(declaration.resources[0]?.mapping?.montant).toEqual({ column: "Montant (€)", decimalChar: ",", groupChar: " " });
    expect(await listDeclarationFiles(join(dir, ".."))).toEqual([join(dir, "datapackage.yaml")]);
  });

  it("names the file, the line and the JSON path of a misspelt property", async () => {
    const problems = await problemsOf(validYaml.replace("    schema: schema.json", "    shema: schema.json"));
    expect(problems).toContainEqual(
      expect.objectContaining({ jsonPath: "/resources/0", message: expect.stringContaining('unknown property "shema"') }),
    );
    expect(problems.find((p) => p.message.includes("shema"))?.line).toBe(13);
    expect(problems[0]?.file).toMatch(/paquet-fictif[\\/]datapackage\.yaml$/);
  });

  it("lists the declarations in the same order whatever the machine's locale (by character codes)", async () => {
    const dir = await declarationDir(validYaml);
    const root = join(dir, "..");
    for (const name of ["paquet_a", "paquet-b", "paquet.c"]) {
      await mkdir(join(root, name));
      await writeFile(join(root, name, "datapackage.yaml"), validYaml);
    }
    // A collation (any locale's) puts "_" before "-" and "."; character codes put it after.
    expect((await listDeclarationFiles(root)).map((file) => file.split(/[\\/]/).at(-2))).toEqual(["paquet-b", "paquet-fictif", "paquet.c", "paquet_a"]);
  });

  it("reports an unknown top-level key at its own line, not at line 1", async () => {
    const problems = await problemsOf(validYaml.replace("version: 1.0.0\n", "version: 1.0.0\nauteur: Équipe fictive\n"));
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "", line: 7, message: expect.stringContaining('unknown property "auteur"') })]);
  });

  it("reports an unknown connector option at its own line", async () => {
    const problems = await problemsOf(validYaml.replace('      dialect: { delimiter: ";" }', '      dialect: { delimiter: ";" }\n      delimiteur: ";"'));
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "/resources/0/source", line: 18, message: expect.stringContaining('unknown property "delimiteur"') })]);
  });

  it("refuses an unknown connector and lists the known ones", async () => {
    const problems = await problemsOf(validYaml.replace("connector: file", "connector: ftp"));
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "/resources/0/source/connector", message: expect.stringContaining("use one of: file") })]);
  });

  it("checks connector options against the connector's own schema", async () => {
    const problems = await problemsOf(validYaml.replace("path: sources/appels.csv", "path: sources/appels.csv\n      format: ods"));
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "/resources/0/source/format", message: expect.stringMatching(/file connector: must be one of: "csv", "xlsx"/) })]);
  });

  it("refuses a mapping to a field the schema does not have", async () => {
    const problems = await problemsOf(validYaml.replace('id: "Identifiant"', 'identifiant: "Identifiant"'));
    expect(problems).toEqual([
      expect.objectContaining({ jsonPath: "/resources/0/mapping/identifiant", line: 19, message: expect.stringContaining("fields are: id, montant, programme") }),
    ]);
  });

  it("refuses an enrichment naming a field the schema does not have", async () => {
    const problems = await problemsOf(validYaml.replace("    mapping:\n", "    enrich: { siren: siren, fill: { programme: nomComplet } }\n    mapping:\n"));
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "/resources/0/enrich/siren", message: expect.stringContaining('"siren" is not a field') })]);
  });

  it("refuses a rule with both a column and a constant", async () => {
    const problems = await problemsOf(validYaml.replace('{ value: "Programme fictif" }', '{ value: "X", column: "Y" }'));
    expect(problems.map((p) => p.jsonPath)).toContain("/resources/0/mapping/programme");
  });

  it("loads a resource read from several sources, each with its own mapping, and lists them in order", async () => {
    const dir = await declarationDir(twoInputsYaml);
    const declaration = await loadDeclaration(join(dir, "datapackage.yaml"), { connectorSchemas });
    const resource = declaration.resources[0]!;
    expect(inputsOf(resource).map((input) => [input.source.path, Object.keys(input.mapping ?? {})])).toEqual([
      ["sources/appels.csv", ["id", "montant"]],
      ["sources/transcription.csv", ["id", "programme"]],
    ]);
    expect(inputsOf({ ...resource, inputs: undefined, source: { connector: "file", path: "a.csv" }, mapping: { id: "A" } })).toEqual([
      { source: { connector: "file", path: "a.csv" }, mapping: { id: "A" } },
    ]);
  });

  it("points at the input, and the line, where a mapping or a connector option is wrong", async () => {
    const problems = await problemsOf(twoInputsYaml.replace("programme: { column: porteur", "programm: { column: porteur").replace("path: sources/transcription.csv", "path: sources/transcription.csv\n          format: ods"));
    expect(problems).toEqual([
      expect.objectContaining({ jsonPath: "/resources/0/inputs/1/source/format", message: expect.stringContaining("file connector: must be one of") }),
      expect.objectContaining({ jsonPath: "/resources/0/inputs/1/mapping/programm", line: 27, message: expect.stringContaining("fields are: id, montant, programme") }),
    ]);
  });

  it("refuses a resource that declares both a source and inputs", async () => {
    const problems = await problemsOf(twoInputsYaml.replace("    inputs:\n", "    source: { connector: file, path: a.csv }\n    inputs:\n"));
    expect(problems.map((p) => p.jsonPath)).toContain("/resources/0");
  });

  it("refuses an extract pattern that is not a regular expression, and says how to write one", async () => {
    const problems = await problemsOf(twoInputsYaml.replace('extract: "(MINISTÈRES? .+)$"', 'extract: "(MINISTÈRE"'));
    expect(problems).toEqual([
      expect.objectContaining({ jsonPath: "/resources/0/inputs/1/mapping/programme/extract", message: expect.stringMatching(/not a valid regular expression .*write it as JavaScript reads it/) }),
    ]);
  });

  it("requires the package name to equal its folder", async () => {
    const problems = await problemsOf(validYaml, "autre-dossier");
    expect(problems).toEqual([expect.objectContaining({ jsonPath: "/name", message: expect.stringContaining('folder name "autre-dossier"') })]);
  });

  it("reports YAML syntax errors with their line", async () => {
    const problems = await problemsOf(validYaml.replace("frequency: daily", "frequency: [daily"));
    expect(problems[0]?.message).toMatch(/YAML syntax error/);
    expect(problems[0]?.line).toBeGreaterThan(9);
  });
});
