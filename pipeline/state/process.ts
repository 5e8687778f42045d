import { describeThrown } from "../frictionless/index.ts";

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return describeThrown(error).systemCode === "EPERM";
  }
}
