import { httpRequest } from "../http/client.ts";
import { HttpError } from "../http/errors.ts";
import { WatchError } from "./errors.ts";

/**
 * The chat alert: one POST of `{"text": …}` to an incoming webhook, the format Mattermost and
 * Slack take (and Tchap through its Mattermost-compatible bridges). The address is a secret (it
 * carries its own token): errors name its host only.
 */
export async function postToWebhook(address: string, text: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new WatchError({ code: "alert-config", message: "AAP_ALERT_WEBHOOK_URL is not a URL", hint: "set it to the incoming webhook's address, https://…" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new WatchError({ code: "alert-config", message: `AAP_ALERT_WEBHOOK_URL must be an http(s) address, not ${url.protocol}`, hint: "set it to the incoming webhook's address, https://…" });
  }
  try {
    // Not retried (a POST): a message posted twice is noise, and the issue holds the alert anyway.
    await httpRequest({ method: "POST", url: address, json: { text }, secrets: [address, url.pathname, url.search] });
  } catch (error) {
    const reason = error instanceof HttpError && error.status !== undefined ? `it answered ${error.status}` : "it could not be reached";
    throw new WatchError({ code: "webhook-failed", message: `the chat webhook at ${url.host} did not take the alert: ${reason}`, hint: "check AAP_ALERT_WEBHOOK_URL (the webhook may have been deleted or disabled)" });
  }
}
