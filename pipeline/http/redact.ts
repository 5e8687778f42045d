/**
 * Secrets must never reach a log line, an error or a file. Two defences:
 * query parameters that look like credentials are masked in every URL we print,
 * and every known secret value is replaced wherever it appears in a text.
 */
const SECRET_PARAM = /^(token|access_token|api_key|apikey|key|secret|password|auth|signature|sig)$/i;

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? "***" : "";
    parsed.password = parsed.password ? "***" : "";
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, "***");
  }
  return parsed.toString();
}

/** Replace every occurrence of each secret (at least 4 characters long) with `***`. */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}
