import { relative, resolve, sep } from "node:path";
import { inputsOf } from "../../declaration/inputs.ts";
import type { Declaration, SourceDeclaration } from "../../declaration/types.ts";
import { escapeWorkflowData, escapeWorkflowProperty } from "../../frictionless/index.ts";
import type { PackageOutcome } from "../../orchestrate/run-package.ts";
import { placeKey, sourcePlaces, type SourcePlace } from "./source-lines.ts";

/** One problem told where the data team fixes it: a file of the repository and a line in it, when known. */
export interface Annotation {
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

interface Problem {
  resource?: string;
  source?: string;
  rowNumber?: number;
  column?: string;
  title: string;
  message: string;
}

/**
 * The problems of the packages that did not build, each pointed at the source file under
 * `datapackages/<name>/` and its line: a cell the transform could not read, a value validation
 * refused (traced back to its source row), a package that failed outright.
 */
export async function packageAnnotations(outcomes: readonly PackageOutcome[], declarations: readonly Declaration[], cwd: string): Promise<Annotation[]> {
  const annotations: Annotation[] = [];
  for (const outcome of outcomes) {
    const declaration = declarations.find((d) => d.name === outcome.name);
    const problems = problemsOf(outcome);
    const bySource = new Map<string, Problem[]>();
    for (const problem of problems) {
      const list = bySource.get(problem.source ?? "") ?? [];
      list.push(problem);
      bySource.set(problem.source ?? "", list);
    }
    for (const [source, list] of bySource) {
      const file = declaration && source ? localSource(declaration, source) : undefined;
      const places = file ? await sourcePlaces({ ...file, path: resolve(declaration!.dir, source) }, list.filter((p) => p.rowNumber !== undefined) as Array<{ rowNumber: number; column?: string }>).catch(() => new Map<string, SourcePlace>()) : new Map<string, SourcePlace>();
      for (const problem of list) {
        const place = problem.rowNumber === undefined ? undefined : places.get(placeKey(problem.rowNumber, problem.column));
        annotations.push({
          file: file ? repositoryPath(cwd, resolve(declaration!.dir, source)) : undefined,
          line: place?.line ?? (file ? problem.rowNumber : undefined),
          col: place?.col,
          title: problem.title,
          message: problem.message,
        });
      }
    }
    if (outcome.failure) annotations.push({ title: `${outcome.name}: échec`, message: outcome.failure });
  }
  return annotations;
}

function problemsOf(outcome: PackageOutcome): Problem[] {
  const problems: Problem[] = outcome.transformIssues.map((issue) => ({
    source: issue.source,
    rowNumber: issue.rowNumber,
    column: issue.column,
    title: `${outcome.name}: ${issue.code} (${issue.fieldName})`,
    message: issue.message,
  }));
  for (const error of outcome.validationErrors) {
    problems.push({
      resource: error.resource,
      source: error.origin?.source,
      rowNumber: error.origin?.rowNumber,
      column: error.origin?.column,
      title: `${outcome.name}: ${error.type}${error.fieldName ? ` (${error.fieldName})` : ""}`,
      message: error.text,
    });
  }
  return problems;
}

/** The file source a declaration reads from its own folder, by the name the connector gave it. */
function localSource(declaration: Declaration, source: string): (SourceDeclaration & { format?: string; encoding?: string }) | undefined {
  for (const resource of declaration.resources) {
    for (const input of inputsOf(resource)) {
      const options = input.source;
      if (options.connector !== "file" || typeof options.path !== "string") continue;
      if (relative(declaration.dir, resolve(declaration.dir, options.path)).split(sep).join("/") === source) return options;
    }
  }
  return undefined;
}

function repositoryPath(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join("/");
}

/** `::error file=…,line=…,col=…,title=…::message`, escaped as GitHub's workflow commands require. */
export function formatAnnotation(annotation: Annotation): string {
  const props: string[] = [];
  if (annotation.file !== undefined) props.push(`file=${escapeWorkflowProperty(annotation.file)}`);
  if (annotation.line !== undefined) props.push(`line=${annotation.line}`);
  if (annotation.col !== undefined) props.push(`col=${annotation.col}`);
  props.push(`title=${escapeWorkflowProperty(annotation.title)}`);
  return `::error ${props.join(",")}::${escapeWorkflowData(annotation.message)}`;
}
