export type { ValidationError, ErrorLocation, ErrorProps, ErrorSpec } from "./types.ts";
export { ERROR_SPECS, ERROR_FAMILIES, METADATA_ERROR_TYPES } from "./catalogue.ts";
export { createError, renderTemplate } from "./create-error.ts";
export { errorMatches, isErrorOfFamily } from "./match.ts";
export { CodedError, describeThrown } from "./coded-error.ts";
export type { CodedErrorInit, CodedErrorLocation, ThrownDescription } from "./coded-error.ts";
export { DescriptorError } from "./descriptor-error.ts";
export type { DescriptorErrorCode } from "./descriptor-error.ts";
export { MAX_QUOTED_CHARS, MAX_QUOTED_ITEMS, quotedList, quotedText } from "./bounds.ts";
