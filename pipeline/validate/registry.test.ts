import { describe, expect, it } from "vitest";
import { loadedAtStart } from "../../fakes/fixtures/loaded-at-start.ts";

describe("the French checks' module", () => {
  // Every worker thread of a big table imports it (FRENCH_CHECKS.checksModule): what it loads, each thread loads again.
  it("loads the core's entry for checks only: no descriptor validator, no reader, no Node module", async () => {
    const { files, packages } = await loadedAtStart("./registry.ts", import.meta.url);
    expect(packages.size).toBe(0);
    const core = files.filter((file) => file.includes("pipeline/frictionless/")).map((file) => file.replace(/^.*pipeline\/frictionless\//, ""));
    expect(core.sort()).toEqual(["errors/coded-error.ts", "for-checks.ts"]);
  });
});
