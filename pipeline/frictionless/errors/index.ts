export type { ValidationError, ErrorLocation, ErrorProps, ErrorSpec } from "./types.ts";
export { ERROR_SPECS, ERROR_FAMILIES, METADATA_ERROR_TYPES } from "./catalogue.ts";
export { createError, renderTemplate } from "./create-error.ts";
export { errorMatches, isErrorOfFamily } from "./match.ts";
export { DescriptorError } from "./descriptor-error.ts";
export { MAX_QUOTED_CHARS, MAX_QUOTED_ITEMS, quotedList, quotedText } from "./bounds.ts";
