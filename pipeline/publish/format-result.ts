import { formatBytes } from "../log/format.ts";
import type { PublishResult } from "./publish-dataset.ts";

/** What a publication did, for people (one line per action and a total) or as JSON. */
export function formatPublishResult(results: PublishResult | readonly PublishResult[], format: "text" | "json"): string {
  const list = Array.isArray(results) ? (results as readonly PublishResult[]) : [results as PublishResult];
  if (format === "json") return JSON.stringify(list.map((result) => ({ ...result, totals: totals(result) })), null, 2);
  return list.map(resultText).join("\n\n");
}

function totals(result: PublishResult): { httpCalls: number; bytes: number; writes: number } {
  const writes = result.actions.filter((action) => action.step !== "read" && action.ok).length;
  return result.actions.reduce((sum, action) => ({ ...sum, httpCalls: sum.httpCalls + action.httpCalls, bytes: sum.bytes + action.bytes }), { httpCalls: 0, bytes: 0, writes });
}

function resultText(result: PublishResult): string {
  const where = result.dataset ? `${result.dataset.id}${result.dataset.page ? ` ${result.dataset.page}` : ""}` : "not created";
  const head = `${result.dryRun ? "dry run" : "published"} ${result.plan.package} on ${result.instance}: dataset ${where}`;
  const lines = result.actions
    .filter((action) => action.step !== "read")
    .map((action) => `  ${action.ok ? "done  " : "FAILED"} ${action.step}${action.resource ? ` ${action.resource}` : ""} (${action.httpCalls} HTTP calls${action.bytes ? `, ${formatBytes(action.bytes)} sent` : ""})`);
  const total = totals(result);
  if (!result.dryRun && total.writes === 0) lines.push("  nothing to change");
  lines.push(`  total: ${total.writes} writes, ${total.httpCalls} HTTP calls, ${formatBytes(total.bytes)} sent`);
  return [head, ...lines].join("\n");
}
