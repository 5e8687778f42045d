import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Declaration } from "../declaration/types.ts";
import { packageFingerprint } from "./fingerprint.ts";

/** A declaration on disk with two schemas: the fingerprint reads the files themselves. */
let dir: string;
let declaration: Declaration;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aap-fingerprint-"));
  await mkdir(join(dir, "schemas"));
  await writeFile(join(dir, "datapackage.yaml"), "name: paquet-fictif\n");
  await writeFile(join(dir, "schemas", "appels.json"), '{"fields":[{"name":"id","type":"string"}]}');
  await writeFile(join(dir, "schemas", "laureats.json"), '{"fields":[{"name":"id","type":"string"}]}');
  declaration = {
    name: "paquet-fictif",
    title: "Paquet fictif",
    description: "Paquet fictif pour les tests.",
    version: "1.0.0",
    licenses: [],
    keywords: [],
    contributors: [],
    datagouv: { frequency: "daily", tags: [], private: false },
    resources: [
      { name: "appels", schema: "schemas/appels.json" },
      { name: "laureats", schema: "schemas/laureats.json" },
    ],
    file: join(dir, "datapackage.yaml"),
    dir,
  };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SOURCES = ["a".repeat(64), "b".repeat(64)];

describe("packageFingerprint", () => {
  it("is the same for the same inputs: an unchanged night is recognised", async () => {
    const first = await packageFingerprint(declaration, "0.1.0", SOURCES);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await packageFingerprint(declaration, "0.1.0", [...SOURCES])).toBe(first);
  });

  it("changes with a source's content, and with the order of the sources", async () => {
    const base = await packageFingerprint(declaration, "0.1.0", SOURCES);
    expect(await packageFingerprint(declaration, "0.1.0", [SOURCES[0]!, "c".repeat(64)])).not.toBe(base);
    expect(await packageFingerprint(declaration, "0.1.0", [...SOURCES].reverse())).not.toBe(base);
    expect(await packageFingerprint(declaration, "0.1.0", SOURCES.slice(0, 1))).not.toBe(base);
  });

  it("changes with the pipeline's version: new code may build a different package", async () => {
    expect(await packageFingerprint(declaration, "0.2.0", SOURCES)).not.toBe(await packageFingerprint(declaration, "0.1.0", SOURCES));
  });

  it("changes when the declaration file or a schema file changes", async () => {
    const base = await packageFingerprint(declaration, "0.1.0", SOURCES);
    await writeFile(join(dir, "schemas", "laureats.json"), '{"fields":[{"name":"id","type":"string"},{"name":"titre","type":"string"}]}');
    const schemaChanged = await packageFingerprint(declaration, "0.1.0", SOURCES);
    expect(schemaChanged).not.toBe(base);
    await writeFile(join(dir, "datapackage.yaml"), "name: paquet-fictif\nversion: 1.0.1\n");
    expect(await packageFingerprint(declaration, "0.1.0", SOURCES)).not.toBe(schemaChanged);
  });

  it("tells apart two resources that swap schemas whose files are identical", async () => {
    await writeFile(join(dir, "schemas", "appels.json"), "{}");
    await writeFile(join(dir, "schemas", "laureats.json"), "{}");
    const base = await packageFingerprint(declaration, "0.1.0", SOURCES);
    const swapped = { ...declaration, resources: [{ name: "appels", schema: "schemas/laureats.json" }, { name: "laureats", schema: "schemas/appels.json" }] };
    expect(await packageFingerprint(swapped, "0.1.0", SOURCES)).not.toBe(base);
  });
});
