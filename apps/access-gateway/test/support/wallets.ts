import type { DataSource } from 'typeorm';

/**
 * Credits wallets in payments' database the way a top-up is booked: the balance and its two ledger
 * entries (external account out, member's available account in), so balance = ledger still holds.
 */
export async function fundWallets(
  payments: DataSource,
  tenant: string,
  members: { id: string; centavos: number }[],
): Promise<void> {
  await payments.query(
    `WITH m AS (SELECT * FROM unnest($2::text[], $3::bigint[]) AS t(member_id, amount) WHERE amount > 0)
     , w AS (INSERT INTO wallet (tenant_id, member_id, available_centavos)
             SELECT $1, member_id, amount FROM m
             ON CONFLICT (tenant_id, member_id) DO UPDATE SET available_centavos = wallet.available_centavos + excluded.available_centavos)
     INSERT INTO ledger_entry (tenant_id, movement_id, kind, reference, account, amount_centavos)
     SELECT $1, mv.id, 'top-up', 'seed', a.account, a.amount
       FROM m, LATERAL (SELECT gen_random_uuid() AS id) mv,
            LATERAL (VALUES ('external:stripe', -m.amount), ('member:' || m.member_id || ':available', m.amount)) AS a(account, amount)`,
    [tenant, members.map((m) => m.id), members.map((m) => m.centavos)],
  );
}
