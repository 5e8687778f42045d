import { DescriptorError } from "../errors/descriptor-error.ts";
import type { ValidationError } from "../errors/types.ts";
import { normaliseDialect, normalisePackage, normaliseResource, normaliseSchema } from "./upgrade-to-v2.ts";
import { unsafePathReason } from "./path-safety.ts";
import { descriptorBase, readDescriptor, resolveDescriptorPath } from "./read-descriptor.ts";
import type { Dialect, Package, Resource, Schema } from "./types.ts";
import { validateDialectDescriptor, validatePackageDescriptor, validateResourceDescriptor, validateSchemaDescriptor } from "./validate.ts";

/**
 * Loaders: read (path, URL or object), resolve schema/dialect references, validate, normalise to
 * v2. They throw DescriptorError listing every problem. Relative references resolve against the
 * descriptor's folder (or `options.basePath` for an object, default the working directory).
 */

export interface LoadOptions {
  /** Folder (path or URL) that relative references of an in-memory descriptor resolve against. */
  basePath?: string;
}

type Json = Record<string, unknown>;

async function source(input: string | object, kind: string, options: LoadOptions): Promise<{ value: unknown; base: string; place?: string }> {
  if (typeof input === "string") return { value: await readDescriptor(input, kind), base: descriptorBase(input), place: input };
  return { value: structuredClone(input), base: options.basePath ?? process.cwd() };
}

function throwIfAny(errors: ValidationError[], place?: string): void {
  if (errors.length > 0) throw new DescriptorError(errors, place);
}

/** Replaces string `schema` / `dialect` references of a resource by the descriptors they point to. */
async function resolveReferences(resource: unknown, base: string, prefix: string, errors: ValidationError[]): Promise<void> {
  if (typeof resource !== "object" || resource === null) return;
  const r = resource as Json;
  for (const key of ["schema", "dialect"] as const) {
    const ref = r[key];
    if (typeof ref !== "string" || unsafePathReason(ref)) continue;
    try {
      r[key] = await readDescriptor(resolveDescriptorPath(base, ref), key, `${prefix}/${key}`);
    } catch (error) {
      if (!(error instanceof DescriptorError)) throw error;
      errors.push(...error.errors);
    }
  }
}

export async function loadSchema(input: string | object, options: LoadOptions = {}): Promise<Schema> {
  const { value, place } = await source(input, "schema", options);
  throwIfAny(validateSchemaDescriptor(value), place);
  return normaliseSchema(value as Json);
}

export async function loadDialect(input: string | object, options: LoadOptions = {}): Promise<Dialect> {
  const { value, place } = await source(input, "dialect", options);
  throwIfAny(validateDialectDescriptor(value), place);
  return normaliseDialect(value as Json);
}

export async function loadResource(input: string | object, options: LoadOptions = {}): Promise<Resource> {
  const { value, base, place } = await source(input, "resource", options);
  const errors: ValidationError[] = [];
  await resolveReferences(value, base, "", errors);
  throwIfAny([...errors, ...validateResourceDescriptor(value)], place);
  return normaliseResource(value as Json);
}

export async function loadPackage(input: string | object, options: LoadOptions = {}): Promise<Package> {
  const { value, base, place } = await source(input, "package", options);
  const errors: ValidationError[] = [];
  const resources = (value as Json | null)?.resources;
  if (Array.isArray(resources)) {
    await Promise.all(resources.map((resource, i) => resolveReferences(resource, base, `/resources/${i}`, errors)));
  }
  throwIfAny([...errors, ...validatePackageDescriptor(value)], place);
  return normalisePackage(value as Json);
}
