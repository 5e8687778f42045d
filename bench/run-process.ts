import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One timed run of a whole process, as a user times it from the shell. */
export interface ProcessRun {
  seconds: number;
  /** Peak resident set size of the process, in MB. */
  rssMB: number;
  stdout: string;
  status: number | null;
}

const TIME = "/usr/bin/time";

/**
 * Runs `command` as its own process: wall-clock time from spawn to exit, and its peak RSS as
 * GNU time reports it (`%M`, the child's maxrss, worker threads included). Without GNU time
 * (not Linux), RSS is not measured: NaN.
 */
export function runProcess(command: string[], cwd: string): ProcessRun {
  const hasTime = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), "aap-bench-"));
  const rssFile = join(dir, "rss");
  const argv = hasTime ? [TIME, "-f", "%M", "-o", rssFile, ...command] : command;
  const start = process.hrtime.bigint();
  const child = spawnSync(argv[0] as string, argv.slice(1), { cwd, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "inherit"] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rssKB = hasTime && existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) : NaN;
  rmSync(dir, { recursive: true, force: true });
  if (child.error) throw child.error;
  return { seconds, rssMB: Math.round(rssKB / 1024), stdout: child.stdout, status: child.status };
}
