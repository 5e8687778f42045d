import { tableSourceProperties, urlOption, type TableSourceOptions } from "../../options-schema.ts";

/** `source: { connector: file, … }`: a table file on disk (beside the declaration) or at a URL. */
export interface FileOptions extends TableSourceOptions {
  /** Relative to the declaration folder. Exactly one of `path` and `url`. */
  path?: string;
  /** `https://` (plain `http://` only for 127.0.0.1 and localhost, for tests and local mirrors). Format by default: from the file extension, then the content type, then CSV. */
  url?: string;
}

export const fileOptionsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  oneOf: [{ required: ["path"] }, { required: ["url"] }],
  properties: {
    path: { type: "string", minLength: 1 },
    url: urlOption,
    ...tableSourceProperties,
  },
} as const;
