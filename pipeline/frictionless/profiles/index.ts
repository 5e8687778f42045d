export type { JsonSchema } from "./common.ts";
export { dialectProfile } from "./dialect.ts";
export { fieldProfile, schemaProfile } from "./schema.ts";
export { resourceProfile } from "./resource.ts";
export { packageProfile } from "./package.ts";
