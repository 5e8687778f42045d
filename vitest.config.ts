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
    // dist/ and *.generated.js are generated.
    coverage: {
      provider: "v8",
      include: ["pipeline/**/*.{ts,js}"],
      // *.generated.js: code written by a tool (ajv's compiled profiles), tested against the tool itself.
      exclude: ["**/*.test.ts", "pipeline/frictionless/conformance/**", "**/fixtures/**", "**/*.generated.js"],
      reporter: ["text-summary", "json-summary"],
      // The floor only rises (README, Development): half a point under the figures measured
      // on main, rounded down to a tenth. Raise it when coverage rises; never lower it.
      // Last measured (stop 18, fresh clone): lines 95.70, branches 83.82, functions 95.58, statements 93.37.
      thresholds: {
        lines: 95.2,
        branches: 83.3,
        functions: 95.0,
        statements: 92.8,
      },
    },
  },
});
