import cron from "node-cron";
import type { ScheduledTask } from "node-cron";
import { CodedError, describeThrown } from "../frictionless/index.ts";
import type { Logger } from "../log/logger.ts";
import { readState, updateState } from "../state/store.ts";

/**
 * The long-running alternative to the GitHub Actions nightly: node-cron fires the same job
 * on the same schedule. A scheduler forgets everything on restart, so the daemon keeps the
 * time of the last success in the state folder and, when it starts after a missed slot
 * (machine down at 03:17), runs at once instead of waiting a whole day.
 */

export interface JobOutcome {
  ok: boolean;
  summary: string;
}

export interface DaemonOptions {
  /** Five fields (or six, with seconds first), e.g. "17 3 * * *". */
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
  job: () => Promise<JobOutcome>;
  logger: Logger;
  /** Stops the daemon; a run under way finishes first. */
  signal: AbortSignal;
  /** Where the time of the last success is kept. */
  stateFile: string;
  /** Run at start when a scheduled slot was missed since the last success (default true). */
  catchUp?: boolean;
  now?: () => Date;
}

export type ScheduleErrorCode = "schedule-error";

/** A schedule that cannot be used: a cron expression or a time zone. */
export class ScheduleError extends CodedError<ScheduleErrorCode> {
  constructor(message: string, hint: string) {
    super({ code: "schedule-error", message, hint });
    this.name = "ScheduleError";
  }
}

export function checkCronExpression(expression: string, timezone: string): void {
  const detail = cron.validateDetailed(expression);
  if (!detail.valid) {
    const reasons = detail.errors.map((e) => `${e.field}${e.value === undefined ? "" : ` "${e.value}"`}: ${e.message}`).join("; ");
    throw new ScheduleError(`invalid cron expression "${expression}": ${reasons}`, 'write five fields, minute hour day-of-month month day-of-week (e.g. "17 3 * * *"), or six with the seconds first');
  }
  const fields = expression.trim().split(/\s+/);
  const [dayOfMonth, , dayOfWeek] = fields.slice(fields.length === 6 ? 3 : 2);
  // node-cron combines day-of-month and day-of-week with AND where cron and GitHub use OR:
  // the same string would mean two different schedules, so we refuse it.
  if (dayOfMonth !== "*" && dayOfWeek !== "*") {
    throw new ScheduleError(`"${expression}" restricts both the day of the month and the day of the week, which node-cron and GitHub Actions read differently`, "restrict only one of them");
  }
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    throw new ScheduleError(`unknown time zone "${timezone}"`, "use an IANA name such as Europe/Paris");
  }
}

export async function runDaemon(options: DaemonOptions): Promise<void> {
  checkCronExpression(options.cron, options.timezone);
  const now = options.now ?? (() => new Date());
  const { logger } = options;
  let running: Promise<void> | undefined;

  const execute = async (reason: string) => void (await runCycle({ job: options.job, logger, stateFile: options.stateFile, now }, reason));
  const trigger = (reason: string) => {
    if (running) {
      logger.log({ level: "warn", event: "schedule.overlap", message: "previous run still going: this slot is skipped" });
      return;
    }
    running = execute(reason).finally(() => {
      running = undefined;
    });
  };

  const task: ScheduledTask = cron.createTask(options.cron, () => trigger("scheduled"), { timezone: options.timezone, name: "aap-run" });
  if (options.catchUp ?? true) {
    const state = await readState(options.stateFile);
    const lastSuccess = typeof state.lastSuccessAt === "string" ? new Date(state.lastSuccessAt) : undefined;
    const missed = previousFireTime(task, now());
    if (missed && (!lastSuccess || lastSuccess < missed)) {
      trigger(`catching up: no success since the slot of ${missed.toISOString()}`);
    }
  }
  await task.start();
  // node-cron's getNextRun() reads the real clock; the injected one keeps the daemon testable on any date.
  const next = nextFireTime(task, now());
  logger.log({ level: "info", event: "schedule.start", message: `scheduled "${options.cron}" (${options.timezone}); next run ${next?.toISOString() ?? "never"}` });

  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await task.destroy();
  await running;
  logger.log({ level: "info", event: "schedule.stop", message: "scheduler stopped" });
}

/** What one cycle needs: the job, where its outcome is recorded, and the clock. */
export interface CycleOptions {
  job: () => Promise<JobOutcome>;
  logger: Logger;
  stateFile: string;
  now: () => Date;
}

/**
 * One cycle, as the daemon runs it at each slot and `aap schedule --once` runs it alone: the job,
 * then its outcome in the state (the time of the last success drives the catch-up). A job that
 * throws is a failed cycle; its error is returned, for a caller that reports it.
 */
export async function runCycle(options: CycleOptions, reason: string): Promise<JobOutcome & { error?: unknown }> {
  const { logger } = options;
  const startedAt = options.now();
  logger.log({ level: "info", event: "schedule.run", message: `run started (${reason})` });
  let outcome: JobOutcome & { error?: unknown };
  try {
    outcome = await options.job();
  } catch (error) {
    outcome = { ok: false, summary: describeThrown(error).message, error };
  }
  await updateState(options.stateFile, (state) => {
    state.lastRunAt = startedAt.toISOString();
    state.lastRunOk = outcome.ok;
    if (outcome.ok) state.lastSuccessAt = startedAt.toISOString();
  });
  logger.log({ level: outcome.ok ? "info" : "error", event: "schedule.done", message: `run ${outcome.ok ? "succeeded" : "failed"}: ${outcome.summary}` });
  return outcome;
}

const MINUTE_MS = 60_000;
const SEARCH_MINUTES = 31 * 24 * 60;

/** The latest slot at or before `now`, looking back at most 31 days, minute by minute. */
export function previousFireTime(task: Pick<ScheduledTask, "match">, now: Date): Date | undefined {
  return findSlot(task, Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS, -MINUTE_MS);
}

/** The first slot strictly after `now`, looking ahead at most 31 days, minute by minute. */
export function nextFireTime(task: Pick<ScheduledTask, "match">, now: Date): Date | undefined {
  return findSlot(task, Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS, MINUTE_MS);
}

// Whole epoch minutes, not local-time setters, so the machine's own time zone never shifts a slot.
function findSlot(task: Pick<ScheduledTask, "match">, startMs: number, stepMs: number): Date | undefined {
  for (let i = 0, t = startMs; i < SEARCH_MINUTES; i++, t += stepMs) {
    const candidate = new Date(t);
    if (task.match(candidate)) return candidate;
  }
  return undefined;
}
