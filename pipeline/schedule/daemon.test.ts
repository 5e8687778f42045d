import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { memoryLogger } from "../log/logger.ts";
import { readState, writeState } from "../state/store.ts";
import { checkCronExpression, nextFireTime, previousFireTime, runDaemon, ScheduleError } from "./daemon.ts";

async function stateFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "aap-schedule-")), "schedule.json");
}

describe("checkCronExpression", () => {
  it("accepts a nightly expression in Paris time", () => {
    expect(() => checkCronExpression("17 3 * * *", "Europe/Paris")).not.toThrow();
  });
  it("explains what is wrong with a bad expression", () => {
    expect(() => checkCronExpression("61 3 * * *", "Europe/Paris")).toThrow(ScheduleError);
    expect(() => checkCronExpression("61 3 * * *", "Europe/Paris")).toThrow(/invalid cron expression "61 3 \* \* \*"/);
  });
  it("refuses day-of-month and day-of-week together, which node-cron and GitHub read differently", () => {
    expect(() => checkCronExpression("0 3 1 * 1", "Europe/Paris")).toThrow(expect.objectContaining({ code: "schedule-error", message: expect.stringMatching(/read differently/), hint: "restrict only one of them" }));
  });
  it("refuses an unknown time zone", () => {
    expect(() => checkCronExpression("17 3 * * *", "Europe/Pariss")).toThrow(/unknown time zone/);
  });
});

describe("previousFireTime", () => {
  it("finds the last nightly slot in the task's time zone", () => {
    const task = cron.createTask("17 3 * * *", () => undefined, { timezone: "Europe/Paris" });
    // 2026-11-23 10:00 UTC is 11:00 in Paris: the last slot was 03:17 Paris = 02:17 UTC that day.
    expect(previousFireTime(task, new Date("2026-11-23T10:00:00Z"))?.toISOString()).toBe("2026-11-23T02:17:00.000Z");
    void task.destroy();
  });
});

describe("nextFireTime", () => {
  it("finds the next nightly slot from the given clock, across a daylight-saving change", () => {
    const task = cron.createTask("17 3 * * *", () => undefined, { timezone: "Europe/Paris" });
    expect(nextFireTime(task, new Date("2026-11-23T10:00:00Z"))?.toISOString()).toBe("2026-11-24T02:17:00.000Z");
    // Paris moves to summer time on 2027-03-28: 03:17 that night is 01:17 UTC.
    expect(nextFireTime(task, new Date("2027-03-27T12:00:00Z"))?.toISOString()).toBe("2027-03-28T01:17:00.000Z");
    // Exactly on a slot, the next one is a day later.
    expect(nextFireTime(task, new Date("2026-11-24T02:17:00Z"))?.toISOString()).toBe("2026-11-25T02:17:00.000Z");
    void task.destroy();
  });
});

describe("runDaemon", () => {
  /** A nightly daemon at 03:17 Paris time, started at 11:00 Paris time on 2026-11-23 with this last success. */
  async function nightlyDaemon(lastSuccessAt: string, job: (controller: AbortController) => Promise<{ ok: boolean; summary: string }>) {
    const file = await stateFile();
    await writeState(file, { lastSuccessAt });
    const controller = new AbortController();
    const logger = memoryLogger();
    const done = runDaemon({
      cron: "17 3 * * *",
      timezone: "Europe/Paris",
      stateFile: file,
      logger,
      signal: controller.signal,
      now: () => new Date("2026-11-23T10:00:00Z"),
      job: () => job(controller),
    });
    return { file, controller, logger, done };
  }

  it("catches up at start when the last success is older than the last slot, then records it", async () => {
    let runs = 0;
    const { file, logger, done } = await nightlyDaemon("2026-11-20T02:17:00.000Z", async (controller) => {
      runs++;
      controller.abort();
      return { ok: true, summary: "1 package published" };
    });
    await done;
    expect(runs).toBe(1);
    expect((await readState(file)).lastSuccessAt).toBe("2026-11-23T10:00:00.000Z");
    expect(logger.events.map((e) => e.event)).toContain("schedule.done");
  });

  it("does not run at start when the last slot already succeeded", async () => {
    let runs = 0;
    const { controller, logger, done } = await nightlyDaemon("2026-11-23T02:20:00.000Z", async () => {
      runs++;
      return { ok: true, summary: "" };
    });
    setTimeout(() => controller.abort(), 50);
    await done;
    expect(runs).toBe(0);
    // The injected clock says 2026-11-23 11:00 Paris: the next slot is the next day's 03:17, whatever today is.
    expect(logger.events.find((e) => e.event === "schedule.start")?.message).toContain("next run 2026-11-24T02:17:00.000Z");
  });

  it("never overlaps two runs: a slot that fires during a run is skipped and said", async () => {
    const file = await stateFile();
    const controller = new AbortController();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const logger = memoryLogger();
    const done = runDaemon({
      cron: "* * * * * *",
      timezone: "UTC",
      stateFile: file,
      logger,
      signal: controller.signal,
      catchUp: false,
      job: async () => {
        active++;
        runs++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 2200));
        active--;
        if (runs === 1) controller.abort();
        return { ok: false, summary: "source unreachable" };
      },
    });
    await done;
    expect(maxActive).toBe(1);
    expect(logger.events.some((e) => e.event === "schedule.overlap")).toBe(true);
    const state = await readState(file);
    expect(state.lastRunOk).toBe(false);
    expect(state.lastSuccessAt).toBeUndefined();
  });
});
