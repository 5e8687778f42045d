import { describe, expect, it } from "vitest";
import { datagouvConfigFromEnv } from "./config.ts";
import { describeThrown } from "../../frictionless/index.ts";

describe("datagouvConfigFromEnv", () => {
  it("defaults to production and knows the short names of the other instances", () => {
    expect(datagouvConfigFromEnv({}).baseUrl).toBe("https://www.data.gouv.fr");
    expect(datagouvConfigFromEnv({ DATAGOUV_URL: "demo" }).baseUrl).toBe("https://demo.data.gouv.fr");
    expect(datagouvConfigFromEnv({ DATAGOUV_URL: "dev" }).baseUrl).toBe("https://dev.data.gouv.fr");
  });

  it("accepts any base URL, with or without /api/1 and trailing slash", () => {
    expect(datagouvConfigFromEnv({ DATAGOUV_URL: "http://127.0.0.1:4321/" }).baseUrl).toBe("http://127.0.0.1:4321");
    expect(datagouvConfigFromEnv({ DATAGOUV_URL: "http://127.0.0.1:4321/api/1/" }).baseUrl).toBe("http://127.0.0.1:4321");
  });

  it("reads the key and the organization, and refuses a URL it cannot use", () => {
    expect(datagouvConfigFromEnv({ DATAGOUV_API_KEY: " cle-fictive ", DATAGOUV_ORGANIZATION: "org-fictive" })).toMatchObject({ apiKey: "cle-fictive", organization: "org-fictive" });
    expect(() => datagouvConfigFromEnv({ DATAGOUV_URL: "ftp://example.test" })).toThrow(expect.objectContaining({ code: "datagouv-config" }));
  });

  it("refuses credentials in DATAGOUV_URL, and never repeats them", () => {
    for (const url of ["https://jeton:CLE-CANARI-0001@demo.data.gouv.fr", "https://CLE-CANARI-0001@127.0.0.1:4321/api/1", "htps://jeton:CLE-CANARI-0001@hote-fictif"]) {
      let error: unknown;
      try {
        datagouvConfigFromEnv({ DATAGOUV_URL: url });
      } catch (caught) {
        error = caught;
      }
      expect(error, url).toMatchObject({ code: "datagouv-config", message: expect.stringContaining("DATAGOUV_URL") });
      expect(JSON.stringify({ ...(error as object), message: describeThrown(error).message }), url).not.toContain("CLE-CANARI");
    }
  });
});
