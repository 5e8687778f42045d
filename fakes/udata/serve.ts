import { startUdataServer } from "./udata-server.ts";

/** Standalone fake data.gouv.fr for manual end-to-end runs: prints `{url, apiKey, organizationId}` and serves until killed. */

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf("--port");
  if (index < 0) return 0;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port expects an integer between 0 and 65535, got ${argv[index + 1] ?? "nothing"}`);
    process.exit(2);
  }
  return port;
}

const server = await startUdataServer({ port: portArgument(process.argv.slice(2)) });
console.log(JSON.stringify({ url: server.url, apiKey: server.apiKey, organizationId: server.organizationId }));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
