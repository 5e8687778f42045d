import type { Logger } from "../log/logger.ts";
import { formatBytes, formatDuration } from "../log/format.ts";
import { progressMeter, type ProgressMeter } from "../log/progress.ts";

/** The stages in the order a package goes through them. */
export const STAGE_ORDER = ["extract", "transform", "package", "validate", "publish"] as const;

export type StageName = (typeof STAGE_ORDER)[number];

export interface StageRecord {
  stage: StageName;
  milliseconds: number;
  counts: Record<string, number>;
}

/**
 * One step of a package's run outside the five stages (each download format, the change
 * history, the promotion, the snapshot), with the peak RSS of the process by its end
 * (process-wide, never decreasing, as for stages).
 */
export interface StepRecord {
  step: string;
  milliseconds: number;
  peakRssMB: number;
}

/** The peak resident set size of the whole process so far, in MB (what `/usr/bin/time` reports as maxrss). */
export function processPeakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Times each stage of one package and logs its counts when it ends, with the peak RSS of the
 * process by then (`peakRssMB`: process-wide and never decreasing, so a stage's figure is the
 * most memory the run had needed by the end of that stage, not that stage's own use).
 *
 * Stages that stream into one another (extract → transform → package) run interleaved: each
 * one's time is then the time spent in its own code, added with `spend`.
 */
export class StageClock {
  readonly records: StageRecord[] = [];
  readonly steps: StepRecord[] = [];
  private readonly started = new Map<StageName, number>();
  private current: StageName | undefined;
  private readonly spent = new Map<StageName, number>();

  constructor(
    private readonly logger: Logger,
    private readonly packageName: string,
    private readonly now: () => number = () => performance.now(),
    private readonly peakRssMB: () => number = processPeakRssMB,
  ) {}

  start(stage: StageName): void {
    this.started.set(stage, this.now());
    this.current = stage;
    this.logger.progress(`${this.packageName}: ${stage}…`);
  }

  /**
   * How far a stage is with one subject (a source, a table, a file): see log/progress.ts. The
   * stage under way by default; a stage that streams inside another one names itself.
   */
  meter(subject: string, totalBytes?: number, stage: string = this.current ?? "run"): ProgressMeter {
    return progressMeter(this.logger, { stage, subject, package: this.packageName, totalBytes }, this.now);
  }

  /** Stops timing a started stage without ending it: the rest of its time comes from `spend`. */
  pause(stage: StageName): void {
    const started = this.started.get(stage);
    if (started === undefined) return;
    this.spend(stage, this.now() - started);
    this.started.delete(stage);
  }

  /** Time a stage spent in its own code while streaming into another. */
  spend(stage: StageName, milliseconds: number): void {
    this.spent.set(stage, (this.spent.get(stage) ?? 0) + milliseconds);
  }

  /** Time spent so far in a stage that streams (see `spend`). */
  spentIn(stage: StageName): number {
    return this.spent.get(stage) ?? 0;
  }

  /** Runs one step and records its time (see StepRecord); a step that throws is not recorded. */
  async step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = this.now();
    const result = await run();
    this.recordStep(name, this.now() - started);
    return result;
  }

  /** A step timed by the code that ran it (parts of one streaming pass, such as each download format). */
  recordStep(name: string, milliseconds: number): void {
    const record = { step: name, milliseconds: Math.round(milliseconds), peakRssMB: this.peakRssMB() };
    this.steps.push(record);
    this.logger.log({ level: "info", event: "step.end", package: this.packageName, message: `${name} in ${formatDuration(record.milliseconds)}`, data: { ...record } });
  }

  /** A line about the stage under way that is not its final count. */
  note(message: string): void {
    this.logger.log({ level: "info", event: "stage.note", package: this.packageName, message });
  }

  end(stage: StageName, counts: Record<string, number>, summary?: string): StageRecord {
    const started = this.started.get(stage);
    const milliseconds = Math.round(this.spentIn(stage) + (started === undefined ? 0 : this.now() - started));
    // A stage run again in the same run (a second build) starts its count afresh.
    this.spent.delete(stage);
    const peakRssMB = this.peakRssMB();
    const record = { stage, milliseconds, counts: { ...counts, peakRssMB } };
    this.records.push(record);
    this.logger.log({
      level: "info",
      event: "stage.end",
      package: this.packageName,
      message: `${stage}: ${summary ?? describeCounts(counts)} in ${formatDuration(milliseconds)}`,
      data: { stage, milliseconds, ...record.counts },
    });
    return record;
  }
}

const LABELS: Record<string, string> = {
  sources: "sources",
  records: "records read",
  bytes: "bytes",
  rows: "rows",
  rowsValid: "rows valid",
  tables: "tables",
  errors: "errors",
  issues: "issues",
  files: "files written",
};

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([key, value]) => (key === "bytes" ? formatBytes(value) : `${value} ${LABELS[key] ?? key}`))
    .join(", ");
}
