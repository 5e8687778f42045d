import { mkdtemp, readFile, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { memoryLogger } from "../log/logger.ts";
import { pathExists } from "../shared/fs.ts";
import { LockError } from "../state/lock.ts";
import { packageLockFile, withPackageLock, type PackageLockContext } from "./package-lock.ts";

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "aap-package-lock-"));
});
afterEach(() => rm(stateDir, { recursive: true, force: true }));

function context(lockWaitMs: number): PackageLockContext & { logger: ReturnType<typeof memoryLogger> } {
  return { stateDir, lockWaitMs, logger: memoryLogger() };
}

/** A task that holds the lock until the test lets it go. */
function heldUntilReleased(): { task: () => Promise<string>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { task: async () => (await released, "premier"), release };
}

describe("withPackageLock", () => {
  it("holds <state>/locks/<package>.lock while the task runs, naming the run, and removes it after", async () => {
    const file = packageLockFile(stateDir, "paquet-fictif");
    expect(file).toBe(join(stateDir, "locks", "paquet-fictif.lock"));
    const seen = await withPackageLock("paquet-fictif", context(0), "aap run", async () => JSON.parse(await readFile(file, "utf8")));
    expect(seen).toMatchObject({ pid: process.pid, host: hostname(), purpose: "aap run" });
    expect(await pathExists(file)).toBe(false);
  });

  it("releases the lock when the task fails, and passes the failure on", async () => {
    const failure = new RangeError("échec simulé");
    await expect(withPackageLock("paquet-fictif", context(0), "aap build", () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await pathExists(packageLockFile(stateDir, "paquet-fictif"))).toBe(false);
  });

  it("makes a second run of the same package wait for the first, saying who holds it, then run", async () => {
    const first = heldUntilReleased();
    const order: string[] = [];
    const running = withPackageLock("paquet-fictif", context(0), "aap run", first.task).then((value) => order.push(value));
    await vi.waitFor(() => expect(pathExists(packageLockFile(stateDir, "paquet-fictif"))).resolves.toBe(true));
    const waiting = context(30_000);
    const second = withPackageLock("paquet-fictif", waiting, "aap publish", async () => order.push("second"));
    await vi.waitFor(() => expect(waiting.logger.events).toHaveLength(1));
    expect(waiting.logger.events[0]).toMatchObject({
      level: "warn",
      event: "run.waiting",
      package: "paquet-fictif",
      message: expect.stringContaining(`another run is busy with this package (process ${process.pid} on ${hostname()}, aap run, since `),
    });
    expect(waiting.logger.events[0]!.message).toContain("waiting up to 30 s for it to finish");
    first.release();
    await Promise.all([running, second]);
    expect(order).toEqual(["premier", "second"]);
  });

  it("gives up after lockWaitMs with an error naming the holder, without running the task", async () => {
    const first = heldUntilReleased();
    const running = withPackageLock("paquet-fictif", context(0), "aap run", first.task);
    await vi.waitFor(() => expect(pathExists(packageLockFile(stateDir, "paquet-fictif"))).resolves.toBe(true));
    let ran = false;
    const error = await withPackageLock("paquet-fictif", context(50), "aap publish", async () => (ran = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockError);
    expect(error).toMatchObject({ code: "locked", holder: { pid: process.pid, purpose: "aap run" } });
    expect(ran).toBe(false);
    first.release();
    await running;
  });

  it("never makes a run of another package wait", async () => {
    const first = heldUntilReleased();
    const running = withPackageLock("paquet-fictif", context(0), "aap run", first.task);
    await vi.waitFor(() => expect(pathExists(packageLockFile(stateDir, "paquet-fictif"))).resolves.toBe(true));
    expect(await withPackageLock("autre-paquet", context(0), "aap run", async () => "autre")).toBe("autre");
    first.release();
    await running;
  });
});
