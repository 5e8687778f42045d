import type { Logger } from "../log/logger.ts";
import { formatBytes, formatDuration } from "../log/format.ts";
import { progressMeter, type ProgressMeter } from "../log/progress.ts";

export type StageName = "extract" | "transform" | "validate" | "package" | "publish";

export interface StageRecord {
  stage: StageName;
  milliseconds: number;
  counts: Record<string, number>;
}

/** Times each stage of one package and logs its counts when it ends. */
export class StageClock {
  readonly records: StageRecord[] = [];
  private readonly started = new Map<StageName, number>();
  private current: StageName | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly packageName: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(stage: StageName): void {
    this.started.set(stage, this.now());
    this.current = stage;
    this.logger.progress(`${this.packageName}: ${stage}…`);
  }

  /** How far the stage under way is with one subject (a source, a table, a file): see log/progress.ts. */
  meter(subject: string, totalBytes?: number): ProgressMeter {
    return progressMeter(this.logger, { stage: this.current ?? "run", subject, package: this.packageName, totalBytes }, this.now);
  }

  /** A line about the stage under way that is not its final count. */
  note(message: string): void {
    this.logger.log({ level: "info", event: "stage.note", package: this.packageName, message });
  }

  end(stage: StageName, counts: Record<string, number>, summary?: string): StageRecord {
    const milliseconds = Math.round(this.now() - (this.started.get(stage) ?? this.now()));
    const record = { stage, milliseconds, counts };
    this.records.push(record);
    this.logger.log({
      level: "info",
      event: "stage.end",
      package: this.packageName,
      message: `${stage}: ${summary ?? describeCounts(counts)} in ${formatDuration(milliseconds)}`,
      data: { stage, milliseconds, ...counts },
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
