import type { Plan } from "./plan.ts";

/** One unit of work and what it cost, for the run report. */
export interface PublishAction {
  step: "read" | "create-dataset" | "restore-dataset" | "update-dataset" | "upload" | "replace" | "update-metadata" | "delete" | "reorder";
  resource?: string;
  ok: boolean;
  httpCalls: number;
  /** File bytes sent. */
  bytes: number;
}

/** Progress, for log lines. Carries ids and names, never the API key. */
export type PublishEvent =
  | { type: "plan"; plan: Plan }
  | { type: "action"; action: PublishAction; error?: string }
  | { type: "recover"; round: number; reason: string };
