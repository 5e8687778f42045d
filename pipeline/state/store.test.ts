import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readState, removeLeftoverTemporaries, StateError, updateState, writeState } from "./store.ts";

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "aap-state-")), "nested", "state.json");
}

describe("state store", () => {
  it("starts empty and round-trips what was written", async () => {
    const file = await tempFile();
    expect(await readState(file)).toEqual({});
    await writeState(file, { publication: { datasetId: "abc" } });
    expect(await readState(file)).toEqual({ publication: { datasetId: "abc" } });
    // no temporary file is left behind next to the state
    expect(await readdir(join(file, ".."))).toEqual(["state.json"]);
  });

  it("serialises concurrent updates so none is lost", async () => {
    const file = await tempFile();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateState(file, (state) => {
          state[`step${i}`] = i;
        }),
      ),
    );
    const state = await readState(file);
    expect(Object.keys(state)).toHaveLength(20);
  });

  it("refuses a corrupt state file with a message that says what to do", async () => {
    const file = await tempFile();
    await writeState(file, {});
    await writeFile(file, "{not json");
    await expect(readState(file)).rejects.toThrow(StateError);
    await expect(readState(file)).rejects.toMatchObject({ code: "state-error", message: expect.stringMatching(/not valid JSON/), hint: expect.stringMatching(/delete it/), location: { file } });
    expect(await readFile(file, "utf8")).toBe("{not json");
  });
});

describe("removeLeftoverTemporaries", () => {
  it("removes the temporary files of processes killed during a write, at any depth, and keeps those of live ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aap-state-"));
    const child = execFile(process.execPath, ["-e", ""]);
    await new Promise((done) => child.once("exit", done));
    const dead = child.pid!;
    await mkdir(join(dir, "cache", "paquet-fictif"), { recursive: true });
    const now = Date.now();
    const leftovers = [`publication.json.${dead}.${now}.tmp`, join("cache", "paquet-fictif", `.${"a".repeat(64)}.${dead}.${now}.tmp`), `publication.json.lock.${dead}.${now}.0a1b2c3d.tmp`];
    const kept = ["publication.json", `publication.json.${process.pid}.${now}.tmp`, "notes.2024.tmp"];
    for (const name of [...leftovers, ...kept]) await writeFile(join(dir, name), "{}");
    const removed = await removeLeftoverTemporaries(dir);
    expect(removed.sort()).toEqual(leftovers.map((name) => join(dir, name)).sort());
    expect((await readdir(dir)).sort()).toEqual(["cache", ...kept].sort());
  });

  it("removes one written a day ago even when its pid now belongs to a live process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aap-state-"));
    const name = `sources.json.${process.pid}.${Date.now() - 2 * 24 * 3600_000}.tmp`;
    await writeFile(join(dir, name), "{}");
    expect(await removeLeftoverTemporaries(dir)).toEqual([join(dir, name)]);
    expect(await removeLeftoverTemporaries(join(dir, "absent"))).toEqual([]);
  });
});
