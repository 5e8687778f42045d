import { randomBytes, randomUUID } from "node:crypto";

/** MongoDB-like ObjectId: 4 bytes of seconds since epoch, then 8 random bytes, as 24 hex chars. */
export function newObjectId(): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  return seconds + randomBytes(8).toString("hex");
}

export function isObjectId(value: string): boolean {
  return /^[0-9a-f]{24}$/i.test(value);
}

export function newResourceId(): string {
  return randomUUID();
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** udata renders naive UTC datetimes with an explicit `+00:00` offset. */
export function nowIso(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}
