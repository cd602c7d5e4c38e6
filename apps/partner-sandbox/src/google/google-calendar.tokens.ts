import { createHash } from 'node:crypto';

/**
 * The opaque tokens of `events.list`. Both are self-describing (base64url JSON, no secret: a sandbox
 * client gains nothing by forging one) and tied to the calendar's sync generation, which the admin API
 * bumps to make every outstanding sync token stale (410 `fullSyncRequired`).
 */

/** Where an incremental sync resumes: changes after `seq` in that generation of the calendar. */
export interface SyncPosition {
  calendarId: string;
  generation: number;
  seq: number;
}

/**
 * Where the next page starts: after the item whose sort key is `after`, in a listing that answers
 * changes up to `snapshot` (its closing sync token) — and, for an incremental one, after `since`.
 */
export interface PagePosition {
  calendarId: string;
  generation: number;
  snapshot: number;
  since: number | null;
  after: number[];
  /** The query the token belongs to: the next page must be asked with the same filters. */
  query: string;
}

const SYNC_PREFIX = 'CSbx';
const PAGE_PREFIX = 'EkSbx';

export function encodeSyncToken(position: SyncPosition): string {
  return (
    SYNC_PREFIX +
    Buffer.from(JSON.stringify([position.calendarId, position.generation, position.seq])).toString(
      'base64url',
    )
  );
}

/** The position, or null for a token the sandbox never issued. */
export function decodeSyncToken(token: string): SyncPosition | null {
  const fields = decode(token, SYNC_PREFIX);
  if (!Array.isArray(fields) || fields.length !== 3) return null;
  const [calendarId, generation, seq] = fields as unknown[];
  if (typeof calendarId !== 'string' || !isCount(generation) || !isCount(seq)) return null;
  return { calendarId, generation, seq };
}

export function encodePageToken(position: PagePosition): string {
  const { calendarId, generation, snapshot, since, after, query } = position;
  return (
    PAGE_PREFIX +
    Buffer.from(JSON.stringify([calendarId, generation, snapshot, since, after, query])).toString('base64url')
  );
}

export function decodePageToken(token: string): PagePosition | null {
  const fields = decode(token, PAGE_PREFIX);
  if (!Array.isArray(fields) || fields.length !== 6) return null;
  const [calendarId, generation, snapshot, since, after, query] = fields as unknown[];
  if (
    typeof calendarId !== 'string' ||
    !isCount(generation) ||
    !isCount(snapshot) ||
    !(since === null || isCount(since)) ||
    !Array.isArray(after) ||
    !after.every((n) => typeof n === 'number') ||
    typeof query !== 'string'
  ) {
    return null;
  }
  return { calendarId, generation, snapshot, since, after: after as number[], query };
}

/** A short digest of the filters a listing was asked with. */
export function queryFingerprint(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** Lexicographic order of sort keys. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}

function decode(token: string, prefix: string): unknown {
  if (!token.startsWith(prefix)) return null;
  try {
    return JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
