import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The rules of docs/architecture.md §2, read from the code itself: the import graph of
 * pipeline/ (static imports, re-exports and dynamic imports, type-only ones included) has
 * no cycle and no import from a lower layer up; production code never imports the test
 * fakes; no source file is over 300 lines.
 */

const ROOT = join(import.meta.dirname, "..");
const SKIPPED_DIRS = new Set(["node_modules", ".git", "output", "coverage", "dist", ".aap", ".data"]);
const MAX_LINES = 300;

/** Layer of each folder of pipeline/: an import may go down, never up. */
const LAYERS: Record<string, number> = {
  frictionless: 0,
  http: 1,
  log: 1,
  state: 1,
  shared: 1,
  declaration: 2,
  extract: 2,
  transform: 2,
  validate: 2,
  package: 2,
  publish: 2,
  schedule: 2,
  site: 2,
  watch: 2,
  release: 2,
  orchestrate: 3,
  failures: 3,
  cli: 4,
};

/**
 * Within a layer, which folder may import which; the rest of a layer is off limits. These
 * edges form no cycle: `shared` is the foot of the infrastructure, the declaration is read
 * by the stages that follow it, and a stage reads the types of the one before it.
 */
const SAME_LAYER: Record<string, readonly string[]> = {
  http: ["shared"],
  log: ["shared"],
  state: ["shared"],
  transform: ["declaration"],
  validate: ["transform"],
  // The dataset metadata the package stage derives follows data.gouv.fr's slug rules (publish/slugify.ts).
  package: ["declaration", "extract", "transform", "publish"],
  // The site links the downloads by the package stage's file names and reads its change history type.
  site: ["package"],
  // The freshness check reads the declarations and the datasets through the publication's client.
  watch: ["declaration", "publish"],
  // The catalogue of error codes names every family's codes; a package's failure is described with it.
  orchestrate: ["failures"],
};

/**
 * The dynamic imports whose module is computed: the launcher loads the compiled program from
 * dist/; a validation worker thread loads the custom checks' module that the layer registering
 * them names (`ValidateOptions.checksModule`), since the engine imports nothing of ours.
 */
const COMPUTED_IMPORTS = new Set(["pipeline/cli/aap.js", "pipeline/frictionless/validate/parallel/check-chunk.ts"]);

interface Import {
  from: string;
  /** Repository-relative path of the imported file; undefined for a package (undici, vitest…). */
  to: string | undefined;
  line: number;
  dynamic: boolean;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...sourceFiles(path));
    else if (entry.isFile() && /\.(ts|js)$/.test(entry.name)) files.push(path);
  }
  return files;
}

const isTest = (file: string) => file.endsWith(".test.ts");
const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** Every import of a file, read from its syntax tree: comments and strings never count. */
function importsOf(file: string, text: string): { imports: Import[]; computed: number[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports: Import[] = [];
  const computed: number[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const add = (specifier: string, node: ts.Node, dynamic: boolean) => {
    const to = specifier.startsWith(".") ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).split("\\").join("/") : undefined;
    imports.push({ from: file, to, line: lineOf(node), dynamic });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, node, true);
      else computed.push(lineOf(node));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, node, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, computed };
}

const CHECKED_DIRS = ["pipeline", "fakes", "bench", "schemas", "datapackages"];
const allFiles = CHECKED_DIRS.flatMap(sourceFiles);
const texts = new Map(allFiles.map((file) => [file, readFileSync(join(ROOT, file), "utf8")]));
const pipelineFiles = allFiles.filter((file) => file.startsWith("pipeline/"));
const graph = new Map(pipelineFiles.map((file) => [file, importsOf(file, texts.get(file)!)]));
const ownImports = [...graph.values()].flatMap(({ imports }) => imports.filter((i) => i.to !== undefined));

/** `pipeline/<folder>/…` → folder; a file directly in pipeline/ has none. */
function folderOf(file: string): string | undefined {
  const parts = file.split("/");
  return parts[0] === "pipeline" && parts.length > 2 ? parts[1] : undefined;
}

/** Why `from` may not import `to`, or undefined when it may. */
function layerViolation(from: string, to: string): string | undefined {
  const [a, b] = [folderOf(from), folderOf(to)];
  if (a === undefined || b === undefined || a === b) return undefined;
  const [la, lb] = [LAYERS[a], LAYERS[b]];
  if (la === undefined || lb === undefined) return undefined; // reported by the test of unknown folders
  if (lb > la) return `${a} (layer ${la}) imports ${b} (layer ${lb}), a higher layer`;
  if (lb === la && !(SAME_LAYER[a] ?? []).includes(b)) return `${a} imports ${b}, in its own layer ${la}, which docs/architecture.md §2 does not allow`;
  return undefined;
}

/** The files of every import cycle (Tarjan's strongly connected components, longer than one file or a file importing itself). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return found;
}

describe("the import graph of pipeline/", () => {
  it("is read whole: static imports, re-exports and the lazy commands' dynamic imports", () => {
    expect(pipelineFiles.length).toBeGreaterThan(100);
    const has = (from: string, to: string, dynamic: boolean) => ownImports.some((i) => i.from === from && i.to === to && i.dynamic === dynamic);
    expect(has("pipeline/orchestrate/run.ts", "pipeline/orchestrate/leftovers.ts", false)).toBe(true);
    expect(has("pipeline/cli/commands/run.ts", "pipeline/cli/commands/run-packages.ts", true)).toBe(true);
  });

  it("places every folder of pipeline/ in a layer, and only tests directly in pipeline/", () => {
    const unplaced = pipelineFiles.filter((file) => (folderOf(file) === undefined ? !isTest(file) : LAYERS[folderOf(file)!] === undefined));
    expect(unplaced, "add the folder to LAYERS here and to docs/architecture.md §2").toEqual([]);
  });

  it("has no import from a lower layer up, nor across a layer but as allowed (specs may use any layer to set up their case)", () => {
    const violations = ownImports.filter((i) => !isTest(i.from)).flatMap((i) => {
      const why = layerViolation(i.from, i.to!);
      return why ? [`${i.from}:${i.line} → ${i.to}: ${why}`] : [];
    });
    expect(violations).toEqual([]);
  });

  it("has no import cycle", () => {
    const edges = new Map<string, string[]>();
    for (const i of ownImports) {
      if (i.to!.startsWith("pipeline/")) edges.set(i.from, [...(edges.get(i.from) ?? []), i.to!]);
    }
    expect(cycles(edges)).toEqual([]);
  });

  it("names every dynamically imported module literally, so that no import escapes these checks", () => {
    const computed = [...graph.entries()].flatMap(([file, { computed }]) => (COMPUTED_IMPORTS.has(file) ? [] : computed.map((line) => `${file}:${line}`)));
    expect(computed).toEqual([]);
  });
});

describe("production code and test code", () => {
  it("keeps the test fakes and the specs out of production code", () => {
    const leaks = ownImports.filter((i) => !isTest(i.from) && (i.to!.startsWith("fakes/") || isTest(i.to!) || i.to!.includes("/fixtures/")));
    expect(leaks.map((i) => `${i.from}:${i.line} → ${i.to}`)).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines (specs, fakes, benchmarks and the data's tests included)`, () => {
    const long = allFiles.filter((file) => lineCount(texts.get(file)!) > MAX_LINES).map((file) => `${file}: ${lineCount(texts.get(file)!)} lines`);
    expect(long).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("find a cycle, and only a real one", () => {
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual([["a", "b", "c"]]);
    expect(cycles(new Map([["a", ["a"]]]))).toEqual([["a"]]);
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["d", ["c"]]]))).toEqual([]);
  });

  it("tell an import up from one down or across as allowed", () => {
    expect(layerViolation("pipeline/frictionless/index.ts", "pipeline/http/client.ts")).toMatch(/layer 0\) imports http \(layer 1\)/);
    expect(layerViolation("pipeline/transform/map-inputs.ts", "pipeline/package/promote.ts")).toMatch(/own layer 2/);
    expect(layerViolation("pipeline/package/promote.ts", "pipeline/transform/table.ts")).toBeUndefined();
    expect(layerViolation("pipeline/cli/main.ts", "pipeline/frictionless/index.ts")).toBeUndefined();
  });

  it("read dynamic imports, type imports and re-exports, but not the words in comments", () => {
    const text = [
      'import type { A } from "../shared/a.ts";',
      'export { b } from "./b.ts";',
      "// import { c } from \"../cli/c.ts\";",
      'const d = await import("../orchestrate/d.ts");',
      'let e: import("../log/e.ts").E;',
      "const f = await import(name);",
    ].join("\n");
    const { imports, computed } = importsOf("pipeline/http/x.ts", text);
    expect(imports.map((i) => [i.to, i.dynamic, i.line])).toEqual([
      ["pipeline/shared/a.ts", false, 1],
      ["pipeline/http/b.ts", false, 2],
      ["pipeline/orchestrate/d.ts", true, 4],
      ["pipeline/log/e.ts", false, 5],
    ]);
    expect(computed).toEqual([6]);
  });
});
