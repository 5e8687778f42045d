import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const moduleUrl = new URL("./heap-growth.ts", import.meta.url).href;

/**
 * A child process holds a live set (400,000 small objects) and streams batches through it,
 * each kept a little while as rows in flight are, the way `aap run` allocates. Prints the
 * largest heap V8 reserved. Left alone, V8 lets such a heap grow to several times what lives.
 */
function peakHeapMB(bounded: boolean): number {
  const script = `
    const { boundHeapGrowth } = await import(${JSON.stringify(moduleUrl)});
    if (${bounded}) boundHeapGrowth();
    const live = [];
    for (let i = 0; i < 400_000; i++) live.push({ id: i, text: "ligne fictive " + i });
    const inFlight = [];
    let peak = 0;
    for (let round = 0; round < 100; round++) {
      const batch = [];
      for (let i = 0; i < 50_000; i++) batch.push({ round, text: "lot " + round + " " + i });
      inFlight.push(batch);
      if (inFlight.length > 4) inFlight.shift();
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(Math.round(peak / 2 ** 20), live.length);
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
  expect(child.stderr).toBe("");
  return Number(child.stdout.split(" ")[0]);
}

describe("boundHeapGrowth", () => {
  it("keeps the heap of a process that allocates fast near its live size (about 90 MB here; over 300 MB unbounded)", () => {
    expect(peakHeapMB(true)).toBeLessThan(200);
  }, 60_000);
});
