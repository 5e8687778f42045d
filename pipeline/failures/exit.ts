/**
 * The exit statuses every command keeps to. This file imports nothing: `aap --help` loads it
 * without the rest of the error model. A command stopped by a signal exits as a shell reports a
 * process the signal ended, 128 + its number (stop-request.ts).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];
