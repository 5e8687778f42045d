import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { dialectProfile, packageProfile, resourceProfile, schemaProfile } from "../profiles/index.ts";
import { compiledProfilesCode, EXPORT_NAMES, GENERATED } from "./compile-profiles.ts";
import type { DescriptorKind } from "./profile-validator.ts";
import * as compiled from "./profile-validators.generated.js";

type Validator = ((descriptor: unknown) => boolean) & { errors?: ErrorObject[] | null };
const addFormats = ((addFormatsModule as unknown as { default?: (ajv: Ajv) => Ajv }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** The profiles compiled at run time, as the validator did before they were compiled ahead. */
function liveValidators(): Record<DescriptorKind, Validator> {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  return { package: ajv.compile(packageProfile), resource: ajv.compile(resourceProfile), schema: ajv.compile(schemaProfile), dialect: ajv.compile(dialectProfile) };
}

/** Descriptors of each kind that break the profiles in many ways: types, enums, formats, patterns, anyOf, if/then, lengths. */
const DESCRIPTORS: Record<DescriptorKind, unknown[]> = {
  package: [
    { resources: [{ name: "r", path: "r.csv" }] },
    {},
    { name: "", resources: [], created: "hier", licenses: [{ title: "sans nom" }, { name: "CC BY" }], contributors: [{}, { title: "x", email: "pas-un-courriel" }, { title: "y", email: "" }] },
    { resources: "r.csv", keywords: [1, "a"], sources: [{ title: "s", email: "a@b.fr" }], created: "2024-02-30T10:00:00Z" },
    [],
    "paquet",
  ],
  resource: [
    { name: "r", path: "r.csv" },
    { name: "R majuscule", path: 5, format: 1, bytes: -1, hash: 12, schema: [], dialect: "x" },
    { path: ["a.csv", ""], data: [] },
    {},
  ],
  schema: [
    { fields: [{ name: "siren", type: "string" }], primaryKey: "siren" },
    { fields: [{ name: "n", type: "nombre" }, { type: "string" }, { name: "b", type: "boolean", trueValues: "oui" }], primaryKey: 5, fieldsMatch: "tous" },
    { fields: [{ name: "d", type: "date", constraints: { minimum: 3, enum: "a" } }], missingValues: [1], foreignKeys: [{ fields: 1 }] },
    { fields: {} },
  ],
  dialect: [{ delimiter: ";" }, { delimiter: 5, header: "oui", headerRows: [0], quoteChar: "''", lineTerminator: 1 }, { commentRows: "x", skipInitialSpace: 1 }],
};

describe("the descriptor profiles compiled ahead (profile-validators.generated.js)", () => {
  it("are the code ajv writes for the profiles as they are now (else: npm run profiles:compile)", () => {
    expect(readFileSync(GENERATED, "utf8") === compiledProfilesCode(), "profile-validators.generated.js is out of date: run `npm run profiles:compile`").toBe(true);
  });

  it("find what the profiles compiled at run time find, error for error (formats included)", () => {
    const live = liveValidators();
    let invalid = 0;
    for (const [kind, descriptors] of Object.entries(DESCRIPTORS) as [DescriptorKind, unknown[]][]) {
      const ahead = (compiled as unknown as Record<string, Validator>)[EXPORT_NAMES[kind]] as Validator;
      for (const descriptor of descriptors) {
        const valid = live[kind](descriptor);
        expect(ahead(descriptor), `${kind} ${JSON.stringify(descriptor)}`).toBe(valid);
        expect(ahead.errors ?? null).toEqual(live[kind].errors ?? null);
        if (!valid) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(10);
    const pkg = compiled.packageDescriptor as Validator;
    pkg({ resources: [{}], created: "hier", contributors: [{ email: "pas-un-courriel" }] });
    expect(pkg.errors?.filter((error) => error.keyword === "format").map((error) => error.instancePath)).toEqual(["/created", "/contributors/0/email"]);
  });
});
