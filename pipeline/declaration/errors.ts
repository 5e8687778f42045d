import { CodedError } from "../frictionless/index.ts";

/** What can be wrong with the declarations a command is given. */
export type DeclarationErrorCode =
  | "declaration-error" // a datapackage.yaml that cannot be read or does not hold a usable declaration
  | "unknown-package"; // a package named on the command line that has no declaration

/** One thing wrong in a declaration: the file, where in it, and what to do. */
export interface DeclarationProblem {
  file: string;
  /** JSON pointer into the declaration, e.g. `/resources/0/mapping/dotation`. */
  jsonPath: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  message: string;
}

/** Every problem found in one declaration, each with its place and what to write instead; located at the first. */
export class DeclarationError extends CodedError<Extract<DeclarationErrorCode, "declaration-error">> {
  readonly problems: DeclarationProblem[];
  constructor(problems: DeclarationProblem[]) {
    const first = problems[0];
    super({
      code: "declaration-error",
      message: problems.map(formatProblem).join("\n"),
      location: first === undefined ? {} : { file: first.file, ...(first.line === undefined ? {} : { line: first.line }), ...(first.jsonPath ? { jsonPath: first.jsonPath } : {}) },
    });
    this.name = "DeclarationError";
    this.problems = problems;
  }
}

export function formatProblem(problem: DeclarationProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where} ${problem.jsonPath || "/"}: ${problem.message}`;
}

/** Packages named on the command line that have no declaration under the packages folder. */
export class UnknownPackageError extends CodedError<Extract<DeclarationErrorCode, "unknown-package">> {
  constructor(
    readonly names: string[],
    readonly known: string[],
    folder: string,
  ) {
    super({
      code: "unknown-package",
      message: `unknown package${names.length > 1 ? "s" : ""} ${names.map((n) => `"${n}"`).join(", ")}; packages under datapackages/: ${known.join(", ") || "none"}`,
      location: { file: folder },
    });
    this.name = "UnknownPackageError";
  }
}
