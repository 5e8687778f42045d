import { failureMessage, ISSUE_TITLE, issueBody, recoveryMessage, type RunLink } from "./alert-message.ts";
import type { IssueRef, IssueTracker } from "./github-issues.ts";
import type { RunSummary } from "./run-summary.ts";
import { postToWebhook } from "./webhook.ts";

/** Where alerts go: the issue, and a chat webhook when one is configured. */
export interface AlertChannels {
  tracker: IssueTracker;
  webhookUrl?: string;
}

export interface NotifyResult {
  /** What was done to the issue. */
  action: "opened" | "commented" | "closed" | "nothing";
  issue?: IssueRef;
  commentUrl?: string;
  webhook: boolean;
}

/**
 * The alert cycle of a run: a failure opens the issue (or finds the open one) and adds itself as
 * a comment, so that N failures in a row are one issue with N comments; a success closes the open
 * issue with a comment; a success with no open issue does nothing, on no channel.
 */
export async function notifyRun(summary: RunSummary, channels: AlertChannels, link: RunLink): Promise<NotifyResult> {
  if (!summary.ok) return sendAlert(channels, failureMessage(summary, link), issueBody(link));
  return sendRecovery(channels, recoveryMessage(summary, link));
}

/** One alert: a comment on the open issue (opened first when there is none), and the chat message. */
export async function sendAlert(channels: AlertChannels, message: string, body: string): Promise<NotifyResult> {
  return bothChannels(channels, message, async () => {
    const open = await channels.tracker.findOpen();
    const issue = open ?? (await channels.tracker.open(ISSUE_TITLE, body));
    const commentUrl = await channels.tracker.comment(issue.number, message);
    return { action: open ? "commented" : "opened", issue, commentUrl, webhook: false };
  });
}

async function sendRecovery(channels: AlertChannels, message: string): Promise<NotifyResult> {
  return bothChannels(channels, message, async () => {
    const open = await channels.tracker.findOpen();
    if (!open) return { action: "nothing", webhook: false };
    const commentUrl = await channels.tracker.comment(open.number, message);
    await channels.tracker.close(open.number);
    return { action: "closed", issue: open, commentUrl, webhook: false };
  });
}

/**
 * The issue first, then the chat with the same message and a link to the comment. The chat is
 * told even when GitHub failed: one channel down must not silence the other; GitHub's error is
 * thrown after. Nothing done on the issue (a success after successes): nothing on the chat.
 */
async function bothChannels(channels: AlertChannels, message: string, onGithub: () => Promise<NotifyResult>): Promise<NotifyResult> {
  let result: NotifyResult | undefined;
  let failure: unknown;
  try {
    result = await onGithub();
  } catch (error) {
    failure = error;
  }
  if (channels.webhookUrl && result?.action !== "nothing") {
    await postToWebhook(channels.webhookUrl, result?.commentUrl ? `${message}\n\nSuivi : ${result.commentUrl}` : message);
    if (result) result.webhook = true;
  }
  if (result === undefined) throw failure;
  return result;
}
