import { describe, expect, it } from "vitest";
import type { LogEvent, Logger } from "../log/logger.ts";
import { StageClock } from "./stage-clock.ts";

/** A logger that keeps both its events and its progress lines. */
function recordingLogger(): Logger & { events: LogEvent[]; progressLines: string[] } {
  const events: LogEvent[] = [];
  const progressLines: string[] = [];
  return { events, progressLines, log: (event) => events.push(event), progress: (message) => progressLines.push(message) };
}

/** A clock that reads the times a test sets, in milliseconds. */
function manualTime(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("StageClock", () => {
  it("times a stage on the injected clock and keeps its counts in order", () => {
    const logger = recordingLogger();
    const time = manualTime();
    const clock = new StageClock(logger, "paquet-fictif", time.now, () => 120);
    clock.start("extract");
    time.advance(49.4);
    clock.end("extract", { sources: 4, records: 60 });
    clock.start("transform");
    time.advance(1_250);
    clock.end("transform", { rows: 60, issues: 0 });
    expect(clock.records).toEqual([
      { stage: "extract", milliseconds: 49, counts: { sources: 4, records: 60, peakRssMB: 120 } },
      { stage: "transform", milliseconds: 1_250, counts: { rows: 60, issues: 0, peakRssMB: 120 } },
    ]);
  });

  it("logs the end of a stage with its counts as people read them", () => {
    const logger = recordingLogger();
    const time = manualTime();
    const clock = new StageClock(logger, "paquet-fictif", time.now, () => 120);
    clock.start("package");
    time.advance(91);
    clock.end("package", { files: 6, bytes: 145_200 });
    expect(logger.events).toEqual([
      {
        level: "info",
        event: "stage.end",
        package: "paquet-fictif",
        message: "package: 6 files written, 145.2 kB in 91 ms",
        data: { stage: "package", milliseconds: 91, files: 6, bytes: 145_200, peakRssMB: 120 },
      },
    ]);
  });

  it("prefers the stage's own summary to the list of counts, and keeps the counts in the data", () => {
    const logger = recordingLogger();
    const time = manualTime();
    const clock = new StageClock(logger, "paquet-fictif", time.now, () => 120);
    clock.start("publish");
    time.advance(2_500);
    clock.end("publish", { writes: 0 }, "already up to date: nothing sent");
    expect(logger.events[0]).toMatchObject({ message: "publish: already up to date: nothing sent in 2.5 s", data: { writes: 0 } });
  });

  it("shows progress when a stage starts, and notes go to the log under the package's name", () => {
    const logger = recordingLogger();
    const clock = new StageClock(logger, "paquet-fictif", manualTime().now, () => 120);
    clock.start("validate");
    clock.note("4 tables to validate");
    expect(logger.progressLines).toEqual(["paquet-fictif: validate…"]);
    expect(logger.events).toEqual([{ level: "info", event: "stage.note", package: "paquet-fictif", message: "4 tables to validate" }]);
  });

  it("counts a stage that was never started as taking no time", () => {
    const clock = new StageClock(recordingLogger(), "paquet-fictif", manualTime().now, () => 120);
    expect(clock.end("validate", { tables: 0 })).toEqual({ stage: "validate", milliseconds: 0, counts: { tables: 0, peakRssMB: 120 } });
  });

  it("times stages that stream into one another by the time each spends in its own code", () => {
    const time = manualTime();
    const clock = new StageClock(recordingLogger(), "paquet-fictif", time.now, () => 120);
    clock.start("extract");
    time.advance(30); // opening the sources
    clock.pause("extract");
    time.advance(1_000); // the streamed pass: 200 ms waiting for records, 300 ms mapping them
    clock.spend("extract", 200);
    clock.spend("transform", 300);
    expect(clock.end("extract", { records: 2 }).milliseconds).toBe(230);
    expect(clock.end("transform", { rows: 2 }).milliseconds).toBe(300);
  });

  it("times a streamed stage run a second time (the rebuild after a first publication) from zero", () => {
    const clock = new StageClock(recordingLogger(), "paquet-fictif", manualTime().now, () => 120);
    clock.spend("transform", 300);
    expect(clock.end("transform", { rows: 2 }).milliseconds).toBe(300);
    clock.spend("transform", 40);
    expect(clock.end("transform", { rows: 2 }).milliseconds).toBe(40);
  });

  it("meters a subject under the stage under way, or under the stage a streamed pass names", () => {
    const logger = recordingLogger();
    const clock = new StageClock(logger, "paquet-fictif", manualTime().now, () => 120);
    clock.start("extract");
    clock.meter("laureats").update({ rows: 1000 });
    clock.meter("laureats", undefined, "transform").update({ rows: 2000 });
    expect(logger.progressLines.slice(1)).toEqual(["extract laureats: 1,000 rows", "transform laureats: 2,000 rows"]);
  });

  it("reports the process's peak RSS by the end of each stage, as the injected reader gives it", () => {
    let peak = 100;
    const clock = new StageClock(recordingLogger(), "paquet-fictif", manualTime().now, () => peak);
    expect(clock.end("extract", {}).counts.peakRssMB).toBe(100);
    peak = 350;
    expect(clock.end("validate", {}).counts.peakRssMB).toBe(350);
  });

  it("times a step on the injected clock with the peak RSS by its end, and logs it", async () => {
    const logger = recordingLogger();
    const time = manualTime();
    let peak = 150;
    const clock = new StageClock(logger, "paquet-fictif", time.now, () => peak);
    const result = await clock.step("changes", async () => {
      time.advance(2_345.6);
      peak = 210;
      return "fait";
    });
    expect(result).toBe("fait");
    clock.recordStep("downloads.xlsx", 812.4);
    expect(clock.steps).toEqual([
      { step: "changes", milliseconds: 2_346, peakRssMB: 210 },
      { step: "downloads.xlsx", milliseconds: 812, peakRssMB: 210 },
    ]);
    expect(logger.events[0]).toMatchObject({ event: "step.end", package: "paquet-fictif", message: "changes in 2.3 s", data: { step: "changes", milliseconds: 2_346, peakRssMB: 210 } });
  });

  it("records no step that failed: the error goes on to the run", async () => {
    const clock = new StageClock(recordingLogger(), "paquet-fictif", manualTime().now, () => 100);
    await expect(clock.step("promote", () => Promise.reject(new Error("disque plein")))).rejects.toThrow("disque plein");
    expect(clock.steps).toEqual([]);
  });
});

