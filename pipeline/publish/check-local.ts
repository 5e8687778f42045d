import { PublishError } from "./errors.ts";
import { slugify } from "./slugify.ts";
import type { LocalDataset } from "./types.ts";
import { datagouvFrequency, datagouvLicense } from "./vocabularies.ts";

// udata's TAG_MIN_LENGTH / TAG_MAX_LENGTH, applied after slugification (docs/datagouv-api.md §6.3).
const TAG_MIN = 3;
const TAG_MAX = 96;

/**
 * Refuse, before any call, what data.gouv.fr would refuse halfway through a publication
 * (or what must never be published: a package that failed validation).
 */
export function checkLocalDataset(local: LocalDataset): void {
  const fail = (code: PublishError["code"], location: string, message: string, hint: string): never => {
    throw new PublishError({ code, package: local.package, message: `package "${local.package}", ${location}: ${message}`, hint });
  };
  if (local.valid === false) {
    fail("invalid-package", "validation", "the package failed validation", "nothing is published until the validation report is clean: fix the errors it lists");
  }
  if (!datagouvLicense(local.license)) {
    fail("unknown-license", "license", `licence "${local.license}" has no data.gouv.fr equivalent`, "use etalab-2.0, ODbL-1.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, PDDL-1.0 or ODC-By-1.0");
  }
  if (!datagouvFrequency(local.frequency)) {
    fail("unknown-frequency", "frequency", `"${local.frequency}" is not a data.gouv.fr update frequency`, 'use one of data.gouv.fr\'s, e.g. "daily"');
  }
  local.tags.forEach((tag, index) => {
    const length = slugify(tag).length;
    if (length < TAG_MIN || length > TAG_MAX) {
      fail("invalid-tag", `tags[${index}]`, `tag "${tag}" becomes "${slugify(tag)}" on data.gouv.fr, which needs ${TAG_MIN} to ${TAG_MAX} characters`, "change or remove it");
    }
  });
  const keys = new Set<string>();
  for (const resource of local.resources) {
    if (keys.has(resource.key)) fail("duplicate-key", `resource "${resource.key}"`, "two resources have this key", "each file of the package must appear once");
    keys.add(resource.key);
  }
}
