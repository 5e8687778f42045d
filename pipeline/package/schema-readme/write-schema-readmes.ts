import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Schema } from "../../frictionless/index.ts";
import { renderSchemaReadme } from "./render-schema-readme.ts";

/** Every `<root>/<name>/schema.json`, sorted by folder name. */
export async function listSchemaFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name, "schema.json"))
    .sort();
}

export async function readSchema(file: string): Promise<Schema> {
  return JSON.parse(await readFile(file, "utf8")) as Schema;
}

/** Regenerates `README.md` next to every schema under `root`; returns the files written. */
export async function writeSchemaReadmes(root: string): Promise<string[]> {
  const written: string[] = [];
  for (const file of await listSchemaFiles(root)) {
    const readme = join(file, "..", "README.md");
    await writeFile(readme, renderSchemaReadme(await readSchema(file)), "utf8");
    written.push(readme);
  }
  return written;
}

// `npm run schemas:docs`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const written = await writeSchemaReadmes(resolve("schemas"));
  for (const file of written) console.log(`wrote ${file}`);
}
