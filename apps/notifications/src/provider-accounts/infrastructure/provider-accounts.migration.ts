import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `provider_account`: a club's own account with a provider (Twilio, the WhatsApp Cloud API, FCM, SMTP),
 * one per club and provider. The whole account — secrets and settings — is one AES-256-GCM ciphertext
 * bound to (tenant_id, provider); `key_id` names the key of CREDENTIALS_KEYS that sealed it.
 */
export class CreateProviderAccounts1765300000000 implements MigrationInterface {
  readonly name = 'CreateProviderAccounts1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_account (
        tenant_id  text NOT NULL,
        provider   text NOT NULL CHECK (provider IN ('twilio', 'whatsapp-cloud', 'fcm', 'smtp')),
        key_id     text NOT NULL,
        iv         bytea NOT NULL CHECK (octet_length(iv) = 12),
        ciphertext bytea NOT NULL,
        auth_tag   bytea NOT NULL CHECK (octet_length(auth_tag) = 16),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, provider)
      )`);
    // A rotation looks for the rows still under an older key.
    await q.query('CREATE INDEX provider_account_key ON provider_account (key_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE provider_account');
  }
}
