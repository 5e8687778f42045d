import { formatBytes } from "../log/format.ts";
import type { Plan } from "./plan.ts";

/**
 * What changed on the server behind our back, read from a plan made for a package that did
 * not change since it was published: every step of such a plan undoes a change made on
 * data.gouv.fr (a resource deleted or retitled, a dataset emptied or deleted). Empty: in sync.
 */
export function describeDrift(plan: Plan): string[] {
  const drift: string[] = [];
  const dataset = plan.dataset;
  if (dataset.action === "create") drift.push("the dataset is missing on the server (deleted or purged): it is created again with every file");
  if (dataset.action === "restore") drift.push(`the dataset ${dataset.id} was deleted on the server: it is restored, with the same id and address`);
  if (dataset.action === "update") drift.push(`dataset metadata changed on the server (${dataset.fields.join(", ")}): put back`);
  if (dataset.action === "create") return drift;
  for (const step of plan.resources) {
    switch (step.action) {
      case "create":
        drift.push(`${step.key}: missing on the server: uploaded again (${formatBytes(step.bytes)})`);
        break;
      case "replace":
        drift.push(`${step.key}: the file on the server differs (${formatBytes(step.remoteBytes)}, another sha1): uploaded again`);
        break;
      case "update-metadata":
        drift.push(
          step.adopted
            ? `${step.key}: a file uploaded by an interrupted run (${step.id}) is taken over`
            : `${step.key}: metadata changed on the server (${(step.fields ?? []).join(", ") || "our marker"}): put back`,
        );
        break;
      case "delete":
        drift.push(
          step.reason === undefined
            ? `${step.key}: resource ${step.id} "${step.title}" carries our marker but is not in the package: deleted`
            : `${step.key}: resource ${step.id} "${step.title}" is on the server but not offered (${step.reason}): deleted`,
        );
        break;
      case "unchanged":
        break;
    }
  }
  if (plan.reorder) drift.push("resources out of the package order: reordered");
  return drift;
}
