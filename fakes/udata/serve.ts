import { parseArgs } from "node:util";
import type { SeenRequest } from "../http/local-server.ts";
import { startUdataServer } from "./udata-server.ts";

/**
 * `npm run fake:datagouv`: the fake data.gouv.fr as a tool, so a data team can rehearse a
 * publication on its own machine before pointing at demo.data.gouv.fr. It prints its URL, an API
 * key and an organization, logs each request it answers, and forgets everything when stopped.
 */

const USAGE = `Usage: npm run fake:datagouv -- [options]

A udata-compatible data.gouv.fr API on 127.0.0.1, in memory, for rehearsing a publication.

Options:
  --port N        listen on this port (default: a free one)
  --latency MS    every API request waits MS milliseconds first, as a slow server would
  --faults RATE   this share of API requests fails, as a flaky network would (0 to 1): half
                  with 500/502/503, a quarter with 429 and Retry-After, a quarter with a reset
  --seed N        the draw of --faults (default 1): the same seed fails the same requests
  --quiet         do not print each request
  --help          this help`;

interface ServeOptions {
  port: number;
  latencyMs: number;
  faultRate: number;
  seed: number;
  quiet: boolean;
}

function number(name: string, text: string | undefined, fallback: number, valid: (value: number) => boolean, expected: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !valid(value)) throw new RangeError(`--${name} expects ${expected}, got "${text}"`);
  return value;
}

function parseOptions(argv: string[]): ServeOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      latency: { type: "string" },
      faults: { type: "string" },
      seed: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return "help";
  return {
    port: number("port", values.port, 0, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, "an integer from 0 to 65535"),
    latencyMs: number("latency", values.latency, 0, (v) => Number.isInteger(v) && v >= 0, "a whole number of milliseconds"),
    faultRate: number("faults", values.faults, 0, (v) => v >= 0 && v <= 1, "a share between 0 and 1, e.g. 0.1"),
    seed: number("seed", values.seed, 1, Number.isInteger, "an integer"),
    quiet: values.quiet ?? false,
  };
}

function describeAnswer(request: SeenRequest): string {
  const outcome = request.status === 0 ? "no answer" : String(request.status);
  return `${request.method} ${request.path}${request.search} → ${outcome}${request.fault ? ` (injected ${request.fault})` : ""}`;
}

let options: ServeOptions | "help";
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`fake:datagouv: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (options === "help") {
  console.log(USAGE);
  process.exit(0);
}

const settings = options;
const server = await startUdataServer({ port: settings.port, onAnswered: settings.quiet ? undefined : (request) => console.log(`  ${describeAnswer(request)}`) }).catch((error: unknown) => {
  console.error(`fake:datagouv: cannot listen on port ${settings.port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
if (settings.latencyMs > 0) server.faults.setLatency(settings.latencyMs);
if (settings.faultRate > 0) {
  const rate = settings.faultRate;
  server.faults.setRandomFaults({ seed: settings.seed, serverError: rate / 2, tooManyRequests: rate / 4, reset: rate / 4 });
}

console.log(`Fake data.gouv.fr (a udata-compatible API, in memory)
  url:           ${server.url}
  api key:       ${server.apiKey}
  organization:  ${server.organizationId}
${settings.latencyMs > 0 ? `  latency:       ${settings.latencyMs} ms per API request\n` : ""}${settings.faultRate > 0 ? `  faults:        ${settings.faultRate} of API requests (seed ${settings.seed})\n` : ""}
Rehearse a publication from another terminal:
  DATAGOUV_URL=${server.url} DATAGOUV_API_KEY=${server.apiKey} DATAGOUV_ORGANIZATION=${server.organizationId} npm run aap -- run

Ctrl-C stops it; everything it holds is forgotten.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
