import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureScaleSources, PACKAGE_NAME } from "../../bench/scale/generate-scale-sources.ts";
import { aap, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";

/**
 * The `aap run` at scale bench (bench/scale.bench.ts) measures nothing if its declaration no
 * longer matches the schemas: its generated sources must build, every row valid, French decimals
 * and dates read, and the SCDL export leave out exactly the lauréats without a SIRET.
 */
let root: string | undefined;
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

describe("the bench's declaration", () => {
  it("builds a valid package from 2,000 generated lauréats", async () => {
    root = await makeWorkspace();
    // Four folders deep, as in bench/.data/: the declaration's schema paths hold.
    const datapackages = await ensureScaleSources(join(root, "bench", ".data", "scale-2000"), 2_000);
    const run = await aap(["build", "--datapackages", datapackages, "--output", join(root, "output")], { cwd: root });
    expect(run.stderr).not.toContain("invalid data");
    expect(run.code).toBe(0);
    const out = join(root, "output", PACKAGE_NAME);
    const laureats = await readFile(join(out, "laureats.csv"), "utf8");
    // One description in ten spans two lines: count the rows by their ids.
    expect(laureats.match(/^laureat-fictif-\d{7},/gm)).toHaveLength(2_000);
    // "410 083,47" and "13/03/2022" in the source, as the generator's first row writes them.
    expect(laureats.split("\n")[1]).toMatch(/^laureat-fictif-0000001,appel-fictif-0048,Projet fictif n° 1,.*,410083\.47,165263\.64,0\.403,2022-03-13,/);
    const subventions = (await readFile(join(out, "subventions.csv"), "utf8")).trimEnd().split("\n");
    expect(subventions).toHaveLength(1 + 2_000 - 2);
  });
});
