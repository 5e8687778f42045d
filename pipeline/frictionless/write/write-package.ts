import { mkdir, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import type { Package, Resource } from "../descriptor/types.ts";
import { compileSchema } from "../field/index.ts";
import { interoperableSchema } from "./interoperable.ts";
import { descriptorJson, orderPackage, orderResource } from "./key-order.ts";
import { writeCsvTable } from "./write-table.ts";

export const DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";

/** A non-table file shipped in the package (documentation, a README), listed as a resource. */
export interface ExtraFile {
  /** Resource name. */
  name: string;
  /** Relative path inside the package. */
  path: string;
  /** A function is called once the tables are written: content that summarises rows streamed to them. */
  content: string | Uint8Array | (() => string | Uint8Array);
  title?: string;
  /** A function, like `content`, is called once the tables are written. */
  description?: string | (() => string);
  format?: string;
  mediatype?: string;
}

export interface WritePackageOptions {
  dir: string;
  /** Normalised package; every table resource carries its schema. */
  descriptor: Package;
  /** Logical values in schema field order, by resource name. */
  tables: Record<string, AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>>;
  /** Schema inline in datapackage.json (default) or in `<name>.schema.json` beside it. */
  schemaMode?: "inline" | "path";
  extraFiles?: ExtraFile[];
}

export interface WrittenPackage {
  /** The descriptor as written to `datapackage.json`. */
  descriptor: Package;
  /** Files written, datapackage.json included. */
  files: number;
  /** Their total size. */
  bytes: number;
}

/**
 * Writes a data package: one CSV per table (see `writeCsvTable`), the extra files, and
 * `datapackage.json` with `$schema` v2, each resource's path, format, mediatype, encoding,
 * dialect, bytes and sha256 hash, keys in a fixed order. Same input, same bytes. What v1 readers
 * need is written too, in forms v2 readers accept (interoperable.ts, `profile` of tables).
 */
export async function writePackage(options: WritePackageOptions): Promise<WrittenPackage> {
  const { dir, descriptor } = options;
  await mkdir(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  const resources: Resource[] = [];
  for (const resource of descriptor.resources) {
    const rows = options.tables[resource.name];
    if (rows === undefined) {
      resources.push(orderResource(resource));
      continue;
    }
    if (resource.schema === undefined) throw new Error(`resource "${resource.name}" has rows to write but no schema`);
    const path = typeof resource.path === "string" && !/^[a-z]+:\/\//i.test(resource.path) ? resource.path : `${resource.name}.csv`;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    const written = await writeCsvTable(join(dir, path), compileSchema(resource.schema).fields, rows);
    files++;
    bytes += written.bytes;
    const { data: _data, ...rest } = resource;
    let schema: Resource["schema"] | string = interoperableSchema(resource.schema);
    if (options.schemaMode === "path") {
      const schemaPath = `${resource.name}.schema.json`;
      const text = descriptorJson(schema);
      await writeFile(join(dir, schemaPath), text);
      files++;
      bytes += Buffer.byteLength(text);
      schema = schemaPath;
    }
    resources.push(
      orderResource({
        ...rest,
        path,
        type: "table",
        // v1's mark of a table (datapackage-js reads a resource as a table only with it); v2 readers take it as type "table".
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        bytes: written.bytes,
        hash: `sha256:${written.sha256}`,
        dialect: { header: true, delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true },
        schema: schema as Resource["schema"],
      }),
    );
  }
  for (const extra of options.extraFiles ?? []) {
    const given = typeof extra.content === "function" ? extra.content() : extra.content;
    const content = typeof given === "string" ? Buffer.from(given, "utf8") : given;
    await mkdir(dirname(join(dir, extra.path)), { recursive: true });
    await writeFile(join(dir, extra.path), content);
    files++;
    bytes += content.length;
    resources.push(
      orderResource({
        name: extra.name,
        path: extra.path,
        ...(extra.title !== undefined ? { title: extra.title } : {}),
        ...(extra.description !== undefined ? { description: typeof extra.description === "function" ? extra.description() : extra.description } : {}),
        ...(extra.format !== undefined ? { format: extra.format } : {}),
        ...(extra.mediatype !== undefined ? { mediatype: extra.mediatype } : {}),
        ...(typeof given === "string" ? { encoding: "utf-8" } : {}),
        bytes: content.length,
        hash: `sha256:${createHash("sha256").update(content).digest("hex")}`,
      }),
    );
  }
  const written: Package = orderPackage({ ...descriptor, $schema: DATAPACKAGE_PROFILE, resources });
  const text = descriptorJson(written);
  await writeFile(join(dir, "datapackage.json"), text);
  files++;
  bytes += Buffer.byteLength(text);
  return { descriptor: written, files, bytes };
}
