import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { declarationSchema } from "./declaration-schema.ts";
import { inputsOf } from "./inputs.ts";
import { describeThrown } from "../frictionless/index.ts";
import { DeclarationError, type DeclarationProblem } from "./errors.ts";
import type { Declaration, Mapping, ResourceDeclaration, SourceDeclaration } from "./types.ts";

export const DECLARATION_FILE = "datapackage.yaml";

export interface LoadOptions {
  /** Connector kind → JSON Schema of its options (from the extract registry). */
  connectorSchemas: Readonly<Record<string, object>>;
  /** Folder paths in messages are relative to (default: the current directory). */
  cwd?: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validateShape = ajv.compile(declarationSchema);
const connectorValidators = new WeakMap<object, ValidateFunction>();

/**
 * The declarations of every package under `root` (folders holding a datapackage.yaml), sorted
 * by name, character by character: the machine's locale never changes the order of a run.
 */
export async function listDeclarationFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = join(root, entry.name, DECLARATION_FILE);
    if (await exists(file)) files.push(file);
  }
  return files;
}

/** Read, check and normalise one declaration. Throws DeclarationError listing every problem found. */
export async function loadDeclaration(file: string, options: LoadOptions): Promise<Declaration> {
  const absolute = resolve(file);
  const shown = relative(options.cwd ?? process.cwd(), absolute) || absolute;
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new DeclarationError([{ file: shown, jsonPath: "", message: `cannot read the declaration: ${describeThrown(error).message}` }]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    throw new DeclarationError(
      document.errors.map((error) => ({
        file: shown,
        jsonPath: "",
        line: error.linePos?.[0]?.line,
        message: `YAML syntax error: ${error.message.split("\n")[0]}`,
      })),
    );
  }
  const data: unknown = document.toJS();
  const locate = (jsonPath: string) => lineOf(document, lineCounter, jsonPath);
  // An unknown property is reported at its own line, not at the start of the mapping that holds it.
  const problem: ProblemAt = (jsonPath, message, property) => ({
    file: shown,
    jsonPath,
    line: (property === undefined ? undefined : keyLine(document, lineCounter, jsonPath, property)) ?? locate(jsonPath),
    message,
  });

  if (!validateShape(data)) {
    throw new DeclarationError(simplifyAjvErrors(validateShape.errors ?? []).map((e) => problem(e.path, e.message, e.property)));
  }
  const raw = data as Omit<Declaration, "file" | "dir">;
  const dir = dirname(absolute);
  const problems: DeclarationProblem[] = [];
  const folderName = dirname(absolute).split(/[\\/]/).pop();
  if (folderName !== raw.name) {
    problems.push(problem("/name", `the package name "${raw.name}" must equal its folder name "${folderName}"`));
  }
  const seen = new Set<string>();
  for (const [index, resource] of raw.resources.entries()) {
    const base = `/resources/${index}`;
    if (seen.has(resource.name)) problems.push(problem(`${base}/name`, `resource name "${resource.name}" is used twice; names must be unique`));
    seen.add(resource.name);
    problems.push(...(await checkResource(resource, base, dir, options.connectorSchemas, problem)));
  }
  if (problems.length > 0) throw new DeclarationError(problems);
  return {
    ...raw,
    keywords: raw.keywords ?? [],
    contributors: raw.contributors ?? [],
    datagouv: { ...raw.datagouv, tags: raw.datagouv.tags ?? [], private: raw.datagouv.private ?? false },
    file: absolute,
    dir,
  };
}

/** The problem at `jsonPath`; with `property`, located at that key of the mapping there. */
type ProblemAt = (jsonPath: string, message: string, property?: string) => DeclarationProblem;

/** Each input's connector options and mapping, and the enrichment, against the resource's Table Schema. */
async function checkResource(resource: ResourceDeclaration, base: string, dir: string, schemas: LoadOptions["connectorSchemas"], problem: ProblemAt): Promise<DeclarationProblem[]> {
  const problems: DeclarationProblem[] = [];
  const inputs = inputsOf(resource);
  // Paths point where the team wrote the block: `source`/`mapping`, or `inputs/<n>/…`.
  const at = (index: number) => (resource.inputs ? `${base}/inputs/${index}` : base);
  for (const [index, input] of inputs.entries()) problems.push(...checkSource(input.source, `${at(index)}/source`, schemas, problem));
  const schemaFile = resolve(dir, resource.schema);
  let fieldNames: string[];
  try {
    const schema = JSON.parse(await readFile(schemaFile, "utf8")) as { fields?: { name?: unknown }[] };
    fieldNames = (schema.fields ?? []).map((field) => String(field.name));
  } catch (error) {
    return [...problems, problem(`${base}/schema`, `cannot read the Table Schema ${resource.schema}: ${describeThrown(error).message}`)];
  }
  const known = new Set(fieldNames);
  const unknown = (field: string, jsonPath: string) => problem(jsonPath, `"${field}" is not a field of ${resource.schema}; fields are: ${fieldNames.join(", ")}`);
  for (const [index, input] of inputs.entries()) problems.push(...checkMapping(input.mapping ?? {}, `${at(index)}/mapping`, known, unknown, problem));
  if (resource.enrich) {
    if (!known.has(resource.enrich.siren)) problems.push(unknown(resource.enrich.siren, `${base}/enrich/siren`));
    for (const field of Object.keys(resource.enrich.fill).filter((f) => !known.has(f))) problems.push(unknown(field, `${base}/enrich/fill/${escapePointer(field)}`));
  }
  return problems;
}

function checkSource(source: SourceDeclaration, path: string, schemas: LoadOptions["connectorSchemas"], problem: ProblemAt): DeclarationProblem[] {
  const { connector, ...sourceOptions } = source;
  const schema = schemas[connector];
  if (!schema) {
    return [problem(`${path}/connector`, `unknown connector "${connector}"; use one of: ${Object.keys(schemas).sort().join(", ")}`)];
  }
  let validate = connectorValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    connectorValidators.set(schema, validate);
  }
  if (validate(sourceOptions)) return [];
  return simplifyAjvErrors(validate.errors ?? []).map((e) => problem(`${path}${e.path}`, `${connector} connector: ${e.message}`, e.property));
}

function checkMapping(mapping: Mapping, path: string, known: Set<string>, unknown: (field: string, jsonPath: string) => DeclarationProblem, problem: ProblemAt): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  for (const [field, rule] of Object.entries(mapping)) {
    const rulePath = `${path}/${escapePointer(field)}`;
    if (!known.has(field)) problems.push(unknown(field, rulePath));
    if (typeof rule === "object" && rule.extract !== undefined) {
      const error = regexError(rule.extract);
      if (error) problems.push(problem(`${rulePath}/extract`, `not a valid regular expression (${error}); write it as JavaScript reads it, e.g. "(MINISTÈRES? .+)$"`));
    }
  }
  return problems;
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (error) {
    return describeThrown(error).message;
  }
}

interface SimpleError {
  path: string;
  message: string;
  /** The unknown property's name, for an `additionalProperties` error. */
  property?: string;
}

/**
 * ajv reports every failed branch of a oneOf; a person wants the one that explains the
 * mistake. Keep the deepest errors, drop the combinator noise, say which property is unknown.
 */
export function simplifyAjvErrors(errors: ErrorObject[]): SimpleError[] {
  const concrete = errors.filter((e) => !["oneOf", "anyOf", "not", "if"].includes(e.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  const deepest = pool.filter((e) => !pool.some((other) => other !== e && other.instancePath.startsWith(`${e.instancePath}/`)));
  const seen = new Set<string>();
  const out: SimpleError[] = [];
  for (const error of deepest) {
    const message = describeAjvError(error);
    const key = `${error.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const property = error.keyword === "additionalProperties" ? String((error.params as Record<string, unknown>).additionalProperty) : undefined;
    out.push({ path: error.instancePath, message, ...(property === undefined ? {} : { property }) });
  }
  return out;
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown property "${String(params.additionalProperty)}"; check its spelling`;
    case "required":
      return `missing required property "${String(params.missingProperty)}"`;
    case "enum":
      return `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `"${String(error.data)}" does not match the expected pattern ${String(params.pattern)}`;
    default:
      return error.message ?? error.keyword;
  }
}

function lineOf(document: Document, lineCounter: LineCounter, jsonPath: string): number | undefined {
  const segments = jsonPath.split("/").slice(1).map(unescapePointer);
  for (let length = segments.length; length >= 0; length--) {
    const path = segments.slice(0, length).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = length === 0 ? document.contents : document.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

/** The line of the key `property` in the mapping at `jsonPath`. */
function keyLine(document: Document, lineCounter: LineCounter, jsonPath: string, property: string): number | undefined {
  const segments = jsonPath.split("/").slice(1).map(unescapePointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const node = segments.length === 0 ? document.contents : document.getIn(segments, true);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === property);
  const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
