import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["pipeline/**/*.test.ts", "fakes/**/*.test.ts", "schemas/**/*.test.ts", "datapackages/**/*.test.ts"],
    // Tests start local HTTP servers and write temp dirs; two cores on CI.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `npm test` measures coverage (it costs the suite no noticeable time). Only production
    // code counts: the fakes, benchmarks, tests and fixtures would inflate the figures, and
    // dist/ is generated.
    coverage: {
      provider: "v8",
      include: ["pipeline/**/*.{ts,js}"],
      exclude: ["**/*.test.ts", "pipeline/frictionless/conformance/**", "**/fixtures/**"],
      reporter: ["text-summary", "json-summary"],
      // The floor only rises (README, Development): half a point under the figures measured
      // on main, rounded down to a tenth. Raise it when coverage rises; never lower it.
      // Last measured (issue 16): lines 94.48, branches 83.07, functions 94.76, statements 92.08.
      thresholds: {
        lines: 93.9,
        branches: 82.5,
        functions: 94.2,
        statements: 91.5,
      },
    },
  },
});
