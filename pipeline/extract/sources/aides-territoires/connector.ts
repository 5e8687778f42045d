import { DEFAULT_RETRY, type RetryPolicy } from "../../../http/client.ts";
import { inMemoryResult, savedSha256 } from "../../in-memory-result.ts";
import { readSecret } from "../../secrets.ts";
import type { Connector, ConnectorContext, ExtractResult } from "../../types.ts";
import { fetchAllAids } from "./fetch-aids.ts";
import { DEFAULT_BASE_URL, optionsSchema, type AidesTerritoiresOptions } from "./options.ts";
import { openSession } from "./session.ts";

export interface AidesTerritoiresDependencies {
  retry?: RetryPolicy;
}

/**
 * The calls for projects listed on Aides-territoires (the `appels` side only: it does not
 * publish lauréats). Each aid is one record, as the API gives it. The listing has no
 * cursor nor ETag: it is read whole and "unchanged" when its records hash as last time.
 */
export function createAidesTerritoiresConnector(dependencies: AidesTerritoiresDependencies = {}): Connector<AidesTerritoiresOptions> {
  return {
    kind: "aides-territoires",
    optionsSchema,
    extract: (options, context) => extractAids(options, context, dependencies.retry ?? DEFAULT_RETRY),
  };
}

export const aidesTerritoiresConnector = createAidesTerritoiresConnector();

function aidsUrl(baseUrl: string, options: Pick<AidesTerritoiresOptions, "backers" | "programs" | "filters">): string {
  const params = new URLSearchParams();
  for (const backer of options.backers ?? []) params.append("backers", backer);
  for (const program of options.programs ?? []) params.append("programs", program);
  for (const [name, value] of Object.entries(options.filters ?? {})) params.append(name, value);
  const search = params.size > 0 ? `?${params}` : "";
  return `${baseUrl}/api/aids/${search}`;
}

async function extractAids(options: AidesTerritoiresOptions, context: ConnectorContext, retry: RetryPolicy): Promise<ExtractResult> {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const firstUrl = aidsUrl(baseUrl, options);
  const session = openSession({
    baseUrl,
    apiKey: readSecret(context.env, options.tokenEnv, firstUrl),
    tokenEnv: options.tokenEnv,
    retry,
    timeoutMs: options.timeoutMs,
    logger: context.logger,
    signal: context.signal,
  });
  const fetchedAt = new Date().toISOString();
  const { aids, bytes } = await fetchAllAids(session, firstUrl, context.logger);
  context.logger.info(`Aides-territoires: ${aids.length} aids read`, { source: firstUrl });
  return inMemoryResult({
    records: aids,
    previousSha256: savedSha256(context.state),
    provenance: { source: firstUrl, title: "Aides-territoires, liste des aides", connector: "aides-territoires", fetchedAt, bytes },
    nextState: (sha256) => ({ sha256 }),
  });
}
