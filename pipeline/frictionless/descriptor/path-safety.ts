/**
 * The URL-or-path rule of the spec: a descriptor may point at an http(s)/ftp(s) URL or at a
 * relative POSIX path that stays inside the package. Checked before anything is read, so a
 * descriptor cannot make us read `/etc/passwd`, `../secrets` or a hidden folder.
 */

const REMOTE_RE = /^(?:https?|ftps?):\/\//i;

export function isRemotePath(path: string): boolean {
  return REMOTE_RE.test(path);
}

/** Why `path` may not be used, or undefined when it is safe. */
export function unsafePathReason(path: string): string | undefined {
  if (isRemotePath(path)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return "only http, https, ftp and ftps URLs are allowed";
  if (path.startsWith("/") || path.startsWith("~")) return "absolute paths are not allowed";
  if (path.includes("\\")) return "backslashes are not allowed: use / as separator";
  if (path.includes("\0")) return "NUL characters are not allowed";
  const segments = path.split("/");
  if (segments.includes("..")) return "\"..\" is not allowed: the file must stay inside the package folder";
  if (segments.some((s) => s.startsWith("."))) return "hidden files and folders (starting with \".\") are not allowed";
  return undefined;
}
