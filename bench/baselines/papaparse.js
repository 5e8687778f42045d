// Baseline, as its own process: papaparse parses the CSV file (streamed), nothing else.
// node bench/baselines/papaparse.js <file.csv>  → {"rows":N}
import { createReadStream } from "node:fs";
import Papa from "papaparse";

let rows = -1;
Papa.parse(createReadStream(process.argv[2], { encoding: "utf8" }), {
  step: () => {
    rows++;
  },
  complete: () => console.log(JSON.stringify({ rows })),
  error: (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
});
