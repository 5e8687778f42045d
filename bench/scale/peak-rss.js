// Preloaded into the measured `aap` process (node --import): at exit, writes the process's own
// peak RSS and CPU time to the file named by AAP_BENCH_PEAK_FILE, for bench/scale.bench.ts.
import { writeFileSync } from "node:fs";

const file = process.env.AAP_BENCH_PEAK_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssMB: Math.round(usage.maxRSS / 1024), cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
