import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** npm run bench: runs every bench/*.bench.ts in turn, each in its own process. */
const here = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here).filter((name) => name.endsWith(".bench.ts")).sort()) {
  console.log(`\n=== ${file}`);
  execFileSync(process.execPath, ["--import", "tsx", join(here, file), ...process.argv.slice(2)], { stdio: "inherit" });
}
