import { appendFile } from "node:fs/promises";
import { acquireLock } from "../lock.ts";
import { updateState } from "../store.ts";

/**
 * A separate process for the lock tests: `lock <lockFile> <journal> <holdMs> <startAt>` takes the
 * lock at the given epoch millisecond (so that every process races at once), writes "in"/"out"
 * lines to the journal around a hold; `update <stateFile> <count>` saves `count` keys of its own
 * through updateState.
 */
const [mode, target, other, amount, startAt] = process.argv.slice(2);
if (mode === "lock") {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const lock = await acquireLock(target!, { waitMs: 60_000, purpose: "lock test" });
  await appendFile(other!, `in ${process.pid}\n`);
  await new Promise((resolve) => setTimeout(resolve, Number(amount)));
  await appendFile(other!, `out ${process.pid}\n`);
  await lock.release();
} else if (mode === "update") {
  for (let i = 0; i < Number(other); i++) {
    await updateState(target!, (state) => {
      state[`${process.pid}-${i}`] = i;
    });
  }
} else {
  console.error(`lock-holder: unknown mode ${mode}`);
  process.exit(2);
}
