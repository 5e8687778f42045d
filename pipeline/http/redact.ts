/**
 * Secrets must never reach a log line, an error or a file. Three defences:
 * query parameters and user info that look like credentials are masked in every URL we
 * print, the values of credential headers count as secrets, and every known secret value
 * is replaced wherever it appears in a text, as written or as a server would echo it back.
 */

/**
 * Names of query parameters that carry credentials, by their ending: token, access_token,
 * accessToken, client_secret, api_key, x-api-key, X-Amz-Signature, sig, password, auth…
 * A harmless parameter that happens to end like one (sort_key) is masked too: a URL we
 * print loses a detail, never a secret.
 */
const SECRET_PARAM = /(token|secret|passw(or)?d|pwd|key|signature|sig|auth|credentials?|jwt)$/i;

/** Headers whose value is a credential: Authorization, Proxy-Authorization, X-API-KEY, Private-Token, Cookie… */
const CREDENTIAL_HEADER = /(authorization|key|token|secret|password|cookie)$/i;

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

/**
 * The secrets a request carries in its headers: the whole value, and the credential alone
 * after its scheme (`Bearer <token>`), since a server that echoes one usually echoes the token.
 */
export function credentialHeaderValues(headers: Readonly<Record<string, string>> | undefined): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!CREDENTIAL_HEADER.test(name) || !value) continue;
    values.push(value);
    const credential = /^\S+\s+(\S+)$/.exec(value.trim())?.[1];
    if (credential) values.push(credential);
  }
  return values;
}

/**
 * Replace every occurrence of each secret (at least 4 characters long) with `***`, also in
 * the forms a server echoes it: percent-encoded (a URL it repeats) and JSON-escaped.
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join("***");
    }
  }
  return out;
}
