import { describe, expect, it } from "vitest";
import { humanLogger, jsonLinesLogger } from "./console-logger.ts";
import { describeProgress, groupThousands, progressData, progressMeter } from "./progress.ts";

/** A clock that a test moves by hand, in milliseconds, and the JSON lines a logger wrote. */
function ciLogger(options: { firstProgressAfterMs?: number } = {}) {
  const clock = { ms: 0 };
  const lines: string[] = [];
  const logger = jsonLinesLogger({ write: (text: string) => lines.push(text) }, { now: () => new Date(Date.UTC(2030, 0, 1) + clock.ms), ...options });
  return { clock, logger, events: () => lines.map((line) => JSON.parse(line) as { event: string; package?: string; message: string; data: Record<string, unknown> }) };
}

describe("progress in CI: JSON events, at most every 5 seconds per piece of work", () => {
  it("says nothing about work shorter than 5 s, then one event every 5 s with rows, bytes, percent and rates", () => {
    const { clock, logger, events } = ciLogger();
    const meter = progressMeter(logger, { stage: "validate", subject: "laureats", package: "paquet-fictif", totalBytes: 1_000_000 }, () => clock.ms);
    for (let second = 0; second <= 12; second++) {
      clock.ms = second * 1000;
      meter.update({ rows: second * 10_000, bytes: second * 50_000 });
    }
    expect(events().map((event) => [event.event, event.data.elapsedMs])).toEqual([
      ["validate.progress", 5000],
      ["validate.progress", 10_000],
    ]);
    const last = events()[1]!;
    expect(last.package).toBe("paquet-fictif");
    expect(last.data).toMatchObject({ stage: "validate", subject: "laureats", rows: 100_000, bytes: 500_000, totalBytes: 1_000_000, percent: 50, rowsPerSecond: 10_000, bytesPerSecond: 50_000 });
    expect(last.message).toBe("validate laureats: 100,000 rows, 500.0 kB of 1.0 MB (50 %), 10,000 rows/s");
  });

  it("gives a first event at once when asked (aap validate), then keeps the pace", () => {
    const { clock, logger, events } = ciLogger({ firstProgressAfterMs: 0 });
    const meter = progressMeter(logger, { stage: "validate", subject: "big" }, () => clock.ms);
    for (const ms of [0, 100, 4999, 5000, 7000]) {
      clock.ms = ms;
      meter.update({ rows: ms });
    }
    expect(events().map((event) => event.data.elapsedMs)).toEqual([0, 5000]);
  });

  it("paces each piece of work on its own, and ignores progress without figures", () => {
    const { clock, logger, events } = ciLogger();
    const sources = ["appels", "laureats"].map((subject) => progressMeter(logger, { stage: "extract", subject }, () => clock.ms));
    logger.progress("paquet-fictif: extract…");
    for (const ms of [0, 6000]) {
      clock.ms = ms;
      for (const meter of sources) meter.update({ rows: ms });
    }
    expect(events().map((event) => `${event.event} ${event.data.subject}`)).toEqual(["extract.progress appels", "extract.progress laureats"]);
  });
});

describe("progress on a terminal", () => {
  it("rewrites one status line, cleared by the next log line; nothing when stderr is not a terminal", () => {
    let text = "";
    const terminal = humanLogger({ write: (written: string) => (text += written), isTTY: true, columns: 100 }, { color: false });
    progressMeter(terminal, { stage: "extract", subject: "laureats", package: "paquet-fictif" }, () => 0).update({ rows: 2000 });
    terminal.log({ level: "info", event: "stage.end", message: "extract: done" });
    expect(text).toBe("[paquet-fictif] extract laureats: 2,000 rows\r\x1b[2K• extract: done\n");

    let piped = "";
    progressMeter(humanLogger({ write: (written: string) => (piped += written) }), { stage: "extract", subject: "laureats" }).update({ rows: 1 });
    expect(piped).toBe("");
  });
});

describe("the figures", () => {
  it("give no rate over less than half a second, and no percent without a total", () => {
    expect(progressData({ stage: "upload", subject: "laureats.csv" }, { bytes: 10 }, 100)).toEqual({ stage: "upload", subject: "laureats.csv", bytes: 10, elapsedMs: 100 });
    expect(describeProgress(progressData({ stage: "upload", subject: "f.csv" }, { bytes: 3_000_000 }, 2000))).toBe("upload f.csv: 3.0 MB, 1.5 MB/s");
  });
});

describe("counts grouped by thousands", () => {
  it("write every count as English does, without building a locale format at each update", () => {
    for (const count of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567, 10_000_001, -4321, Number.MAX_SAFE_INTEGER, 2.5]) {
      expect(groupThousands(count)).toBe(count.toLocaleString("en"));
    }
    expect(describeProgress(progressData({ stage: "validate", subject: "big" }, { rows: 1_000_000 }, 2000))).toBe("validate big: 1,000,000 rows, 500,000 rows/s");
  });
});
