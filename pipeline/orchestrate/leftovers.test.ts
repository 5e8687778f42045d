import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryLogger } from "../log/logger.ts";
import { removeLeftovers } from "./leftovers.ts";

/** The pid of a process that has exited: what a run killed by SIGKILL leaves in its temporary files' names. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  return child.pid!;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "aap-leftovers-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("removeLeftovers", () => {
  it("removes, at any depth of the state and output folders, the temporary files of runs that are gone", async () => {
    const [state, output] = [join(root, ".aap"), join(root, "output")];
    await mkdir(join(state, "locks"), { recursive: true });
    await mkdir(join(output, "paquet-fictif"), { recursive: true });
    const dead = deadPid();
    await writeFile(join(state, `publication.json.${dead}.${Date.now()}.tmp`), "{");
    await writeFile(join(state, "locks", `paquet-fictif.lock.${dead}.${Date.now()}.0a1b2c3d.tmp`), "{");
    // A day-old temporary file is a leftover even if its pid now belongs to a live process.
    await writeFile(join(output, `run-report.json.${process.pid}.1000000000000.tmp`), "{");
    await writeFile(join(state, "publication.json"), "{}");
    const logger = memoryLogger();
    await removeLeftovers([state, output], logger);
    expect((await readdir(state, { recursive: true })).sort()).toEqual(["locks", "publication.json"]);
    expect(await readdir(output, { recursive: true })).toEqual(["paquet-fictif"]);
    expect(logger.events.map((e) => [e.event, e.message])).toEqual([
      ["run.leftovers", `removed 2 temporary file(s) left in ${state} by a run that was killed`],
      ["run.leftovers", `removed 1 temporary file(s) left in ${output} by a run that was killed`],
    ]);
    expect(logger.events[0]!.data?.removed).toHaveLength(2);
  });

  it("keeps a write under way in this very process, and says nothing when there is nothing to remove", async () => {
    const fresh = `builds.json.${process.pid}.${Date.now()}.tmp`;
    await writeFile(join(root, fresh), "{");
    const logger = memoryLogger();
    await removeLeftovers([root], logger);
    expect(await readdir(root)).toEqual([fresh]);
    expect(logger.events).toEqual([]);
  });

  it("accepts folders that do not exist yet (a first run)", async () => {
    const logger = memoryLogger();
    await removeLeftovers([join(root, "absent", ".aap"), join(root, "absent", "output")], logger);
    expect(logger.events).toEqual([]);
  });
});
