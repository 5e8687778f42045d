import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "output/", "coverage/", "bench/.data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  // The Table Schema core is reached through its index: what it exports is what the rest may
  // rely on, and its files can be split or renamed without touching anyone else. Inside
  // pipeline/ the core is reached as (../)+frictionless/, from elsewhere as …/pipeline/frictionless/
  // (the test helpers in fakes/ included). One exception: early.ts holds what `aap` loads before
  // the core itself, a big table's worker threads started first, and only the CLI's early-threads
  // module may import it (docs/decisions.md §29). Likewise for-checks.ts holds what a module of
  // custom checks needs, which those threads import: the checks may import it (§31).
  engineBoundary(["pipeline/**/*.{ts,js}"], ["pipeline/frictionless/**", "pipeline/cli/early-threads.ts", "pipeline/validate/checks/**"], "^(\\.\\./)+frictionless/(?!index\\.ts$)"),
  engineBoundary(["pipeline/cli/early-threads.ts"], [], "^(\\.\\./)+frictionless/(?!(index|early)\\.ts$)"),
  engineBoundary(["pipeline/validate/checks/**"], [], "^(\\.\\./)+frictionless/(?!(index|for-checks)\\.ts$)"),
  engineBoundary(["**/*.{ts,js}"], ["pipeline/**"], "(^|/)pipeline/frictionless/(?!index\\.ts$)"),
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);

/**
 * Imports of the core other than its entries, static or dynamic, are errors in `files`.
 * @param {string[]} files
 * @param {string[]} ignores
 * @param {string} pattern the import paths refused, as a regular expression
 * @returns {import("eslint").Linter.Config}
 */
function engineBoundary(files, ignores, pattern) {
  const message = "import the Table Schema core through pipeline/frictionless/index.ts only (export what you need from there; early.ts is for aap's early threads only, for-checks.ts for custom checks' modules only)";
  return {
    files,
    ignores,
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: pattern, message }] }],
      "no-restricted-syntax": ["error", { selector: `ImportExpression[source.value=/${pattern.replaceAll("/", "\\/")}/]`, message }],
    },
  };
}
