import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const AAP = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "aap.js");

export interface ChildRun {
  /** Exit code, or null when the process was killed by a signal it did not handle. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Sends `signal` once stderr matches `when` (progress lines say the validation is under way). */
  stop?: { signal: NodeJS.Signals; when: RegExp };
}

/**
 * Runs the real `aap` command as a child process: the whole program as a user starts it, so
 * that exit codes, signals and what reaches the terminal are those a user meets.
 */
export function runAap(args: string[], options: ChildOptions): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [AAP, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CI: "", NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
      if (options.stop && !sent && options.stop.when.test(stderr)) {
        sent = true;
        child.kill(options.stop.signal);
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}
