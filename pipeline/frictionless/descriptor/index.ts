export type * from "./types.ts";
export { loadDialect, loadPackage, loadResource, loadSchema } from "./load.ts";
export type { LoadOptions } from "./load.ts";
export { validateDialectDescriptor, validatePackageDescriptor, validateResourceDescriptor, validateSchemaDescriptor } from "./validate.ts";
export { normaliseDialect, normaliseField, normalisePackage, normaliseResource, normaliseSchema } from "./upgrade-to-v2.ts";
export { isRemotePath, unsafePathReason } from "./path-safety.ts";
export { descriptorBase, readDescriptor, resolveDescriptorPath } from "./read-descriptor.ts";
