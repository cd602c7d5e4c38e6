import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../shared/domain/channels';
import type { Sealed } from '../application/ports/credentials-cipher.port';
import type {
  ProviderAccountsRepositoryPort,
  StoredAccount,
} from '../application/ports/provider-accounts.repository.port';

/** Clubs' own provider accounts in SQL (`provider_account`): sealed bytes only, never plaintext. */
@Injectable()
export class ProviderAccountsRepository implements ProviderAccountsRepositoryPort {
  async find(tx: Transaction, tenantId: string, provider: ProviderName): Promise<StoredAccount | undefined> {
    const [row] = await tx.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM provider_account WHERE tenant_id = $1 AND provider = $2`,
      [tenantId, provider],
    );
    return row && toStored(row);
  }

  async list(tx: Transaction, tenantId: string): Promise<StoredAccount[]> {
    const rows = await tx.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM provider_account WHERE tenant_id = $1 ORDER BY provider`,
      [tenantId],
    );
    return rows.map(toStored);
  }

  async save(
    tx: Transaction,
    tenantId: string,
    provider: ProviderName,
    sealed: Sealed,
    updatedBy: string,
  ): Promise<StoredAccount> {
    const [row] = await tx.query<AccountRow[]>(
      `INSERT INTO provider_account (tenant_id, provider, key_id, iv, ciphertext, auth_tag, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, provider) DO UPDATE SET key_id = EXCLUDED.key_id, iv = EXCLUDED.iv,
         ciphertext = EXCLUDED.ciphertext, auth_tag = EXCLUDED.auth_tag,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [tenantId, provider, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag, updatedBy],
    );
    return toStored(row);
  }

  async remove(tx: Transaction, tenantId: string, provider: ProviderName): Promise<boolean> {
    // TypeORM answers an UPDATE or DELETE as [rows, affected count].
    const [, removed] = await tx.query<[unknown[], number]>(
      'DELETE FROM provider_account WHERE tenant_id = $1 AND provider = $2',
      [tenantId, provider],
    );
    return removed > 0;
  }

  async reseal(
    tx: Transaction,
    tenantId: string,
    provider: ProviderName,
    previous: Sealed,
    sealed: Sealed,
  ): Promise<boolean> {
    const [, updated] = await tx.query<[unknown[], number]>(
      `UPDATE provider_account SET key_id = $4, iv = $5, ciphertext = $6, auth_tag = $7
       WHERE tenant_id = $1 AND provider = $2 AND iv = $3`,
      [tenantId, provider, previous.iv, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag],
    );
    return updated > 0;
  }

  async sealedWithOtherKeys(
    tx: Transaction,
    keyId: string,
    after: { tenantId: string; provider: ProviderName } | undefined,
    limit: number,
  ): Promise<StoredAccount[]> {
    const rows = await tx.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM provider_account
       WHERE key_id <> $1 AND ($2::text IS NULL OR (tenant_id, provider) > ($2, $3))
       ORDER BY tenant_id, provider LIMIT $4`,
      [keyId, after?.tenantId ?? null, after?.provider ?? null, limit],
    );
    return rows.map(toStored);
  }
}

interface AccountRow {
  tenant_id: string;
  provider: ProviderName;
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
  updated_by: string;
  updated_at: string;
}

const COLUMNS = `tenant_id, provider, key_id, iv, ciphertext, auth_tag, updated_by,
  ${isoUtc('updated_at')} AS updated_at`;

const toStored = (r: AccountRow): StoredAccount => ({
  tenantId: r.tenant_id,
  provider: r.provider,
  sealed: { keyId: r.key_id, iv: r.iv, ciphertext: r.ciphertext, tag: r.auth_tag },
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});
