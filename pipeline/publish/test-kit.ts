import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatagouvClient, IDEMPOTENT_RETRY, type DatagouvClientOptions } from "./datagouv/client.ts";
import { datagouvConfigFromEnv } from "./datagouv/config.ts";
import type { RemoteDataset } from "./datagouv/types.ts";
import type { UdataServer } from "./testing/udata-server.ts";
import type { LocalDataset, LocalResource } from "./types.ts";

/** Shared by the publish tests: synthetic packages on disk and a client with short waits. */

export interface Workspace {
  dir: string;
  stateFile: string;
  /** Writes (or rewrites) the files and returns the package pointing at them. */
  write(files: Record<string, string | Buffer>, patch?: Partial<LocalDataset>): Promise<LocalDataset>;
  remove(): Promise<void>;
}

export async function createWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), "aap-publish-"));
  return {
    dir,
    stateFile: join(dir, "state", "publication.json"),
    async write(files, patch = {}) {
      const resources: LocalResource[] = [];
      for (const [key, content] of Object.entries(files)) {
        const file = join(dir, key);
        await writeFile(file, content);
        resources.push(fictiveResource(key, file));
      }
      return { ...fictivePackage(resources), ...patch };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export function fictiveResource(key: string, file: string): LocalResource {
  const format = key.split(".").pop() ?? "csv";
  return {
    key,
    file,
    title: `Fichier fictif ${key}`,
    description: `Ressource **fictive** ${key} pour les tests.`,
    type: key === "documentation.md" ? "documentation" : key === "datapackage.json" ? "other" : "main",
    format,
    ...(format === "csv" ? { schema: { url: `https://example.test/schemas/${key}.schema.json` } } : {}),
    extras: { "aap:package-version": "1.0.0-fictif" },
    provenance: { "aap:commit": "0000000fictif", "aap:validated-at": "2026-01-01T00:00:00Z" },
  };
}

export function fictivePackage(resources: LocalResource[]): LocalDataset {
  return {
    package: "paquet-fictif",
    title: "Appels à projets fictifs (jeu de test)",
    description: "Jeu de données **fictif**, publié par les tests de aap-opendata.",
    license: "etalab-2.0",
    frequency: "daily",
    tags: ["appels à projets", "Données fictives"],
    temporalCoverage: { start: "2024-01-01", end: "2024-12-31" },
    spatial: { zones: ["country:fr"], granularity: "country" },
    private: false,
    extras: { "aap:schema-version": "0.1.0-fictif" },
    resources,
  };
}

/** A client on the test server with retries that wait milliseconds, not seconds. */
export function testClient(url: string, apiKey: string | undefined, organization: string | undefined, options: DatagouvClientOptions = {}): DatagouvClient {
  const env: Record<string, string | undefined> = { DATAGOUV_URL: url, DATAGOUV_API_KEY: apiKey, DATAGOUV_ORGANIZATION: organization };
  return new DatagouvClient(datagouvConfigFromEnv(env), {
    timeoutMs: 2_000,
    uploadTimeoutMs: 2_000,
    retry: { ...IDEMPOTENT_RETRY, retries: 3, minDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
}

/** The server's datasets that are not deleted, typed as the client reads them. */
export function liveDatasets(server: UdataServer): RemoteDataset[] {
  return (server.datasets() as unknown as RemoteDataset[]).filter((dataset) => !dataset.deleted);
}

/** Requests that change something (anything but GET). */
export function writeRequests(server: UdataServer, from = 0): UdataServer["requests"] {
  return server.requests.slice(from).filter((request) => request.method !== "GET");
}

/** Downloads a resource back from its public URL. */
export async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new RangeError(`download ${url}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
