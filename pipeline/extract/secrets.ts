import { ExtractError } from "./types.ts";

/**
 * Tokens are named in the declaration (`tokenEnv: GITHUB_TOKEN`) and valued only in the
 * environment, so a declaration can be public. The error names the variable, never a value.
 */
export function readSecret(env: Readonly<Record<string, string | undefined>>, variable: string, source: string): string {
  const value = env[variable];
  if (value === undefined || value.trim() === "") {
    throw new ExtractError({
      code: "missing-secret",
      source,
      message: `${source}: the environment variable ${variable} is not set, and this source needs it as its token`,
      hint: `set ${variable} in the environment of the run (a repository or environment secret in GitHub Actions)`,
    });
  }
  return value.trim();
}
