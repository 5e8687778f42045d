import { formatBytes } from "../log/format.ts";
import type { Plan, ResourcePlan } from "./plan.ts";

/**
 * The plan for people (text, one line per dataset and resource) or for the job summary
 * (JSON). Same content: action, fields that change, sizes.
 */
export function formatPlan(plans: Plan | readonly Plan[], format: "text" | "json"): string {
  const list = Array.isArray(plans) ? (plans as readonly Plan[]) : [plans as Plan];
  if (format === "json") return JSON.stringify(list.map(planSummary), null, 2);
  return list.map(planText).join("\n\n");
}

/** Counts by action, e.g. for "would create 1 resource, replace 2, skip 5". */
export function countActions(plan: Plan): Record<ResourcePlan["action"], number> {
  const counts = { create: 0, replace: 0, "update-metadata": 0, unchanged: 0, delete: 0 };
  for (const step of plan.resources) counts[step.action] += 1;
  return counts;
}

function planSummary(plan: Plan) {
  return { ...plan, counts: countActions(plan), uploadBytes: uploadBytes(plan) };
}

function uploadBytes(plan: Plan): number {
  return plan.resources.reduce((sum, step) => sum + (step.action === "create" || step.action === "replace" ? (step.bytes ?? 0) : 0), 0);
}

function planText(plan: Plan): string {
  const dataset = plan.dataset;
  const head =
    dataset.action === "create"
      ? `dataset ${plan.package} "${dataset.title}": create`
      : dataset.action === "restore"
        ? `dataset ${plan.package} (${dataset.id}) "${dataset.title}": restore (deleted on the server)${dataset.fields.length > 0 ? `, then update metadata (${dataset.fields.join(", ")})` : ""}`
        : dataset.action === "update"
        ? `dataset ${plan.package} (${dataset.id}) "${dataset.title}": update metadata (${dataset.fields.join(", ")})`
        : `dataset ${plan.package} (${dataset.id}) "${dataset.title}": unchanged`;
  const width = Math.max(0, ...plan.resources.map((step) => step.key.length), ...(plan.withheld ?? []).map((file) => file.key.length));
  const lines = plan.resources.map((step) => `  ${step.key.padEnd(width)}  ${resourceText(step)}`);
  // A withheld file already absent from the server has no step: its line says why it is not there.
  const stepKeys = new Set(plan.resources.map((step) => step.key));
  for (const file of plan.withheld ?? []) if (!stepKeys.has(file.key)) lines.push(`  ${file.key.padEnd(width)}  not offered: ${file.reason}`);
  if (plan.reorder) lines.push("  reorder resources to the package order");
  const counts = countActions(plan);
  lines.push(
    `  total: ${counts.create} to create, ${counts.replace} to replace, ${counts["update-metadata"]} metadata to update, ${counts.unchanged} unchanged, ${counts.delete} to delete; ${formatBytes(uploadBytes(plan))} to upload`,
  );
  return [head, ...lines].join("\n");
}

function resourceText(step: ResourcePlan): string {
  const fields = step.fields && step.fields.length > 0 ? ` + metadata (${step.fields.join(", ")})` : "";
  switch (step.action) {
    case "create":
      return `create: upload ${formatBytes(step.bytes)} + metadata`;
    case "replace":
      return `replace: upload ${formatBytes(step.bytes)} (was ${formatBytes(step.remoteBytes)}) on ${step.id}${fields || " + metadata"}`;
    case "update-metadata":
      return step.adopted
        ? `adopt the file uploaded by an interrupted run (${step.id}) + metadata (${(step.fields ?? []).join(", ")})`
        : `update metadata (${(step.fields ?? []).join(", ")})`;
    case "unchanged":
      return `unchanged (${formatBytes(step.bytes)})`;
    case "delete":
      return `delete ${step.id} "${step.title}" (${formatBytes(step.remoteBytes)}): ${step.reason === undefined ? "no longer in the package" : `not offered: ${step.reason}`}`;
  }
}
