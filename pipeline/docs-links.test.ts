import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Comments and READMEs cite docs/ by file and section (`docs/datagouv-api.md §7.3`). Whoever clones
 * the repository has nothing else to go on, so every citation must lead to an existing file and a
 * numbered heading in it. The team's research notes live outside the repository: citing them is an
 * error, as is a docs/ file missing from the docs/README.md index.
 */

const ROOT = join(import.meta.dirname, "..");
const SELF = relative(ROOT, import.meta.filename);
const SKIPPED_DIRS = new Set(["node_modules", ".git", "output", "coverage", ".aap", ".data"]);
const SCANNED = /\.(ts|js|mjs|cjs|md|ya?ml|sh)$/;
/** Names of the research notes; our docs/ never uses them. */
const NOTES = new Set(["udata-api.md", "domain.md", "frictionless.md", "peers.md"]);

/** A path ending in `.md`, with the folders written before it. */
const MD_PATH = /(?<![\w.-])((?:[\w.-]+\/)*)([\w-]+\.md)\b/g;
/** Sections right after a citation: `§5`, `§5.1–§5.3`, `§4.6, §5.7`, `§5.4/§5.5`, `§1 and §2`. */
const TAIL = /^`?((?:(?:\s*(?:,|\/|–|-|and|or)\s*|\s*)§\d+(?:\.\d+)*)*)/;
const SECTION = /§(\d+(?:\.\d+)*)/g;
const MD_LINK = /\]\(([^)#\s:]+\.md)(?:#[^)]*)?\)/g;

type DocSections = ReadonlyMap<string, ReadonlySet<string>>;

/** Numbers of the headings of a Markdown document: `## 5. Resources` → 5, `### 5.3 Chunks` → 5.3. */
function sectionsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(match[1]!);
  return out;
}

/** Every broken or forbidden citation of `text` (the file at `path`, relative to the repository root). */
function citationProblems(path: string, text: string, docs: DocSections): string[] {
  const problems: string[] = [];
  const at = (index: number, message: string) => problems.push(`${path}:${text.slice(0, index).split("\n").length}: ${message}`);
  const inDocs = path.startsWith("docs/");
  const consumed: Array<[number, number]> = [];
  const checkSections = (file: string, tail: string, index: number) => {
    const known = docs.get(file);
    for (const match of tail.matchAll(SECTION)) {
      if (known && !known.has(match[1]!)) at(index, `docs/${file} has no section §${match[1]}`);
    }
  };
  for (const match of text.matchAll(/\/work\/shared\b/g)) at(match.index, "cites /work/shared, which is not in the repository; cite docs/ instead");
  for (const match of text.matchAll(MD_PATH)) {
    const [whole, folders = "", file = ""] = match;
    const end = match.index + whole.length;
    const tail = TAIL.exec(text.slice(end))?.[0] ?? "";
    consumed.push([match.index, end + tail.length]);
    const ours = folders === "docs/" || folders.endsWith("/docs/") || (inDocs && folders === "" && docs.has(file));
    if (NOTES.has(file)) at(match.index, `cites ${whole}, a research note outside the repository; cite the docs/ file that replaced it`);
    else if (file === "architecture.md" && !ours) at(match.index, `cites ${whole}; the repository's is docs/architecture.md`);
    else if (ours && !docs.has(file)) at(match.index, `cites docs/${file}, which does not exist`);
    else if (ours) checkSections(file, tail, match.index);
  }
  for (const match of text.matchAll(SECTION)) {
    if (consumed.some(([start, end]) => match.index >= start && match.index < end)) continue;
    if (inDocs) {
      if (!docs.get(path.slice("docs/".length))?.has(match[1]!)) at(match.index, `cites §${match[1]}, which ${path} does not have`);
    } else if (/(?<![\w.-])docs\//.test(lineAround(text, match.index))) {
      at(match.index, `§${match[1]} is not right after the docs/ file it belongs to; write "docs/<file>.md §${match[1]}" so that it is checked`);
    }
  }
  if (path.endsWith(".md")) {
    for (const match of text.matchAll(MD_LINK)) {
      if (!existsSync(join(ROOT, dirname(path), match[1]!))) at(match.index, `links to ${match[1]}, which does not exist`);
    }
  }
  return problems;
}

function lineAround(text: string, index: number): string {
  const end = text.indexOf("\n", index);
  return text.slice(text.lastIndexOf("\n", index) + 1, end < 0 ? text.length : end);
}

function scannedFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...scannedFiles(join(dir, entry.name)));
    } else if (SCANNED.test(entry.name) || relative(ROOT, dir) === ".ci") {
      out.push(relative(ROOT, join(dir, entry.name)));
    }
  }
  return out;
}

function repositoryDocs(): Map<string, Set<string>> {
  const folder = join(ROOT, "docs");
  return new Map(readdirSync(folder).filter((name) => name.endsWith(".md")).map((name) => [name, sectionsOf(readFileSync(join(folder, name), "utf8"))]));
}

describe("citations of docs/", () => {
  const docs: DocSections = new Map([
    ["datagouv-api.md", new Set(["5", "5.1", "5.3", "7"])],
    ["decisions.md", new Set(["4"])],
  ]);

  it("reads numbered headings as sections", () => {
    expect([...sectionsOf("# Title\n## 1. Scope\n### 1.2 Sources\n#### 10.11.3 Deep\n## Unnumbered\n1. a list item\n")]).toEqual(["1", "1.2", "10.11.3"]);
  });

  it("accepts citations of existing files and sections, single, listed or as ranges", () => {
    const text = "// docs/datagouv-api.md §5.1–§5.3, §7 and `docs/decisions.md` §4\n// see docs/datagouv-api.md\n";
    expect(citationProblems("pipeline/a.ts", text, docs)).toEqual([]);
  });

  it("reports a missing file, a missing section, with the file and line", () => {
    expect(citationProblems("pipeline/a.ts", "x\n// docs/missing.md §1\n// docs/datagouv-api.md §5.1/§5.4\n", docs)).toEqual([
      "pipeline/a.ts:2: cites docs/missing.md, which does not exist",
      "pipeline/a.ts:3: docs/datagouv-api.md has no section §5.4",
    ]);
  });

  it("refuses a section written apart from its file, which could not be checked, and ignores other § signs", () => {
    const text = "// docs/datagouv-api.md (checklist §13)\n// ECMA-376 §18.8.30\n";
    expect(citationProblems("pipeline/a.ts", text, docs)).toEqual([
      'pipeline/a.ts:1: §13 is not right after the docs/ file it belongs to; write "docs/<file>.md §13" so that it is checked',
    ]);
  });

  it("reports any citation of the research notes, with or without a folder", () => {
    const text = ["udata-api.md §4.5", "/work/shared/docs/domain.md §4.1", "docs/frictionless.md §1.6", "peers.md", "see architecture.md"].join("\n");
    const problems = citationProblems("pipeline/a.ts", text, docs);
    expect(problems).toHaveLength(6);
    expect(problems.filter((problem) => problem.includes("research note"))).toHaveLength(4);
    expect(problems.some((problem) => problem.includes("/work/shared"))).toBe(true);
    expect(problems.some((problem) => problem.includes("docs/architecture.md"))).toBe(true);
  });

  it("inside docs/, checks bare sections against the document itself and the others by name", () => {
    expect(citationProblems("docs/decisions.md", "as said in §4, and datagouv-api.md §7 but not §9\n", docs)).toEqual(["docs/decisions.md:1: cites §9, which docs/decisions.md does not have"]);
  });

  it("holds in every file of the repository", () => {
    const repoDocs = repositoryDocs();
    const problems = scannedFiles()
      .filter((path) => path !== SELF)
      .flatMap((path) => citationProblems(path, readFileSync(join(ROOT, path), "utf8"), repoDocs));
    expect(problems).toEqual([]);
  });

  it("lists every document of docs/ in its index", () => {
    const index = readFileSync(join(ROOT, "docs", "README.md"), "utf8");
    const unlisted = [...repositoryDocs().keys()].filter((name) => name !== "README.md" && !index.includes(`](${name})`));
    expect(unlisted).toEqual([]);
  });
});
