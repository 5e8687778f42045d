import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["pipeline/**/*.test.ts", "fakes/**/*.test.ts", "schemas/**/*.test.ts", "datapackages/**/*.test.ts"],
    // Tests start local HTTP servers and write temp dirs; two cores on CI.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
