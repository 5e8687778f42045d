// Baseline, as its own process: udsv parses the CSV file (streamed, 1 MB chunks), nothing else.
// node bench/baselines/udsv.js <file.csv>  → {"rows":N}
import { createReadStream } from "node:fs";
import { inferSchema, initParser } from "udsv";

let parser;
let rows = 0;
const count = () => {
  rows++;
};
for await (const chunk of createReadStream(process.argv[2], { encoding: "utf8", highWaterMark: 1 << 20 })) {
  parser ??= initParser(inferSchema(chunk));
  parser.chunk(chunk, parser.stringArrs, count);
}
parser?.end();
console.log(JSON.stringify({ rows }));
