import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readState, StateError, updateState, writeState } from "./store.ts";

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
    await expect(readState(file)).rejects.toThrow(/delete it/);
    expect(await readFile(file, "utf8")).toBe("{not json");
  });
});
