// Small helpers shared by the suites.

/** The p-th percentile of ascending `sorted` values (NaN when there are none). */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** "600 COMPLETED, 2 FAILED": how many of each value. */
export function tally(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/**
 * Runs `job(i)` for i = 0..count-1 with `concurrency` in flight; with `rate` > 0, job i starts no
 * earlier than i / rate seconds after the first.
 */
export async function paced(count, concurrency, rate, job) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        if (rate > 0) {
          const wait = start + (i * 1000) / rate - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await job(i);
      }
    }),
  );
}

/**
 * Gives each member of club-aurora `centavos` of credit in payments' database, booked like a top-up (a
 * wallet and two ledger entries), so balance = ledger holds for the runs.
 */
/** Makes the bench's members members of club-aurora in the gateway's directory (as a staff import would). */
export function enrolMembers(gatewayDb, members) {
  return gatewayDb.query(
    `INSERT INTO member (tenant_id, member_id) SELECT 'club-aurora', unnest($1::text[]) ON CONFLICT DO NOTHING`,
    [members],
  );
}

export function fundMembers(paymentsDb, members, centavos) {
  return paymentsDb.query(
    `WITH m AS (SELECT unnest($1::text[]) AS member_id)
     , w AS (INSERT INTO wallet (tenant_id, member_id, available_centavos) SELECT 'club-aurora', member_id, $2 FROM m)
     INSERT INTO ledger_entry (tenant_id, movement_id, kind, reference, account, amount_centavos)
     SELECT 'club-aurora', gen_random_uuid(), 'top-up', 'seed', a.account, a.amount
       FROM m, LATERAL (VALUES ('external:stripe', -$2::bigint), ('member:' || m.member_id || ':available', $2::bigint)) AS a(account, amount)`,
    [members, centavos],
  );
}
